/**
 * milestones.*: the role matrix, another home's child, milestone and photo ids, titles and kinds, dates
 * (malformed, in the future, before the pregnancy), the per-child limit, the keyset page in date order
 * with thumbnails, forPhoto across children, and what trashing and purging the photo does.
 */
import { MILESTONES_PER_CHILD_MAX } from '@xiaojia/shared';
import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../integrations/ids.js';
import type { TestDeps } from '../test/deps.js';
import {
  addChild,
  appCodeOf,
  FAMILY_NOW,
  type Family,
  familyWithChild,
  insertRows,
  type TestChild,
} from '../test/family.js';
import { THUMBHASH, uploadPhoto } from '../test/photos.js';

const NOW = FAMILY_NOW;

describe('milestones', () => {
  let deps: TestDeps;
  let family: Family;
  let child: TestChild;
  beforeEach(async () => {
    ({ deps, family, child } = await familyWithChild());
  });

  it('owner and member tag, retitle and delete; a viewer sees; an outsider gets NOT_FOUND', async () => {
    const { mom, dad, grandma, stranger, homeId } = family;
    const photo = await uploadPhoto(mom.caller, homeId, { thumbhash: THUMBHASH });
    const smile = await dad.caller.milestones.create({
      homeId,
      childId: child.id,
      kind: 'first_smile',
      date: '2024-05-01',
      photoId: photo.photo.id,
    });
    expect(smile).toMatchObject({
      childId: child.id,
      kind: 'first_smile',
      title: null,
      photoId: photo.photo.id,
      thumbhash: THUMBHASH,
    });
    expect(smile.thumbUrl).toContain(photo.key);
    const custom = await mom.caller.milestones.create({
      homeId,
      childId: child.id,
      kind: 'custom',
      title: ' 第一次游泳 ',
      date: '2024-08-01',
    });
    expect(custom).toMatchObject({ title: '第一次游泳', photoId: null, thumbUrl: null, thumbhash: null });

    const page = await grandma.caller.milestones.list({ homeId, childId: child.id });
    expect(page.items.map((m) => m.id)).toEqual([smile.id, custom.id]);
    expect(page.nextCursor).toBeNull();
    expect((await grandma.caller.milestones.forPhoto({ homeId, photoId: photo.photo.id })).items).toEqual([
      {
        id: smile.id,
        childId: child.id,
        kind: 'first_smile',
        title: null,
        date: '2024-05-01',
        photoId: photo.photo.id,
        createdAt: smile.createdAt,
      },
    ]);

    const viewerCalls = {
      create: () => grandma.caller.milestones.create({ homeId, childId: child.id, kind: 'crawl', date: '2024-09-01' }),
      update: () => grandma.caller.milestones.update({ homeId, milestoneId: smile.id, date: '2024-05-02' }),
      delete: () => grandma.caller.milestones.delete({ homeId, milestoneId: smile.id }),
    };
    for (const [name, call] of Object.entries(viewerCalls)) {
      expect([name, await appCodeOf(call())]).toEqual([name, 'FORBIDDEN']);
    }
    const outsiderCalls = {
      list: () => stranger.caller.milestones.list({ homeId, childId: child.id }),
      forPhoto: () => stranger.caller.milestones.forPhoto({ homeId, photoId: photo.photo.id }),
      create: () => stranger.caller.milestones.create({ homeId, childId: child.id, kind: 'crawl', date: '2024-09-01' }),
      update: () => stranger.caller.milestones.update({ homeId, milestoneId: smile.id, date: '2024-05-02' }),
      delete: () => stranger.caller.milestones.delete({ homeId, milestoneId: smile.id }),
    };
    for (const [name, call] of Object.entries(outsiderCalls)) {
      expect([name, await appCodeOf(call())]).toEqual([name, 'NOT_FOUND']);
    }

    const moved = await dad.caller.milestones.update({ homeId, milestoneId: custom.id, kind: 'first_steps' });
    expect(moved).toMatchObject({ kind: 'first_steps', title: null, date: '2024-08-01' });
    const retitled = await dad.caller.milestones.update({
      homeId,
      milestoneId: moved.id,
      kind: 'custom',
      title: '游泳',
    });
    expect(retitled).toMatchObject({ kind: 'custom', title: '游泳' });
    expect(await dad.caller.milestones.update({ homeId, milestoneId: moved.id, title: '第一次游泳' })).toMatchObject({
      title: '第一次游泳',
    });
    // A title on a preset, or a custom one without: refused by the schema or by the merged result.
    expect(await appCodeOf(dad.caller.milestones.update({ homeId, milestoneId: smile.id, title: 'x' }))).toBe(
      'BAD_INPUT',
    );
    expect(await appCodeOf(dad.caller.milestones.update({ homeId, milestoneId: smile.id, kind: 'custom' }))).toBe(
      'BAD_INPUT',
    );
    expect(await appCodeOf(dad.caller.milestones.update({ homeId, milestoneId: moved.id, title: null }))).toBe(
      'BAD_INPUT',
    );
    const untagged = await mom.caller.milestones.update({
      homeId,
      milestoneId: smile.id,
      photoId: null,
      date: '2024-05-03',
    });
    expect(untagged).toMatchObject({ photoId: null, thumbUrl: null, date: '2024-05-03' });
    expect(await dad.caller.milestones.delete({ homeId, milestoneId: smile.id })).toEqual({ count: 1 });
    expect(await appCodeOf(dad.caller.milestones.delete({ homeId, milestoneId: smile.id }))).toBe('NOT_FOUND');
    expect((await grandma.caller.milestones.list({ homeId, childId: child.id })).items.map((m) => m.id)).toEqual([
      custom.id,
    ]);
  });

  it('another home’s child, milestone and photo ids answer NOT_FOUND from inside one’s own home', async () => {
    const { mom, stranger, homeId } = family;
    const momsPhoto = (await uploadPhoto(mom.caller, homeId)).photo.id;
    const momsMilestone = await mom.caller.milestones.create({
      homeId,
      childId: child.id,
      kind: 'crawl',
      date: '2024-09-01',
    });
    const own = stranger.homeId;
    const theirChild = await addChild(stranger, '2024-01-01');
    const theirs = await stranger.caller.milestones.create({
      homeId: own,
      childId: theirChild.id,
      kind: 'crawl',
      date: '2024-09-01',
    });
    const calls = {
      list: () => stranger.caller.milestones.list({ homeId: own, childId: child.id }),
      forPhoto: () => stranger.caller.milestones.forPhoto({ homeId: own, photoId: momsPhoto }),
      'create on their child': () =>
        stranger.caller.milestones.create({ homeId: own, childId: child.id, kind: 'crawl', date: '2024-09-01' }),
      'create with their photo': () =>
        stranger.caller.milestones.create({
          homeId: own,
          childId: theirChild.id,
          kind: 'crawl',
          date: '2024-09-01',
          photoId: momsPhoto,
        }),
      update: () =>
        stranger.caller.milestones.update({ homeId: own, milestoneId: momsMilestone.id, date: '2024-09-02' }),
      'update to their photo': () =>
        stranger.caller.milestones.update({ homeId: own, milestoneId: theirs.id, photoId: momsPhoto }),
      delete: () => stranger.caller.milestones.delete({ homeId: own, milestoneId: momsMilestone.id }),
      'an unknown photo': () => stranger.caller.milestones.forPhoto({ homeId: own, photoId: newId() }),
    };
    for (const [name, call] of Object.entries(calls))
      expect([name, await appCodeOf(call())]).toEqual([name, 'NOT_FOUND']);
    expect((await mom.caller.milestones.list({ homeId, childId: child.id })).items).toMatchObject([
      { id: momsMilestone.id, date: '2024-09-01' },
    ]);
    expect((await stranger.caller.milestones.list({ homeId: own, childId: theirChild.id })).items).toMatchObject([
      { id: theirs.id, photoId: null },
    ]);
  });

  it('refuses malformed, future and before-pregnancy dates, huge titles and unknown kinds', async () => {
    const { dad, homeId } = family;
    const create = (input: Record<string, unknown>) =>
      appCodeOf(
        dad.caller.milestones.create({
          homeId,
          childId: child.id,
          kind: 'crawl',
          date: '2024-09-01',
          ...input,
        } as never),
      );
    for (const date of ['2023-02-29', '2024-13-01', '01/02/2024', '2024-09-01T00:00:00Z']) {
      expect([date, await create({ date })]).toEqual([date, 'BAD_INPUT']);
    }
    // Today on the server is 2026-06-15 (UTC); somewhere it is already the 16th, never the 17th.
    expect(await create({ date: '2026-06-16' })).toBe('OK');
    expect(await create({ date: '2026-06-17' })).toBe('BAD_INPUT');
    // Born 2024-03-15: a pregnancy milestone may go back 280 days, to 2023-06-09, not before.
    expect(await create({ date: '2023-06-09' })).toBe('OK');
    expect(await create({ date: '2023-06-08' })).toBe('BAD_INPUT');
    expect(await create({ kind: 'custom', title: '字'.repeat(31) })).toBe('BAD_INPUT');
    expect(await create({ kind: 'custom', title: 'x'.repeat(100_000) })).toBe('BAD_INPUT');
    expect(await create({ kind: 'custom', title: '  ' })).toBe('BAD_INPUT');
    expect(await create({ kind: 'custom' })).toBe('BAD_INPUT');
    expect(await create({ kind: 'crawl', title: '爬' })).toBe('BAD_INPUT');
    expect(await create({ kind: 'fly' })).toBe('BAD_INPUT');
    expect(await create({ kind: 'custom', title: '字'.repeat(30) })).toBe('OK');
    const [first] = (await dad.caller.milestones.list({ homeId, childId: child.id })).items;
    expect(
      await appCodeOf(dad.caller.milestones.update({ homeId, milestoneId: first?.id ?? '', date: '2026-06-17' })),
    ).toBe('BAD_INPUT');
  });

  it('refuses a trashed photo and leaves a milestone without its photo once it is trashed or purged', async () => {
    const { mom, dad, grandma, homeId } = family;
    const photo = (await uploadPhoto(mom.caller, homeId)).photo.id;
    const trashed = (await uploadPhoto(mom.caller, homeId)).photo.id;
    await mom.caller.photos.trash({ homeId, ids: [trashed] });
    expect(
      await appCodeOf(
        dad.caller.milestones.create({
          homeId,
          childId: child.id,
          kind: 'crawl',
          date: '2024-09-01',
          photoId: trashed,
        }),
      ),
    ).toBe('BAD_INPUT');
    const milestone = await dad.caller.milestones.create({
      homeId,
      childId: child.id,
      kind: 'crawl',
      date: '2024-09-01',
      photoId: photo,
    });
    await mom.caller.photos.trash({ homeId, ids: [photo] });
    expect((await grandma.caller.milestones.list({ homeId, childId: child.id })).items).toMatchObject([
      { id: milestone.id, photoId: null, thumbUrl: null, thumbhash: null },
    ]);
    // The owner still sees it on the photo in the trash; restored, the milestone has its photo again.
    expect((await mom.caller.milestones.forPhoto({ homeId, photoId: photo })).items).toHaveLength(1);
    await mom.caller.photos.restore({ homeId, ids: [photo] });
    expect((await grandma.caller.milestones.list({ homeId, childId: child.id })).items).toMatchObject([
      { photoId: photo },
    ]);
    await mom.caller.photos.trash({ homeId, ids: [photo] });
    await mom.caller.photos.purge({ homeId, ids: [photo] });
    expect(await deps.db.selectFrom('milestones').select(['id', 'photo_id']).execute()).toEqual([
      { id: milestone.id, photo_id: null },
    ]);
    expect(await appCodeOf(mom.caller.milestones.forPhoto({ homeId, photoId: photo }))).toBe('NOT_FOUND');
    expect((await mom.caller.milestones.list({ homeId, childId: child.id })).items).toMatchObject([
      { id: milestone.id, kind: 'crawl', date: '2024-09-01', photoId: null },
    ]);
  });

  it('pages a child’s milestones in date order, ties by id, each with its thumbnail', async () => {
    const { mom, grandma, homeId } = family;
    const photos = [];
    for (let i = 0; i < 3; i++) photos.push(await uploadPhoto(mom.caller, homeId));
    const dates = ['2025-01-01', '2024-04-01', '2025-01-01', '2024-12-31', '2024-04-01'];
    const made = [];
    for (const [i, date] of dates.entries()) {
      made.push(
        await mom.caller.milestones.create({
          homeId,
          childId: child.id,
          kind: 'custom',
          title: `m${i}`,
          date,
          photoId: photos[i % 3]?.photo.id ?? null,
        }),
      );
    }
    const expected = [...made].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
    const seen = [];
    let cursor: string | undefined;
    do {
      const page = await grandma.caller.milestones.list({
        homeId,
        childId: child.id,
        limit: 2,
        ...(cursor ? { cursor } : {}),
      });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.map((m) => m.id)).toEqual(expected.map((m) => m.id));
    for (const m of seen) expect(m.thumbUrl).toContain(photos.find((p) => p.photo.id === m.photoId)?.key);
    expect(await appCodeOf(grandma.caller.milestones.list({ homeId, childId: child.id, cursor: 'garbage' }))).toBe(
      'BAD_INPUT',
    );
    expect(await appCodeOf(grandma.caller.milestones.list({ homeId, childId: child.id, limit: 101 }))).toBe(
      'BAD_INPUT',
    );
  });

  it('answers a repeated create with the milestone it made, and makes another for any difference', async () => {
    const { mom, dad, homeId } = family;
    const photo = (await uploadPhoto(mom.caller, homeId)).photo.id;
    const input = { homeId, childId: child.id, kind: 'first_steps' as const, date: '2025-03-01', photoId: photo };
    const first = await mom.caller.milestones.create(input);
    expect(await dad.caller.milestones.create(input)).toEqual(first);
    const others = [
      { ...input, date: '2025-03-02' },
      { ...input, photoId: null },
      { ...input, kind: 'custom' as const, title: '走路' },
      { ...input, kind: 'custom' as const, title: '跑' },
    ];
    for (const other of others) expect((await mom.caller.milestones.create(other)).id).not.toBe(first.id);
    expect((await mom.caller.milestones.list({ homeId, childId: child.id })).items).toHaveLength(5);
  });

  it(`stops at ${MILESTONES_PER_CHILD_MAX} milestones per child`, async () => {
    const { mom, homeId } = family;
    const rows = Array.from({ length: MILESTONES_PER_CHILD_MAX - 1 }, () => ({
      id: newId(),
      home_id: homeId,
      child_id: child.id,
      kind: 'crawl' as const,
      title: null,
      date: '2024-09-01',
      photo_id: null,
      created_by: mom.userId,
      created_at: NOW,
    }));
    await insertRows(deps.db, 'milestones', rows);
    const create = (date: string) =>
      appCodeOf(mom.caller.milestones.create({ homeId, childId: child.id, kind: 'stand', date }));
    expect(await create('2024-10-01')).toBe('OK');
    expect(await create('2024-10-02')).toBe('MILESTONE_LIMIT_REACHED');
    // The last one sent again is still the same milestone, not one too many.
    expect(await create('2024-10-01')).toBe('OK');
    // Another child has its own allowance.
    const other = await addChild(mom, '2025-01-01', homeId, '二宝');
    expect(
      await appCodeOf(mom.caller.milestones.create({ homeId, childId: other.id, kind: 'stand', date: '2025-10-01' })),
    ).toBe('OK');
  });
});

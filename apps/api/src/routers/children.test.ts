/**
 * children.*: the role matrix (owner and member edit, a viewer sees, an outsider gets NOT_FOUND, another
 * home's child and photo ids answer NOT_FOUND), input limits (names, malformed dates, due dates too far),
 * the per-home limit, avatars signed through the photo views and hidden while their photo is trashed,
 * unbound or purged, and deleting a child with its records but never a photo.
 */
import { CHILD_BIRTHDAY_MAX_DAYS_AHEAD, CHILDREN_PER_HOME_MAX } from '@xiaojia/shared';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TestDeps } from '../test/deps.js';
import { addChild, appCodeOf, FAMILY_NOW, type Family, familyAt } from '../test/family.js';
import { uploadPhoto } from '../test/photos.js';
import { bindStorePeer } from '../test/storage.js';

const NOW = FAMILY_NOW;

describe('children', () => {
  let deps: TestDeps;
  let family: Family;
  beforeEach(async () => {
    ({ deps, family } = await familyAt());
  });

  it('owner and member create, update and delete; a viewer sees but changes nothing', async () => {
    const { mom, dad, grandma, homeId } = family;
    const first = await mom.caller.children.create({ homeId, name: ' 小米 ', birthday: '2024-03-15', sex: 'girl' });
    expect(first).toMatchObject({
      name: '小米',
      birthday: '2024-03-15',
      sex: 'girl',
      avatarPhotoId: null,
      avatarUrl: null,
    });
    const second = await dad.caller.children.create({ homeId, name: '二宝', birthday: '2026-10-01' });
    expect(second.sex).toBeNull();

    for (const who of [mom, dad, grandma]) {
      const list = await who.caller.children.list({ homeId });
      expect(list.items.map((c) => c.name)).toEqual(['小米', '二宝']);
      expect(Date.parse(list.urlsExpireAt)).toBeGreaterThan(Date.parse(NOW));
    }
    const calls = {
      create: () => grandma.caller.children.create({ homeId, name: 'x', birthday: '2024-01-01' }),
      update: () => grandma.caller.children.update({ homeId, childId: first.id, name: 'x' }),
      delete: () => grandma.caller.children.delete({ homeId, childId: first.id }),
    };
    for (const [name, call] of Object.entries(calls))
      expect([name, await appCodeOf(call())]).toEqual([name, 'FORBIDDEN']);

    const born = await dad.caller.children.update({ homeId, childId: second.id, birthday: '2026-06-10', sex: 'boy' });
    expect(born).toMatchObject({ name: '二宝', birthday: '2026-06-10', sex: 'boy' });
    expect(await dad.caller.children.update({ homeId, childId: second.id, sex: null })).toMatchObject({ sex: null });
    expect(await mom.caller.children.delete({ homeId, childId: second.id })).toEqual({ count: 1 });
    expect((await grandma.caller.children.list({ homeId })).items.map((c) => c.id)).toEqual([first.id]);
    expect(await appCodeOf(mom.caller.children.delete({ homeId, childId: second.id }))).toBe('NOT_FOUND');
  });

  it('an outsider gets NOT_FOUND, and another home’s child and photo ids answer NOT_FOUND and change nothing', async () => {
    const { mom, stranger, homeId } = family;
    const child = await addChild(mom);
    const momsPhoto = (await uploadPhoto(mom.caller, homeId)).photo.id;
    expect(await appCodeOf(stranger.caller.children.list({ homeId }))).toBe('NOT_FOUND');
    expect(await appCodeOf(stranger.caller.children.create({ homeId, name: 'x', birthday: '2024-01-01' }))).toBe(
      'NOT_FOUND',
    );
    const own = stranger.homeId;
    const calls = {
      update: () => stranger.caller.children.update({ homeId: own, childId: child.id, name: '偷' }),
      delete: () => stranger.caller.children.delete({ homeId: own, childId: child.id }),
      'create with their photo': () =>
        stranger.caller.children.create({ homeId: own, name: 'x', birthday: '2024-01-01', avatarPhotoId: momsPhoto }),
    };
    for (const [name, call] of Object.entries(calls))
      expect([name, await appCodeOf(call())]).toEqual([name, 'NOT_FOUND']);
    const strangers = await addChild(stranger);
    expect(
      await appCodeOf(
        stranger.caller.children.update({ homeId: own, childId: strangers.id, avatarPhotoId: momsPhoto }),
      ),
    ).toBe('NOT_FOUND');
    expect((await stranger.caller.children.list({ homeId: own })).items).toMatchObject([{ avatarPhotoId: null }]);
    expect((await mom.caller.children.list({ homeId })).items).toMatchObject([{ id: child.id, name: '小米' }]);
  });

  it('refuses malformed dates, empty and huge names with BAD_INPUT', async () => {
    const { mom, homeId } = family;
    const child = await addChild(mom);
    for (const birthday of ['2023-02-29', '2024-13-01', '01/02/2024', '2024-1-5', '1899-12-31', '']) {
      expect([birthday, await appCodeOf(mom.caller.children.create({ homeId, name: 'x', birthday }))]).toEqual([
        birthday,
        'BAD_INPUT',
      ]);
      expect([birthday, await appCodeOf(mom.caller.children.update({ homeId, childId: child.id, birthday }))]).toEqual([
        birthday,
        'BAD_INPUT',
      ]);
    }
    for (const name of ['', '   ', '名'.repeat(21), 'x'.repeat(100_000)]) {
      expect(await appCodeOf(mom.caller.children.create({ homeId, name, birthday: '2024-01-01' }))).toBe('BAD_INPUT');
    }
    expect(await appCodeOf(mom.caller.children.create({ homeId, name: '名'.repeat(20), birthday: '2024-02-29' }))).toBe(
      'OK',
    );
    expect(
      await appCodeOf(mom.caller.children.create({ homeId, name: 'x', birthday: '2024-01-01', sex: 'other' as 'boy' })),
    ).toBe('BAD_INPUT');
  });

  it('takes a due date up to the limit ahead of the server’s today, not a day more', async () => {
    const { mom, homeId } = family;
    // 2026-06-15 + 300 days
    expect(CHILD_BIRTHDAY_MAX_DAYS_AHEAD).toBe(300);
    expect((await addChild(mom, '2027-04-11')).birthday).toBe('2027-04-11');
    expect(await appCodeOf(addChild(mom, '2027-04-12'))).toBe('CHILD_BIRTHDAY_TOO_FAR');
    const child = await addChild(mom, '2026-12-01');
    expect(await appCodeOf(mom.caller.children.update({ homeId, childId: child.id, birthday: '2027-04-12' }))).toBe(
      'CHILD_BIRTHDAY_TOO_FAR',
    );
    // The server's clock decides, not the device's.
    deps.clock.set('2026-06-16T00:00:00.000Z');
    expect(await appCodeOf(mom.caller.children.update({ homeId, childId: child.id, birthday: '2027-04-12' }))).toBe(
      'OK',
    );
  });

  it(`stops at ${CHILDREN_PER_HOME_MAX} children per home`, async () => {
    const { mom, dad, homeId } = family;
    for (let i = 0; i < CHILDREN_PER_HOME_MAX; i++) {
      await addChild(i % 2 ? mom : dad, `2020-01-${String(i + 1).padStart(2, '0')}`, homeId);
    }
    expect(await appCodeOf(addChild(mom))).toBe('CHILD_LIMIT_REACHED');
    const { items } = await mom.caller.children.list({ homeId });
    expect(items).toHaveLength(CHILDREN_PER_HOME_MAX);
    // Oldest first.
    expect(items.map((c) => c.birthday)).toEqual([...items.map((c) => c.birthday)].sort());
    await mom.caller.children.delete({ homeId, childId: items[0]?.id ?? '' });
    expect(await appCodeOf(addChild(mom))).toBe('OK');
  });

  it('signs the avatar’s thumbnail while its photo is in the library; trashed, unbound or purged shows none', async () => {
    const { mom, dad, grandma, homeId } = family;
    const photo = await uploadPhoto(mom.caller, homeId);
    const trashed = (await uploadPhoto(mom.caller, homeId)).photo.id;
    await mom.caller.photos.trash({ homeId, ids: [trashed] });
    expect(
      await appCodeOf(
        mom.caller.children.create({ homeId, name: 'x', birthday: '2024-01-01', avatarPhotoId: trashed }),
      ),
    ).toBe('BAD_INPUT');
    const child = await dad.caller.children.create({
      homeId,
      name: '小米',
      birthday: '2024-01-01',
      avatarPhotoId: photo.photo.id,
    });
    expect(child.avatarPhotoId).toBe(photo.photo.id);
    const [seen] = (await grandma.caller.children.list({ homeId })).items;
    expect(seen?.avatarUrl).toContain(photo.key);
    expect((await fetch(seen?.avatarUrl ?? '')).status).toBe(200);

    await mom.caller.photos.trash({ homeId, ids: [photo.photo.id] });
    expect((await grandma.caller.children.list({ homeId })).items).toMatchObject([
      { avatarPhotoId: null, avatarUrl: null },
    ]);
    await mom.caller.photos.restore({ homeId, ids: [photo.photo.id] });
    expect((await grandma.caller.children.list({ homeId })).items).toMatchObject([{ avatarPhotoId: photo.photo.id }]);

    // Cleared on purpose.
    expect(await dad.caller.children.update({ homeId, childId: child.id, avatarPhotoId: null })).toMatchObject({
      avatarPhotoId: null,
      avatarUrl: null,
    });
    await dad.caller.children.update({ homeId, childId: child.id, avatarPhotoId: photo.photo.id });

    // Purged: the avatar is cleared for good, and restoring nothing brings it back.
    await mom.caller.photos.trash({ homeId, ids: [photo.photo.id] });
    expect(await mom.caller.photos.purge({ homeId, ids: [photo.photo.id] })).toMatchObject({ count: 1 });
    const row = await deps.db.selectFrom('children').select('avatar_photo_id').executeTakeFirstOrThrow();
    expect(row.avatar_photo_id).toBeNull();
  });

  it('keeps an avatar in an unbound bucket by id, without a URL', async () => {
    const { mom, homeId } = family;
    await bindStorePeer(deps, mom);
    const photo = await uploadPhoto(mom.caller, homeId);
    const child = await mom.caller.children.create({
      homeId,
      name: '小米',
      birthday: '2024-01-01',
      avatarPhotoId: photo.photo.id,
    });
    expect(child.avatarUrl).toContain(photo.key);
    await mom.caller.storage.unbind({ homeId });
    expect((await mom.caller.children.list({ homeId })).items).toMatchObject([
      { avatarPhotoId: photo.photo.id, avatarUrl: null },
    ]);
  });

  it('deletes a child with its milestones, never a photo', async () => {
    const { mom, dad, homeId } = family;
    const photo = (await uploadPhoto(mom.caller, homeId)).photo.id;
    const child = await addChild(mom);
    const other = await addChild(mom, '2025-01-01', homeId, '二宝');
    await dad.caller.milestones.create({
      homeId,
      childId: child.id,
      kind: 'first_smile',
      date: '2024-05-01',
      photoId: photo,
    });
    await dad.caller.milestones.create({
      homeId,
      childId: other.id,
      kind: 'first_smile',
      date: '2025-03-01',
      photoId: photo,
    });
    expect(await dad.caller.children.delete({ homeId, childId: child.id })).toEqual({ count: 1 });
    expect((await mom.caller.milestones.forPhoto({ homeId, photoId: photo })).items.map((m) => m.childId)).toEqual([
      other.id,
    ]);
    expect(await deps.db.selectFrom('milestones').select('child_id').execute()).toEqual([{ child_id: other.id }]);
    expect((await mom.caller.photos.list({ homeId })).items.map((p) => p.id)).toEqual([photo]);
  });
});

/**
 * The feed (动态) through the routers: uploads, likes, comments and joins as grouped entries, newest first
 * and paged, with the live photos signed; the unread badge counts others' entries since the caller's mark,
 * capped; markSeen clears it; every role reads it, nobody outside the home does.
 */
import { ACTIVITY_PAGE_MAX, ACTIVITY_UNREAD_MAX } from '@xiaojia/shared';
import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../integrations/ids.js';
import { ACTIVITY_GROUP_WINDOW_MS, ActivityService } from '../services/activity.js';
import { signUpAndGetToken } from '../test/auth.js';
import { createTestDeps, type TestDeps } from '../test/deps.js';
import { joinHome, makeFamily } from '../test/homes.js';
import { THUMBHASH, uploadPhoto } from '../test/photos.js';

describe('the activity feed', () => {
  let deps: TestDeps;
  let family: Awaited<ReturnType<typeof makeFamily>>;
  let homeId: string;
  beforeEach(async () => {
    deps = await createTestDeps();
    family = await makeFamily(deps);
    homeId = family.homeId;
  });

  it('shows what each did as one entry per run, newest first, with the photos still in the timeline', async () => {
    const { mom, dad, grandma } = family;
    deps.clock.advance(60_000);
    const uploaded = [];
    for (let i = 0; i < 3; i++) uploaded.push((await uploadPhoto(mom.caller, homeId, { thumbhash: THUMBHASH })).photo);
    deps.clock.advance(60_000);
    for (const p of uploaded.slice(0, 2)) await grandma.caller.likes.set({ homeId, photoId: p.id, liked: true });
    await grandma.caller.likes.set({ homeId, photoId: uploaded[0]?.id ?? '', liked: false });
    deps.clock.advance(60_000);
    await grandma.caller.comments.add({ homeId, photoId: uploaded[2]?.id ?? '', text: '宝宝真乖，奶奶想你了' });
    // A trashed photo leaves the entries' grids (and comes back with a restore).
    await mom.caller.photos.trash({ homeId, ids: [uploaded[1]?.id ?? ''] });

    const page = await dad.caller.activity.list({ homeId });
    expect(page.items.map((a) => [a.kind, a.actorId, a.count])).toEqual([
      ['comment', grandma.userId, 1],
      ['like', grandma.userId, 2],
      ['upload', mom.userId, 3],
      ['join', grandma.userId, 1],
      ['join', dad.userId, 1],
    ]);
    const [comment, like, upload] = page.items;
    expect(comment).toMatchObject({
      actorName: grandma.user.displayName,
      text: '宝宝真乖，奶奶想你了',
      childName: null,
    });
    expect(comment?.photos.map((p) => p.id)).toEqual([uploaded[2]?.id]);
    // The trashed photo dropped out; the rest newest first, signed.
    expect(like?.photos.map((p) => p.id)).toEqual([uploaded[0]?.id]);
    expect(upload?.photos.map((p) => p.id)).toEqual([uploaded[2]?.id, uploaded[0]?.id]);
    expect(upload?.photos[0]).toMatchObject({ thumbhash: THUMBHASH, width: 64, height: 48 });
    const response = await fetch(upload?.photos[0]?.thumbUrl ?? '');
    expect(response.status).toBe(200);
    expect(new Date(page.urlsExpireAt).getTime()).toBeGreaterThan(deps.clock.now().getTime());
    expect(page.nextCursor).toBeNull();
  });

  it('pages newest first by the latest part of each entry', async () => {
    const { mom, grandma } = family;
    const photo = (await uploadPhoto(mom.caller, homeId)).photo.id;
    for (let i = 0; i < 5; i++) {
      deps.clock.advance(ACTIVITY_GROUP_WINDOW_MS + 1);
      await grandma.caller.comments.add({ homeId, photoId: photo, text: `第${i}条` });
    }
    const first = await mom.caller.activity.list({ homeId, limit: 2 });
    expect(first.items.map((a) => a.text)).toEqual(['第4条', '第3条']);
    const second = await mom.caller.activity.list({ homeId, limit: 2, cursor: first.nextCursor ?? '' });
    expect(second.items.map((a) => a.text)).toEqual(['第2条', '第1条']);
    const rest = await mom.caller.activity.list({ homeId, cursor: second.nextCursor ?? '' });
    expect(rest.items.map((a) => a.kind)).toEqual(['comment', 'upload', 'join', 'join']);
    expect(rest.nextCursor).toBeNull();
    await expect(mom.caller.activity.list({ homeId, limit: ACTIVITY_PAGE_MAX + 1 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(mom.caller.activity.list({ homeId, cursor: 'garbage' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('counts others’ entries since the caller’s mark as unread; their own never; markSeen clears the badge', async () => {
    const { mom, dad, grandma } = family;
    deps.clock.advance(1000);
    const aunt = await signUpAndGetToken(deps);
    await joinHome(mom, aunt, 'viewer');
    // Joining counts as the first mark: what came before is not news to a newcomer.
    expect(await aunt.caller.activity.unread({ homeId })).toEqual({ count: 0 });
    expect(await mom.caller.activity.unread({ homeId })).toEqual({ count: 1 });
    deps.clock.advance(1000);
    expect(await mom.caller.activity.markSeen({ homeId })).toEqual({ count: 1 });
    expect(await mom.caller.activity.unread({ homeId })).toEqual({ count: 0 });

    deps.clock.advance(1000);
    const photo = (await uploadPhoto(mom.caller, homeId)).photo.id;
    expect(await mom.caller.activity.unread({ homeId })).toEqual({ count: 0 });
    expect(await dad.caller.activity.unread({ homeId })).toEqual({ count: 2 });
    expect(await aunt.caller.activity.unread({ homeId })).toEqual({ count: 1 });
    await grandma.caller.likes.set({ homeId, photoId: photo, liked: true });
    expect(await mom.caller.activity.unread({ homeId })).toEqual({ count: 1 });
    const feed = await mom.caller.activity.list({ homeId });
    expect(feed.items.map((a) => [a.kind, a.unread])).toEqual([
      ['like', true],
      ['upload', false],
      ['join', false],
      ['join', false],
      ['join', false],
    ]);
    deps.clock.advance(1000);
    await mom.caller.activity.markSeen({ homeId });
    // Grandma likes another in the same run: the seen entry grew, and is news again.
    deps.clock.advance(1000);
    const another = (await uploadPhoto(mom.caller, homeId)).photo.id;
    await grandma.caller.likes.set({ homeId, photoId: another, liked: true });
    expect(await mom.caller.activity.unread({ homeId })).toEqual({ count: 1 });
    expect((await mom.caller.activity.list({ homeId })).items[0]).toMatchObject({
      kind: 'like',
      count: 2,
      unread: true,
    });
  });

  it(`caps the badge at ${ACTIVITY_UNREAD_MAX + 1} ("99+")`, async () => {
    const { mom, grandma } = family;
    const at = new Date(deps.clock.now().getTime() + 60_000);
    const rows = Array.from({ length: ACTIVITY_UNREAD_MAX + 20 }, (_, i) => {
      const when = new Date(at.getTime() + i * 1000).toISOString();
      return {
        id: newId(),
        home_id: homeId,
        actor_id: grandma.userId,
        kind: 'join' as const,
        count: 1,
        photo_ids: '[]',
        text: null,
        child_id: null,
        ref_id: null,
        started_at: when,
        last_at: when,
      };
    });
    await deps.db.insertInto('activities').values(rows).execute();
    expect(await mom.caller.activity.unread({ homeId })).toEqual({ count: ACTIVITY_UNREAD_MAX + 1 });
  });

  it('a purged photo silently drops out of the entries that showed it', async () => {
    const { mom, grandma } = family;
    const [a, b] = [(await uploadPhoto(mom.caller, homeId)).photo.id, (await uploadPhoto(mom.caller, homeId)).photo.id];
    await grandma.caller.likes.set({ homeId, photoId: a, liked: true });
    await mom.caller.photos.trash({ homeId, ids: [a] });
    await mom.caller.photos.purge({ homeId, ids: [a] });
    const items = (await grandma.caller.activity.list({ homeId })).items;
    expect(items.find((i) => i.kind === 'upload')?.photos.map((p) => p.id)).toEqual([b]);
    expect(items.find((i) => i.kind === 'like')).toMatchObject({ count: 1, photos: [] });
  });

  it('deleting a comment takes its words out of the feed', async () => {
    const { mom, grandma } = family;
    const photo = (await uploadPhoto(mom.caller, homeId)).photo.id;
    const first = await grandma.caller.comments.add({ homeId, photoId: photo, text: '第一条' });
    const second = await grandma.caller.comments.add({ homeId, photoId: photo, text: '说错了' });
    await grandma.caller.comments.delete({ homeId, commentId: second.id });
    expect((await mom.caller.activity.list({ homeId })).items[0]).toMatchObject({
      kind: 'comment',
      count: 1,
      text: '第一条',
    });
    await mom.caller.comments.delete({ homeId, commentId: first.id });
    expect((await mom.caller.activity.list({ homeId })).items.map((a) => a.kind)).not.toContain('comment');
  });

  it('says who recorded which milestone of which child, with its photo; a child deleted leaves it nameless', async () => {
    const { mom, dad } = family;
    const photo = (await uploadPhoto(mom.caller, homeId)).photo;
    const baby = await mom.caller.children.create({ homeId, name: '小米', birthday: '2026-01-15' });
    const big = await mom.caller.children.create({ homeId, name: '大米', birthday: '2023-03-01' });
    deps.clock.advance(60_000);
    await dad.caller.milestones.create({
      homeId,
      childId: baby.id,
      kind: 'first_steps',
      date: '2026-11-20',
      photoId: photo.id,
    });
    await dad.caller.milestones.create({
      homeId,
      childId: baby.id,
      kind: 'custom',
      title: '第一次叫爷爷',
      date: '2026-11-21',
    });
    await dad.caller.milestones.create({ homeId, childId: big.id, kind: 'kindergarten', date: '2026-09-01' });
    // Sent twice (a retry): the first milestone answers, and the feed does not count it again.
    await dad.caller.milestones.create({ homeId, childId: big.id, kind: 'kindergarten', date: '2026-09-01' });

    const entries = (await mom.caller.activity.list({ homeId })).items.filter((a) => a.kind === 'milestone');
    // One entry per run of the same child's milestones; the latest title is the one quoted.
    expect(entries.map((a) => [a.actorId, a.childName, a.count, a.text])).toEqual([
      [dad.userId, '大米', 1, 'kindergarten'],
      [dad.userId, '小米', 2, '第一次叫爷爷'],
    ]);
    expect(entries[1]?.photos.map((p) => p.id)).toEqual([photo.id]);
    await mom.caller.children.delete({ homeId, childId: big.id });
    const after = (await mom.caller.activity.list({ homeId })).items.filter((a) => a.kind === 'milestone');
    expect(after.map((a) => a.childName)).toEqual([null, '小米']);
  });

  it('names a milestone’s child while the child exists, and never another home’s', async () => {
    const { mom, dad, stranger } = family;
    const child = await mom.caller.children.create({ homeId, name: '小米', birthday: '2024-03-15' });
    const theirs = await stranger.caller.children.create({
      homeId: stranger.homeId,
      name: '别人家',
      birthday: '2024-01-01',
    });
    const photo = (await uploadPhoto(dad.caller, homeId)).photo.id;
    // As the milestones service records one (see the report of issue 14's Together part).
    const activity = new ActivityService(deps);
    const asDad = { userId: dad.userId, homeId };
    await activity.record(asDad, { kind: 'milestone', text: 'walk', childId: child.id, photoIds: [photo] });
    deps.clock.advance(ACTIVITY_GROUP_WINDOW_MS + 1);
    await activity.record(asDad, { kind: 'milestone', text: 'x', childId: theirs.id });
    const milestones = async () =>
      (await mom.caller.activity.list({ homeId })).items
        .filter((a) => a.kind === 'milestone')
        .map((a) => [a.text, a.childName, a.photos.map((p) => p.id)]);
    expect(await milestones()).toEqual([
      ['x', null, []],
      ['walk', '小米', [photo]],
    ]);
    await mom.caller.children.delete({ homeId, childId: child.id });
    expect((await milestones())[1]).toEqual(['walk', null, [photo]]);
  });

  it('is the home’s own: another home’s feed, badge and mark answer NOT_FOUND', async () => {
    const { stranger, grandma } = family;
    for (const call of [
      () => stranger.caller.activity.list({ homeId }),
      () => stranger.caller.activity.unread({ homeId }),
      () => stranger.caller.activity.markSeen({ homeId }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    // And one's own home's feed shows nothing of the other's.
    expect((await stranger.caller.activity.list({ homeId: stranger.homeId })).items).toEqual([]);
    expect((await grandma.caller.activity.list({ homeId })).items).toHaveLength(2);
  });
});

/**
 * Likes, comments, follows and profiles through the routers: idempotent counters under racing calls, likes
 * weighted and taken back exactly, the hot order following the weights, comments with one level of
 * replies and who deletes them, follows without self-follows, keyset pages stable under inserts, suspended
 * accounts and rates refused.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { COMMUNITY_RATES } from '../../services/community/limits.js';
import { publishWork, refusal } from '../../test/community.js';
import { createTestDeps, type TestDeps } from '../../test/deps.js';
import { makeFamily } from '../../test/homes.js';

const DAY = 24 * 60 * 60 * 1000;

describe('community interactions', () => {
  let deps: TestDeps;
  let family: Awaited<ReturnType<typeof makeFamily>>;
  beforeEach(async () => {
    deps = await createTestDeps();
    family = await makeFamily(deps);
  });

  const weightOf = async (workId: string) =>
    await deps.db
      .selectFrom('works')
      .select(['vote_weight', 'hot_key'])
      .where('id', '=', workId)
      .executeTakeFirstOrThrow();

  it('keeps like counters right under racing likes and unlikes, and takes back exactly the weight given', async () => {
    const { mom, dad, grandma } = family;
    const { work } = await publishWork(mom);
    const before = await weightOf(work.id);
    await Promise.all(Array.from({ length: 6 }, () => dad.caller.works.like({ workId: work.id })));
    await Promise.all([grandma.caller.works.like({ workId: work.id }), grandma.caller.works.like({ workId: work.id })]);
    expect(await dad.caller.works.get({ workId: work.id })).toMatchObject({ likeCount: 2, likedByMe: true });
    // Both accounts are new (under 7 days) and idle (no works, no follows): a quarter each.
    expect((await weightOf(work.id)).vote_weight).toBe(0.5);
    expect((await mom.caller.profiles.get({ userId: mom.userId })).likesReceived).toBe(2);
    await Promise.all(Array.from({ length: 4 }, () => dad.caller.works.unlike({ workId: work.id })));
    await grandma.caller.works.unlike({ workId: work.id });
    expect(await grandma.caller.works.get({ workId: work.id })).toMatchObject({ likeCount: 0, likedByMe: false });
    expect(await weightOf(work.id)).toEqual(before);
    expect((await mom.caller.profiles.get({ userId: mom.userId })).likesReceived).toBe(0);
  });

  it('counts a self-like but gives it no weight; ranks hot by weight, with newer works higher', async () => {
    const { mom, dad, grandma, stranger } = family;
    const old = await publishWork(mom, { title: 'old' });
    deps.clock.advance(8 * DAY);
    await publishWork(dad, { title: 'fresh' });
    await mom.caller.works.like({ workId: old.work.id });
    expect((await weightOf(old.work.id)).vote_weight).toBe(0);
    expect((await dad.caller.feeds.hot({})).items.map((w) => w.title)).toEqual(['fresh', 'old']);
    // Old accounts that take part weigh 1 each; the old work needs tenfold weight per 12.5 hours.
    for (const who of [dad, grandma, stranger]) await who.caller.follows.follow({ userId: mom.userId });
    for (const who of [dad, grandma, stranger]) await who.caller.works.like({ workId: old.work.id });
    expect((await weightOf(old.work.id)).vote_weight).toBe(3);
    expect((await dad.caller.feeds.hot({})).items.map((w) => w.title)).toEqual(['fresh', 'old']);
    const third = await publishWork(grandma, { title: 'third' });
    deps.clock.advance(1000);
    for (const who of [dad, stranger]) await who.caller.works.like({ workId: third.work.id });
    expect((await dad.caller.feeds.hot({})).items.map((w) => w.title)).toEqual(['third', 'fresh', 'old']);
  });

  it('weighs a mutual-like pair less', async () => {
    const { mom, dad } = family;
    deps.clock.advance(8 * DAY);
    const moms = [];
    const dads = [];
    for (let i = 0; i < 4; i++) moms.push((await publishWork(mom, { title: `m${i}` })).work.id);
    for (let i = 0; i < 4; i++) dads.push((await publishWork(dad, { title: `d${i}` })).work.id);
    for (const id of moms.slice(0, 3)) await dad.caller.works.like({ workId: id });
    for (const id of dads.slice(0, 3)) await mom.caller.works.like({ workId: id });
    expect((await weightOf(dads[0] ?? '')).vote_weight).toBe(1);
    await dad.caller.works.like({ workId: moms[3] ?? '' });
    expect((await weightOf(moms[3] ?? '')).vote_weight).toBe(0.25);
  });

  it('comments with one level of replies; the writer or the work’s author deletes', async () => {
    const { mom, dad, grandma } = family;
    const { work } = await publishWork(mom);
    const top = await dad.caller.works.comment({ workId: work.id, text: ' Lovely  ' });
    expect(top).toMatchObject({ text: 'Lovely', status: 'visible', canDelete: true });
    const reply = await mom.caller.works.comment({ workId: work.id, text: 'Thanks', parentId: top.id });
    expect(await refusal(grandma.caller.works.comment({ workId: work.id, text: 'x', parentId: reply.id }))).toBe(
      'NOT_FOUND',
    );
    const other = await publishWork(dad);
    expect(await refusal(grandma.caller.works.comment({ workId: other.work.id, text: 'x', parentId: top.id }))).toBe(
      'NOT_FOUND',
    );
    const second = await grandma.caller.works.comment({ workId: work.id, text: 'Second' });
    const page = await grandma.caller.works.comments({ workId: work.id });
    expect(page.items.map((c) => [c.text, c.replyCount, c.replies.map((r) => r.text), c.canDelete])).toEqual([
      ['Lovely', 1, ['Thanks'], false],
      ['Second', 0, [], true],
    ]);
    expect((await grandma.caller.works.get({ workId: work.id })).commentCount).toBe(3);
    expect(await refusal(grandma.caller.works.deleteComment({ commentId: top.id }))).toBe('COMMENT_NOT_YOURS');
    await grandma.caller.works.deleteComment({ commentId: second.id });
    await mom.caller.works.deleteComment({ commentId: top.id });
    expect((await dad.caller.works.comments({ workId: work.id })).items).toEqual([]);
    expect((await dad.caller.works.get({ workId: work.id })).commentCount).toBe(0);
    expect(await refusal(dad.caller.works.comment({ workId: work.id, text: 'x'.repeat(501) }))).toBe('BAD_INPUT');
    expect(await refusal(dad.caller.works.comment({ workId: work.id, text: 'a\u0000b' }))).toBe('BAD_INPUT');
  });

  it('shows a comment waiting for review to its writer only, uncounted', async () => {
    const pre = await createTestDeps({ communityReview: 'pre' });
    const people = await makeFamily(pre);
    const { work } = await publishWork(people.mom);
    await pre.db
      .updateTable('works')
      .set({ status: 'published', published_at: pre.clock.now().toISOString() })
      .execute();
    const mine = await people.dad.caller.works.comment({ workId: work.id, text: 'Waiting' });
    expect(mine.status).toBe('pending');
    expect((await people.dad.caller.works.comments({ workId: work.id })).items.map((c) => c.status)).toEqual([
      'pending',
    ]);
    expect((await people.grandma.caller.works.comments({ workId: work.id })).items).toEqual([]);
    expect(await refusal(people.grandma.caller.works.comment({ workId: work.id, text: 'x', parentId: mine.id }))).toBe(
      'NOT_FOUND',
    );
    expect((await people.grandma.caller.works.get({ workId: work.id })).commentCount).toBe(0);
    expect(await refusal(people.grandma.caller.works.deleteComment({ commentId: mine.id }))).toBe('NOT_FOUND');
  });

  it('follows idempotently with counters in step, no self-follow, and lists both sides', async () => {
    const { mom, dad, grandma } = family;
    await Promise.all([
      dad.caller.follows.follow({ userId: mom.userId }),
      dad.caller.follows.follow({ userId: mom.userId }),
    ]);
    await grandma.caller.follows.follow({ userId: mom.userId });
    expect(await refusal(mom.caller.follows.follow({ userId: mom.userId }))).toBe('BAD_INPUT');
    expect(await dad.caller.profiles.get({ userId: mom.userId })).toMatchObject({
      followersCount: 2,
      followingCount: 0,
      followedByMe: true,
    });
    const followers = await mom.caller.profiles.followers({ userId: mom.userId, limit: 1 });
    expect(followers.items.map((u) => u.userId)).toEqual([grandma.userId]);
    const rest = await mom.caller.profiles.followers({
      userId: mom.userId,
      limit: 1,
      cursor: followers.nextCursor ?? '',
    });
    expect(rest.items.map((u) => u.userId)).toEqual([dad.userId]);
    expect((await mom.caller.profiles.following({ userId: dad.userId })).items.map((u) => u.userId)).toEqual([
      mom.userId,
    ]);
    await Promise.all([
      dad.caller.follows.unfollow({ userId: mom.userId }),
      dad.caller.follows.unfollow({ userId: mom.userId }),
    ]);
    expect(await dad.caller.profiles.get({ userId: dad.userId })).toMatchObject({ followingCount: 0, isMe: true });
    expect((await dad.caller.profiles.get({ userId: mom.userId })).followersCount).toBe(1);
    const updated = await mom.caller.profiles.update({ bio: ' 拍照的妈妈 ' });
    expect(updated.bio).toBe('拍照的妈妈');
    expect(await refusal(mom.caller.profiles.update({ bio: 'b'.repeat(201) }))).toBe('BAD_INPUT');
  });

  it('keeps keyset pages stable while new works arrive', async () => {
    const { mom, dad } = family;
    const ids = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await publishWork(mom, { title: `w${i}` })).work.id);
      deps.clock.advance(1000);
    }
    const first = await dad.caller.feeds.latest({ limit: 2 });
    await publishWork(mom, { title: 'newer' });
    const second = await dad.caller.feeds.latest({ limit: 2, cursor: first.nextCursor ?? '' });
    const third = await dad.caller.feeds.latest({ limit: 2, cursor: second.nextCursor ?? '' });
    expect([...first.items, ...second.items, ...third.items].map((w) => w.id)).toEqual([...ids].reverse());
    expect(third.nextCursor).toBeNull();
    const hot1 = await dad.caller.feeds.hot({ limit: 3 });
    await publishWork(mom, { title: 'newest' });
    const hot2 = await dad.caller.feeds.hot({ limit: 10, cursor: hot1.nextCursor ?? '' });
    expect(hot2.items.map((w) => w.title)).toEqual(['w2', 'w1', 'w0']);
    expect(await refusal(dad.caller.feeds.hot({ cursor: 'bogus' }))).toBe('BAD_INPUT');
  });

  it('refuses a suspended account and limits likes per user', async () => {
    const { mom, dad } = family;
    const { work } = await publishWork(mom);
    await deps.db
      .insertInto('community_suspensions')
      .values({
        user_id: dad.userId,
        reason: 'spam',
        until: null,
        created_by: mom.userId,
        created_at: '2026-01-01T00:00:00Z',
      })
      .execute();
    for (const call of [
      () => dad.caller.works.like({ workId: work.id }),
      () => dad.caller.works.comment({ workId: work.id, text: 'hi' }),
      () => dad.caller.follows.follow({ userId: mom.userId }),
      () => publishWork(dad),
    ]) {
      expect(await refusal(call())).toBe('COMMUNITY_SUSPENDED');
    }
    const { max } = COMMUNITY_RATES.like;
    for (let i = 0; i < max / 2; i++) {
      await family.grandma.caller.works.like({ workId: work.id });
      await family.grandma.caller.works.unlike({ workId: work.id });
    }
    expect(await refusal(family.grandma.caller.works.like({ workId: work.id }))).toBe('RATE_LIMITED');
  });
});

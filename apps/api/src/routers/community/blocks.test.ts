/**
 * A block, either way, hides each from the other everywhere: feeds (latest, hot, tag, following, author),
 * a work's page, share card and comments, profiles (but the blocker's own answer about the one they
 * blocked, blocked-by-me.test.ts) and follow lists, contest entries; and refuses
 * following, liking, commenting, messaging and voting across it (COMMUNITY_BLOCKED). An unblock gives
 * everything back. Others who blocked nobody see everything as before.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { type Account, accounts, adminAndTwo, follow, insertWork, refusal } from '../../test/community.js';

const HOUR = 3600_000;

describe('blocks everywhere', () => {
  let { deps, admin, alice, bob } = {} as Awaited<ReturnType<typeof adminAndTwo>>;
  let carol: Account;
  beforeEach(async () => {
    ({ deps, admin, alice, bob } = await adminAndTwo());
    [carol] = (await accounts(deps, 1)) as [Account];
  });

  const ids = (page: { items: { id: string }[] }) => page.items.map((w) => w.id);

  /** What `who` sees of bob's work and bob through every reading procedure. */
  async function seen(who: Account, workId: string) {
    const visible = async (call: Promise<unknown>) =>
      call.then(
        () => true,
        (error: unknown) => {
          const code = (error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
          if (code === 'NOT_FOUND') return false;
          throw error;
        },
      );
    return {
      latest: ids(await who.caller.feeds.latest({})).includes(workId),
      hot: ids(await who.caller.feeds.hot({})).includes(workId),
      tag: ids(await who.caller.feeds.tag({ tag: 'sea' })).includes(workId),
      following: ids(await who.caller.feeds.following({})).includes(workId),
      author: ids(await who.caller.feeds.author({ userId: bob.userId })).includes(workId),
      page: await visible(who.caller.works.get({ workId })),
      share: await visible(who.caller.works.shareCard({ workId })),
      comments: await visible(who.caller.works.comments({ workId })),
      profile: await visible(who.caller.profiles.get({ userId: bob.userId })),
      followers: await visible(who.caller.profiles.followers({ userId: bob.userId })),
    };
  }
  const all = (value: boolean) => ({
    latest: value,
    hot: value,
    tag: value,
    following: value,
    author: value,
    page: value,
    share: value,
    comments: value,
    profile: value,
    followers: value,
  });

  async function bobsWork() {
    const { workId } = await insertWork(deps, bob, { title: 'Sea' });
    await deps.db
      .insertInto('work_tags')
      .values({ work_id: workId, tag: 'sea', published_at: deps.clock.now().toISOString() })
      .execute();
    for (const who of [alice, carol]) await follow(deps, who.userId, bob.userId);
    return workId;
  }

  for (const direction of ['alice blocks bob', 'bob blocks alice'] as const) {
    it(`${direction}: bob and his works disappear from alice’s every view, and come back on unblock`, async () => {
      const workId = await bobsWork();
      expect(await seen(alice, workId)).toEqual(all(true));
      const [blocker, blocked] = direction === 'alice blocks bob' ? [alice, bob] : [bob, alice];
      await blocker.caller.blocks.block({ userId: blocked.userId });

      // The one who blocked still gets the other's profile (blockedByMe, to unblock from it); nothing else.
      const aliceBlocked = direction === 'alice blocks bob';
      expect(await seen(alice, workId)).toEqual({ ...all(false), profile: aliceBlocked });
      // Carol blocked nobody: she sees all of it.
      expect(await seen(carol, workId)).toEqual(all(true));
      // Bob's side too: alice is gone from his followers, and her profile is NOT_FOUND to him unless he blocked.
      expect((await bob.caller.profiles.followers({ userId: bob.userId })).items.map((u) => u.userId)).toEqual([
        carol.userId,
      ]);
      if (aliceBlocked) expect(await refusal(bob.caller.profiles.get({ userId: alice.userId }))).toBe('NOT_FOUND');
      else expect(await bob.caller.profiles.get({ userId: alice.userId })).toMatchObject({ blockedByMe: true });

      await blocker.caller.blocks.unblock({ userId: blocked.userId });
      expect(await seen(alice, workId)).toEqual(all(true));
    });
  }

  it('hides a blocked person’s comments from the other, on anyone’s work', async () => {
    const { workId } = await insertWork(deps, carol);
    await bob.caller.works.comment({ workId, text: 'from bob' });
    await alice.caller.works.comment({ workId, text: 'from alice' });
    await alice.caller.blocks.block({ userId: bob.userId });
    const texts = async (who: Account) => (await who.caller.works.comments({ workId })).items.map((c) => c.text);
    expect(await texts(alice)).toEqual(['from alice']);
    expect(await texts(bob)).toEqual(['from bob']);
    expect(await texts(carol)).toEqual(['from bob', 'from alice']);
  });

  it('takes no report of what a block hides (a work, a comment), either way; the person stays reportable', async () => {
    const workId = await bobsWork();
    const carolsWork = (await insertWork(deps, carol)).workId;
    const onBobs = await carol.caller.works.comment({ workId, text: 'on bob’s work' });
    const byBob = await bob.caller.works.comment({ workId: carolsWork, text: 'from bob' });
    const report = (who: Account, kind: 'work' | 'comment' | 'user', targetId: string) =>
      refusal(who.caller.reports.create({ kind, targetId, reason: 'x' })).catch(() => 'taken');
    for (const [blocker, blocked] of [
      [alice, bob],
      [bob, alice],
    ] as const) {
      await blocker.caller.blocks.block({ userId: blocked.userId });
      expect(await report(alice, 'work', workId)).toBe('NOT_FOUND');
      expect(await report(alice, 'comment', onBobs.id)).toBe('NOT_FOUND');
      expect(await report(alice, 'comment', byBob.id)).toBe('NOT_FOUND');
      await blocker.caller.blocks.unblock({ userId: blocked.userId });
    }
    // Carol blocked nobody; alice, unblocked again, may report all of it, and bob himself throughout.
    expect((await carol.caller.reports.create({ kind: 'comment', targetId: byBob.id, reason: 'x' })).created).toBe(
      true,
    );
    await alice.caller.blocks.block({ userId: bob.userId });
    expect((await alice.caller.reports.create({ kind: 'user', targetId: bob.userId, reason: 'x' })).created).toBe(true);
    await alice.caller.blocks.unblock({ userId: bob.userId });
    expect((await alice.caller.reports.create({ kind: 'work', targetId: workId, reason: 'x' })).created).toBe(true);
    expect((await alice.caller.reports.create({ kind: 'comment', targetId: byBob.id, reason: 'x' })).created).toBe(
      true,
    );
  });

  it('refuses following, liking, commenting, messaging and voting across a block, either way', async () => {
    const workId = await bobsWork();
    const at = (hours: number) => new Date(deps.clock.now().getTime() + hours * HOUR).toISOString();
    const challenge = await admin.caller.challenges.create({
      title: '海',
      submitStartsAt: at(0),
      submitEndsAt: at(1),
      voteEndsAt: at(2),
    });
    const alicesWork = await insertWork(deps, alice);
    await alice.caller.challenges.submit({ challengeId: challenge.id, workId: alicesWork.workId });
    await bob.caller.challenges.submit({ challengeId: challenge.id, workId });
    await bob.caller.blocks.block({ userId: alice.userId });

    expect(await refusal(alice.caller.follows.follow({ userId: bob.userId }))).toBe('COMMUNITY_BLOCKED');
    expect(await refusal(bob.caller.follows.follow({ userId: alice.userId }))).toBe('COMMUNITY_BLOCKED');
    expect(await refusal(alice.caller.works.like({ workId }))).toBe('COMMUNITY_BLOCKED');
    expect(await refusal(bob.caller.works.like({ workId: alicesWork.workId }))).toBe('COMMUNITY_BLOCKED');
    expect(await refusal(alice.caller.works.comment({ workId, text: 'hi' }))).toBe('COMMUNITY_BLOCKED');
    expect(await refusal(alice.caller.messages.request({ userId: bob.userId, text: 'hi' }))).toBe('COMMUNITY_BLOCKED');
    deps.clock.advance(HOUR);
    expect(await refusal(alice.caller.challenges.vote({ challengeId: challenge.id, workId }))).toBe(
      'COMMUNITY_BLOCKED',
    );
    expect(await refusal(bob.caller.challenges.vote({ challengeId: challenge.id, workId: alicesWork.workId }))).toBe(
      'COMMUNITY_BLOCKED',
    );
    // The contest page leaves the other's entry out; carol sees both and votes.
    const entries = async (who: Account) =>
      (await who.caller.challenges.get({ challengeId: challenge.id })).entries.items.map((e) => e.workId);
    expect(await entries(alice)).toEqual([alicesWork.workId]);
    expect((await entries(carol)).sort()).toEqual([alicesWork.workId, workId].sort());
    expect(await carol.caller.challenges.vote({ challengeId: challenge.id, workId })).toEqual({
      votes: 1,
      voted: true,
    });
  });
});

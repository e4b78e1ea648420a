/**
 * Contests through the routers: admins create them with windows in order; entries only in the
 * submission window, of one's own published works, up to the per-user limit; votes only in the voting
 * window, never for one's own work, idempotent, counted on the entry; results once, with ties sharing a
 * rank, by the sweep or on first read after the end; lists of current, upcoming and past challenges.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../integrations/ids.js';
import { ChallengesService } from '../../services/community/challenges.js';
import { encodeCursor } from '../../services/photos.js';
import { type Account, accounts, insertWork, makeAdmin, refusal } from '../../test/community.js';
import { createTestDeps, type TestDeps } from '../../test/deps.js';

const HOUR = 3600_000;

describe('challenges', () => {
  let deps: TestDeps;
  let admin: Account;
  let alice: Account;
  let bob: Account;
  let carol: Account;
  beforeEach(async () => {
    deps = await createTestDeps();
    [admin, alice, bob, carol] = (await accounts(deps, 4)) as [Account, Account, Account, Account];
    await makeAdmin(deps, admin.userId);
  });

  const at = (hours: number) => new Date(deps.clock.now().getTime() + hours * HOUR).toISOString();

  /** Submissions open in 1 h for 1 h, voting for 1 h after. */
  async function challenge(entriesPerUser = 2) {
    return admin.caller.challenges.create({
      title: '秋天',
      rules: 'Leaves only',
      submitStartsAt: at(1),
      submitEndsAt: at(2),
      voteEndsAt: at(3),
      entriesPerUser,
    });
  }

  it('takes entries only while submissions are open, of one’s own published works, up to the limit', async () => {
    const c = await challenge(1);
    expect(c).toMatchObject({ phase: 'upcoming', entries: 0, resultsAt: null });
    const mine = await insertWork(deps, alice);
    const second = await insertWork(deps, alice);
    const draft = await insertWork(deps, alice, { status: 'pending' });
    const input = { challengeId: c.id, workId: mine.workId };
    expect(await refusal(alice.caller.challenges.submit(input))).toBe('CHALLENGE_CLOSED');
    deps.clock.advance(HOUR);
    expect(await alice.caller.challenges.submit(input)).toEqual({ entered: true });
    expect(await alice.caller.challenges.submit(input)).toEqual({ entered: false });
    expect(await refusal(alice.caller.challenges.submit({ challengeId: c.id, workId: second.workId }))).toBe(
      'CHALLENGE_ENTRY_LIMIT',
    );
    expect(await refusal(bob.caller.challenges.submit({ challengeId: c.id, workId: second.workId }))).toBe(
      'WORK_NOT_YOURS',
    );
    expect(await refusal(bob.caller.challenges.submit({ challengeId: c.id, workId: draft.workId }))).toBe('NOT_FOUND');
    expect(await refusal(alice.caller.challenges.submit({ challengeId: newId(), workId: mine.workId }))).toBe(
      'NOT_FOUND',
    );
    deps.clock.advance(HOUR);
    const late = await insertWork(deps, bob);
    expect(await refusal(bob.caller.challenges.submit({ challengeId: c.id, workId: late.workId }))).toBe(
      'CHALLENGE_CLOSED',
    );
  });

  it('holds the per-user limit under concurrent submissions (both databases)', async () => {
    const c = await challenge(2);
    deps.clock.advance(HOUR);
    const works = [];
    for (let i = 0; i < 6; i += 1) works.push((await insertWork(deps, alice)).workId);
    const outcomes = await Promise.allSettled(
      works.map((workId) => alice.caller.challenges.submit({ challengeId: c.id, workId })),
    );
    const codes = await Promise.all(
      outcomes.map((o) => (o.status === 'fulfilled' ? 'entered' : refusal(Promise.reject(o.reason)))),
    );
    expect(codes.filter((code) => code === 'entered')).toHaveLength(2);
    expect(codes.filter((code) => code === 'CHALLENGE_ENTRY_LIMIT')).toHaveLength(4);
    const stored = await deps.db
      .selectFrom('challenge_entries')
      .select('work_id')
      .where('challenge_id', '=', c.id)
      .where('user_id', '=', alice.userId)
      .execute();
    expect(stored).toHaveLength(2);
    // Another user's entries are counted apart, concurrently too.
    const bobs = [(await insertWork(deps, bob)).workId, (await insertWork(deps, bob)).workId];
    await Promise.all(bobs.map((workId) => bob.caller.challenges.submit({ challengeId: c.id, workId })));
    expect((await bob.caller.challenges.get({ challengeId: c.id })).challenge.entries).toBe(4);
  });

  it('counts votes in the voting window only, refuses self-votes, and ignores a second vote', async () => {
    const c = await challenge();
    const work = await insertWork(deps, alice);
    deps.clock.advance(HOUR);
    await alice.caller.challenges.submit({ challengeId: c.id, workId: work.workId });
    const vote = { challengeId: c.id, workId: work.workId };
    expect(await refusal(bob.caller.challenges.vote(vote))).toBe('CHALLENGE_CLOSED');
    deps.clock.advance(HOUR);
    expect(await refusal(alice.caller.challenges.vote(vote))).toBe('VOTE_OWN_WORK');
    expect(await bob.caller.challenges.vote(vote)).toEqual({ votes: 1, voted: true });
    expect(await bob.caller.challenges.vote(vote)).toEqual({ votes: 1, voted: true });
    expect(await carol.caller.challenges.vote(vote)).toEqual({ votes: 2, voted: true });
    expect(await carol.caller.challenges.unvote(vote)).toEqual({ votes: 1, voted: false });
    expect(await carol.caller.challenges.unvote(vote)).toEqual({ votes: 1, voted: false });
    expect(await refusal(bob.caller.challenges.vote({ challengeId: c.id, workId: newId() }))).toBe('NOT_FOUND');
    const detail = await bob.caller.challenges.get({ challengeId: c.id });
    expect(detail.entries.items[0]).toMatchObject({ workId: work.workId, votes: 1, votedByMe: true, rank: null });
    deps.clock.advance(HOUR);
    expect(await refusal(carol.caller.challenges.vote(vote))).toBe('CHALLENGE_CLOSED');
    expect(await refusal(bob.caller.challenges.unvote(vote))).toBe('CHALLENGE_CLOSED');
  });

  it('publishes results once when voting ends, ties sharing a rank, and keeps them on the page', async () => {
    const c = await challenge();
    const [w1, w2, w3] = [await insertWork(deps, alice), await insertWork(deps, bob), await insertWork(deps, carol)];
    deps.clock.advance(HOUR);
    await alice.caller.challenges.submit({ challengeId: c.id, workId: w1.workId });
    await bob.caller.challenges.submit({ challengeId: c.id, workId: w2.workId });
    await carol.caller.challenges.submit({ challengeId: c.id, workId: w3.workId });
    deps.clock.advance(HOUR);
    await carol.caller.challenges.vote({ challengeId: c.id, workId: w1.workId });
    await carol.caller.challenges.vote({ challengeId: c.id, workId: w2.workId });
    await alice.caller.challenges.vote({ challengeId: c.id, workId: w2.workId });
    await bob.caller.challenges.vote({ challengeId: c.id, workId: w1.workId });
    await bob.caller.challenges.vote({ challengeId: c.id, workId: w3.workId });
    expect((await bob.caller.challenges.get({ challengeId: c.id })).winners).toEqual([]);
    deps.clock.advance(HOUR);

    const service = new ChallengesService(deps);
    expect(await service.publishDueResults()).toBe(1);
    expect(await service.publishDueResults()).toBe(0);
    const detail = await bob.caller.challenges.get({ challengeId: c.id });
    expect(detail.challenge).toMatchObject({ phase: 'ended', entries: 3 });
    expect(detail.challenge.resultsAt).not.toBeNull();
    const ranks = Object.fromEntries(detail.entries.items.map((e) => [e.workId, e.rank]));
    expect(ranks).toEqual({ [w1.workId]: 1, [w2.workId]: 1, [w3.workId]: 3 });
    expect(detail.winners.map((e) => e.workId).sort()).toEqual([w1.workId, w2.workId].sort());
    expect(await refusal(admin.caller.challenges.update({ challengeId: c.id, title: 'late' }))).toBe(
      'CHALLENGE_CLOSED',
    );

    // Paged by votes: the cursor carries the vote count.
    const page = await bob.caller.challenges.get({ challengeId: c.id, limit: 2 });
    const rest = await bob.caller.challenges.get({
      challengeId: c.id,
      limit: 2,
      cursor: page.entries.nextCursor ?? '',
    });
    expect([...page.entries.items, ...rest.entries.items].map((e) => e.votes)).toEqual([2, 2, 1]);
  });

  it('publishes results lazily on the first read after the end, and lists current, upcoming and past', async () => {
    const soon = await challenge();
    const now = await admin.caller.challenges.create({
      title: 'now',
      submitStartsAt: at(-1),
      submitEndsAt: at(1),
      voteEndsAt: at(2),
    });
    const done = await admin.caller.challenges.create({
      title: 'done',
      submitStartsAt: at(-3),
      submitEndsAt: at(-2),
      voteEndsAt: at(-1),
    });
    const ids = async (when: 'current' | 'upcoming' | 'past') =>
      (await bob.caller.challenges.list({ when })).items.map((c) => c.id);
    expect(await ids('upcoming')).toEqual([soon.id]);
    expect(await ids('current')).toEqual([now.id]);
    const past = (await bob.caller.challenges.list({ when: 'past' })).items;
    expect(past.map((c) => c.id)).toEqual([done.id]);
    expect(past[0]?.resultsAt).not.toBeNull();
    expect(await new ChallengesService(deps).publishDueResults()).toBe(0);
  });

  it('refuses windows out of order, a missing cover, and malformed input', async () => {
    const base = { title: 't', submitStartsAt: at(1), submitEndsAt: at(2), voteEndsAt: at(3) };
    expect(await refusal(admin.caller.challenges.create({ ...base, voteEndsAt: at(1.5) }))).toBe('BAD_INPUT');
    expect(await refusal(admin.caller.challenges.create({ ...base, submitEndsAt: at(0.5) }))).toBe('BAD_INPUT');
    expect(await refusal(admin.caller.challenges.create({ ...base, coverWorkId: newId() }))).toBe('NOT_FOUND');
    expect(await refusal(admin.caller.challenges.create({ ...base, title: '' }))).toBe('BAD_INPUT');
    expect(await refusal(admin.caller.challenges.create({ ...base, entriesPerUser: 0 }))).toBe('BAD_INPUT');
    expect(await refusal(admin.caller.challenges.create({ ...base, submitStartsAt: 'tomorrow' }))).toBe('BAD_INPUT');
    const c = await admin.caller.challenges.create(base);
    expect(await refusal(admin.caller.challenges.update({ challengeId: c.id, voteEndsAt: at(0) }))).toBe('BAD_INPUT');
    expect((await admin.caller.challenges.update({ challengeId: c.id, title: '冬天' })).title).toBe('冬天');
    expect(await refusal(bob.caller.challenges.get({ challengeId: 'x' }))).toBe('BAD_INPUT');
    expect(await refusal(bob.caller.challenges.get({ challengeId: newId() }))).toBe('NOT_FOUND');
    const notVotes = encodeCursor({ sortAt: '2030-01-01T00:00:00.000Z', id: newId() });
    expect(await refusal(bob.caller.challenges.get({ challengeId: c.id, cursor: notVotes }))).toBe('BAD_INPUT');
  });
});

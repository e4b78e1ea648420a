/**
 * Admins through the routers: every admin procedure refuses non-admins with COMMUNITY_NOT_ADMIN; the
 * queue pages oldest first and filters; decisions show or refuse works, comments and messages with the
 * reason the author sees; suspensions stop the account wherever the gate applies; reports are one per
 * reporter and target, bounded, and resolved by admins.
 */
import { REPORT_REASON_MAX } from '@xiaojia/shared';
import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../integrations/ids.js';
import { ContentGate } from '../../services/community/gate.js';
import {
  type Account,
  accounts,
  adminAndTwo,
  followEachOther,
  insertWork,
  makeAdmin,
  refusal,
} from '../../test/community.js';
import { createTestDeps, type TestDeps } from '../../test/deps.js';

describe('moderation', () => {
  let deps: TestDeps;
  let admin: Account;
  let alice: Account;
  let bob: Account;
  beforeEach(async () => {
    ({ deps, admin, alice, bob } = await adminAndTwo({ communityReview: 'pre' }));
  });

  /** A pending work of alice's, through the gate as the works half admits it. */
  async function pendingWork() {
    const { workId } = await insertWork(deps, alice, { status: 'pending' });
    const admission = await new ContentGate(deps).admit({
      kind: 'work',
      id: workId,
      authorId: alice.userId,
      texts: ['t'],
    });
    expect(admission).toBe('pending');
    return workId;
  }

  it('refuses every admin procedure to a non-admin with COMMUNITY_NOT_ADMIN', async () => {
    const someId = newId();
    const calls = [
      () => bob.caller.moderation.queue({}),
      () => bob.caller.moderation.decide({ itemId: someId, decision: 'approve' }),
      () => bob.caller.moderation.hideWork({ workId: someId, reason: 'no' }),
      () => bob.caller.moderation.suspend({ userId: alice.userId, reason: 'no' }),
      () => bob.caller.moderation.unsuspend({ userId: alice.userId }),
      () => bob.caller.reports.list({}),
      () => bob.caller.reports.resolve({ reportId: someId, outcome: 'dismissed' }),
      () =>
        bob.caller.challenges.create({
          title: 't',
          submitStartsAt: '2030-01-01T00:00:00Z',
          submitEndsAt: '2030-01-02T00:00:00Z',
          voteEndsAt: '2030-01-03T00:00:00Z',
        }),
      () => bob.caller.challenges.update({ challengeId: someId, title: 'x' }),
    ];
    // Called one at a time: a refusal is awaited as soon as it is made.
    for (const call of calls) expect(await refusal(call())).toBe('COMMUNITY_NOT_ADMIN');
    // Revoked admins are refused at once.
    await deps.db.deleteFrom('community_admins').where('user_id', '=', admin.userId).execute();
    expect(await refusal(admin.caller.moderation.queue({}))).toBe('COMMUNITY_NOT_ADMIN');
  });

  it('pages the queue oldest first, filters by kind and status, and approves or rejects with a reason', async () => {
    const first = await pendingWork();
    deps.clock.advance(1000);
    const second = await pendingWork();
    const page = await admin.caller.moderation.queue({ limit: 1 });
    expect(page.items.map((i) => i.targetId)).toEqual([first]);
    const next = await admin.caller.moderation.queue({ limit: 1, cursor: page.nextCursor ?? '' });
    expect(next.items.map((i) => i.targetId)).toEqual([second]);
    expect((await admin.caller.moderation.queue({ kind: 'comment' })).items).toEqual([]);

    const [itemA, itemB] = (await admin.caller.moderation.queue({})).items;
    await admin.caller.moderation.decide({ itemId: itemA?.id ?? '', decision: 'approve' });
    await admin.caller.moderation.decide({ itemId: itemB?.id ?? '', decision: 'reject', reason: '  不清晰  ' });
    const works = await deps.db.selectFrom('works').select(['id', 'status', 'review_reason', 'published_at']).execute();
    expect(works.find((w) => w.id === first)).toMatchObject({ status: 'published', review_reason: null });
    expect(works.find((w) => w.id === first)?.published_at).not.toBeNull();
    expect(works.find((w) => w.id === second)).toMatchObject({ status: 'rejected', review_reason: '不清晰' });
    expect((await admin.caller.moderation.queue({})).items).toEqual([]);
    expect((await admin.caller.moderation.queue({ status: 'rejected' })).items[0]).toMatchObject({ reason: '不清晰' });

    expect(
      await refusal(admin.caller.moderation.decide({ itemId: itemB?.id ?? '', decision: 'reject' } as never)),
    ).toBe('BAD_INPUT');
    expect(await refusal(admin.caller.moderation.decide({ itemId: newId(), decision: 'approve' }))).toBe('NOT_FOUND');
  });

  it('hides a work with a reason, and answers NOT_FOUND for no such work', async () => {
    const { workId } = await insertWork(deps, alice);
    await admin.caller.moderation.hideWork({ workId, reason: 'copyright' });
    const work = await deps.db
      .selectFrom('works')
      .select(['status', 'review_reason'])
      .where('id', '=', workId)
      .executeTakeFirst();
    expect(work).toEqual({ status: 'hidden', review_reason: 'copyright' });
    expect(await refusal(admin.caller.moderation.hideWork({ workId: newId(), reason: 'x' }))).toBe('NOT_FOUND');
    expect(await refusal(admin.caller.moderation.hideWork({ workId, reason: '' }))).toBe('BAD_INPUT');
  });

  it('a suspension stops the account wherever the gate applies, until it ends or is lifted', async () => {
    await followEachOther(deps, alice.userId, bob.userId);
    const until = new Date(deps.clock.now().getTime() + 3600_000).toISOString();
    expect(await admin.caller.moderation.suspend({ userId: alice.userId, reason: 'spam', until })).toEqual({ until });
    const gate = new ContentGate(deps);
    expect(await refusal(gate.assertCanAct(alice.userId))).toBe('COMMUNITY_SUSPENDED');
    expect(await refusal(alice.caller.messages.send({ userId: bob.userId, text: 'hi' }))).toBe('COMMUNITY_SUSPENDED');
    expect(await refusal(alice.caller.challenges.vote({ challengeId: newId(), workId: newId() }))).toBe(
      'COMMUNITY_SUSPENDED',
    );
    expect(await refusal(alice.caller.challenges.submit({ challengeId: newId(), workId: newId() }))).toBe(
      'COMMUNITY_SUSPENDED',
    );
    deps.clock.advance(3600_000 + 1);
    await gate.assertCanAct(alice.userId);

    await admin.caller.moderation.suspend({ userId: alice.userId, reason: 'again' });
    expect(await refusal(gate.assertCanAct(alice.userId))).toBe('COMMUNITY_SUSPENDED');
    expect(await admin.caller.moderation.unsuspend({ userId: alice.userId })).toEqual({ lifted: true });
    await alice.caller.messages.send({ userId: bob.userId, text: 'back' });

    const past = new Date(deps.clock.now().getTime() - 1000).toISOString();
    expect(await refusal(admin.caller.moderation.suspend({ userId: alice.userId, reason: 'x', until: past }))).toBe(
      'BAD_INPUT',
    );
    expect(await refusal(admin.caller.moderation.suspend({ userId: newId(), reason: 'x' }))).toBe('NOT_FOUND');
  });
});

describe('reports', () => {
  let deps: TestDeps;
  let admin: Account;
  let alice: Account;
  let bob: Account;
  beforeEach(async () => {
    deps = await createTestDeps();
    [admin, alice, bob] = (await accounts(deps, 3)) as [Account, Account, Account];
    await makeAdmin(deps, admin.userId);
  });

  it('takes one report per reporter and target, lists them for admins oldest first, and resolves them', async () => {
    const { workId } = await insertWork(deps, alice);
    const first = await bob.caller.reports.create({ kind: 'work', targetId: workId, reason: 'not theirs' });
    expect(first.created).toBe(true);
    expect(await bob.caller.reports.create({ kind: 'work', targetId: workId, reason: 'again' })).toEqual({
      id: first.id,
      created: false,
    });
    deps.clock.advance(1000);
    await bob.caller.reports.create({ kind: 'user', targetId: alice.userId, reason: 'spammer' });
    const open = await admin.caller.reports.list({});
    expect(open.items.map((r) => r.kind)).toEqual(['work', 'user']);
    expect(open.items[0]).toMatchObject({ reporter: { userId: bob.userId }, reason: 'not theirs', status: 'open' });

    await admin.caller.reports.resolve({ reportId: first.id, outcome: 'resolved', note: 'hidden' });
    expect((await admin.caller.reports.list({})).items.map((r) => r.kind)).toEqual(['user']);
    expect((await admin.caller.reports.list({ status: 'resolved' })).items[0]).toMatchObject({ resolution: 'hidden' });
    expect(await refusal(admin.caller.reports.resolve({ reportId: newId(), outcome: 'dismissed' }))).toBe('NOT_FOUND');
  });

  it('refuses what the reporter cannot see, themselves, and malformed or huge reasons', async () => {
    const { workId } = await insertWork(deps, alice, { status: 'pending' });
    expect(await refusal(bob.caller.reports.create({ kind: 'work', targetId: workId, reason: 'x' }))).toBe('NOT_FOUND');
    expect(await refusal(bob.caller.reports.create({ kind: 'comment', targetId: newId(), reason: 'x' }))).toBe(
      'NOT_FOUND',
    );
    expect(await refusal(bob.caller.reports.create({ kind: 'user', targetId: bob.userId, reason: 'x' }))).toBe(
      'BAD_INPUT',
    );
    const huge = 'x'.repeat(REPORT_REASON_MAX + 1);
    expect(await refusal(bob.caller.reports.create({ kind: 'user', targetId: alice.userId, reason: huge }))).toBe(
      'BAD_INPUT',
    );
    expect(
      await refusal(bob.caller.reports.create({ kind: 'photo' as never, targetId: alice.userId, reason: 'x' })),
    ).toBe('BAD_INPUT');
  });

  it('reports a message from a conversation the reporter is in', async () => {
    await followEachOther(deps, alice.userId, bob.userId);
    const message = await alice.caller.messages.send({ userId: bob.userId, text: 'buy now' });
    expect((await bob.caller.reports.create({ kind: 'message', targetId: message.id, reason: 'spam' })).created).toBe(
      true,
    );
    expect((await admin.caller.reports.list({})).items[0]).toMatchObject({ kind: 'message', targetId: message.id });
  });
});

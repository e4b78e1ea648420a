/**
 * Unread counts follow what messages.poll delivers (shown positions, migration 0016): a pre-reviewed
 * message approved after its receiver read the conversation counts as unread once, in the conversation
 * list, the profile's conversation and the poll's total alike, until markRead; a refused one never counts,
 * nor one's own. On SQLite and (XIAOJIA_TEST_DATABASE=postgres) PostgreSQL.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { type Account, accounts, followEachOther, makeAdmin } from '../../test/community.js';
import { createTestDeps, type TestDeps } from '../../test/deps.js';

describe('unread counts by shown position', () => {
  let deps: TestDeps;
  let x: Account;
  let y: Account;
  let admin: Account;
  beforeEach(async () => {
    deps = await createTestDeps({ communityReview: 'pre' });
    [x, y, admin] = (await accounts(deps, 3)) as [Account, Account, Account];
    await makeAdmin(deps, admin.userId);
    await followEachOther(deps, x.userId, y.userId);
  });

  /** Review items by message id (a decided item leaves the queue; deciding it again goes by its id). */
  const itemIds = new Map<string, string>();
  async function decide(messageId: string, decision: 'approve' | 'reject') {
    const items = (await admin.caller.moderation.queue({ kind: 'message' })).items;
    const itemId = itemIds.get(messageId) ?? items.find((i) => i.targetId === messageId)?.id ?? '';
    itemIds.set(messageId, itemId);
    await admin.caller.moderation.decide(
      decision === 'reject' ? { itemId, decision, reason: 'No' } : { itemId, decision },
    );
  }

  /** `who`'s unread count as each answer gives it: the list, the conversation with `other`, the poll. */
  async function unread(who: Account, other: Account) {
    const list = (await who.caller.messages.conversations({})).items.map((c) => c.unread);
    const withOther = (await who.caller.messages.with({ userId: other.userId })).conversation?.unread;
    const poll = (await who.caller.messages.poll({})).unread;
    return { list, withOther, poll };
  }
  const counted = (n: number) => ({ list: [n], withOther: n, poll: n });

  it('counts a message approved after the receiver read the conversation, once, until read again', async () => {
    const held = await x.caller.messages.send({ userId: y.userId, text: 'held' });
    deps.clock.advance(60_000);
    const later = await x.caller.messages.send({ userId: y.userId, text: 'later' });
    await decide(later.id, 'approve');
    expect(await unread(y, x)).toEqual(counted(1));
    // The receiver reads (after both were written); the older one is approved only then.
    deps.clock.advance(60_000);
    await y.caller.messages.markRead({ conversationId: held.conversationId });
    expect(await unread(y, x)).toEqual(counted(0));
    deps.clock.advance(60_000);
    await decide(held.id, 'approve');
    expect(await unread(y, x)).toEqual(counted(1));
    // Deciding it again changes nothing; the sender never counts their own.
    await decide(held.id, 'approve');
    expect(await unread(y, x)).toEqual(counted(1));
    expect(await unread(x, y)).toEqual(counted(0));
    await y.caller.messages.markRead({ conversationId: held.conversationId });
    expect(await unread(y, x)).toEqual(counted(0));
  });

  it('never counts a refused message, and counts what comes after it', async () => {
    const rude = await x.caller.messages.send({ userId: y.userId, text: 'rude' });
    await y.caller.messages.markRead({ conversationId: rude.conversationId });
    await decide(rude.id, 'reject');
    expect(await unread(y, x)).toEqual(counted(0));
    const kind = await x.caller.messages.send({ userId: y.userId, text: 'kind' });
    await decide(kind.id, 'approve');
    expect(await unread(y, x)).toEqual(counted(1));
    // Replying reads the conversation for the one who writes.
    await y.caller.messages.send({ userId: x.userId, text: 'thanks' });
    expect(await unread(y, x)).toEqual(counted(0));
  });

  it('marks only the caller’s own read mark, in their own conversation', async () => {
    const [z] = (await accounts(deps, 1)) as [Account];
    const sent = await x.caller.messages.send({ userId: y.userId, text: 'hi' });
    await decide(sent.id, 'approve');
    expect(await z.caller.messages.markRead({ conversationId: sent.conversationId }).catch((e) => e.code)).toBe(
      'NOT_FOUND',
    );
    // The sender marking it read leaves the receiver's count alone.
    await x.caller.messages.markRead({ conversationId: sent.conversationId });
    expect(await unread(y, x)).toEqual(counted(1));
  });
});

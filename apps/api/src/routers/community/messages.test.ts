/**
 * Private messages through the routers: who may write to whom (mutual followers, accepted requests),
 * one pending request per pair, another's conversation NOT_FOUND, a block refusing and hiding, unread
 * counts and polling, review holding a message for its sender only, malformed input refused with codes.
 */
import { MESSAGE_MAX } from '@xiaojia/shared';
import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../integrations/ids.js';
import { COMMUNITY_RATES } from '../../services/community/rates.js';
import { type Account, accounts, follow, followEachOther, makeAdmin, refusal } from '../../test/community.js';
import { createTestDeps, type TestDeps } from '../../test/deps.js';

describe('private messages', () => {
  let deps: TestDeps;
  let a: Account;
  let b: Account;
  let c: Account;
  beforeEach(async () => {
    deps = await createTestDeps();
    [a, b, c] = (await accounts(deps, 3)) as [Account, Account, Account];
  });

  it('lets mutual followers write, lists conversations with the last message and unread counts, and marks them read', async () => {
    await followEachOther(deps, a.userId, b.userId);
    const first = await a.caller.messages.send({ userId: b.userId, text: '  你好  ' });
    expect(first).toMatchObject({ senderId: a.userId, text: '你好', status: 'visible' });
    deps.clock.advance(1000);
    await a.caller.messages.send({ userId: b.userId, text: 'second' });

    const forB = await b.caller.messages.conversations({});
    expect(forB.items).toHaveLength(1);
    expect(forB.items[0]).toMatchObject({
      id: first.conversationId,
      other: { userId: a.userId, displayName: a.user.displayName },
      status: 'active',
      unread: 2,
      lastMessage: { text: 'second' },
    });
    expect((await a.caller.messages.conversations({})).items[0]?.unread).toBe(0);

    const page = await b.caller.messages.list({ conversationId: first.conversationId, limit: 1 });
    expect(page.items.map((m) => m.text)).toEqual(['second']);
    const rest = await b.caller.messages.list({ conversationId: first.conversationId, cursor: page.nextCursor ?? '' });
    expect(rest.items.map((m) => m.text)).toEqual(['你好']);
    expect(rest.nextCursor).toBeNull();

    await b.caller.messages.markRead({ conversationId: first.conversationId });
    expect((await b.caller.messages.conversations({})).items[0]?.unread).toBe(0);
    expect((await b.caller.messages.poll({})).unread).toBe(0);
  });

  it('refuses messages to someone who does not follow back, until they accept a request', async () => {
    await follow(deps, a.userId, b.userId);
    expect(await refusal(a.caller.messages.send({ userId: b.userId, text: 'hi' }))).toBe('MESSAGE_NOT_ALLOWED');

    const request = await a.caller.messages.request({ userId: b.userId, text: 'may I?' });
    expect(await refusal(a.caller.messages.request({ userId: b.userId, text: 'again' }))).toBe('CONFLICT');
    expect(await refusal(b.caller.messages.request({ userId: a.userId, text: 'me too' }))).toBe('CONFLICT');
    expect(await refusal(a.caller.messages.send({ userId: b.userId, text: 'hello?' }))).toBe('MESSAGE_NOT_ALLOWED');
    // Only the receiver answers a request.
    expect(await refusal(a.caller.messages.accept({ conversationId: request.conversationId }))).toBe('CONFLICT');
    const asked = (await b.caller.messages.conversations({})).items[0];
    expect(asked).toMatchObject({ status: 'requested', requestedByMe: false, lastMessage: { text: 'may I?' } });

    await b.caller.messages.accept({ conversationId: request.conversationId });
    await b.caller.messages.send({ userId: a.userId, text: 'sure' });
    await a.caller.messages.send({ userId: b.userId, text: 'thanks' });
    const texts = (await a.caller.messages.list({ conversationId: request.conversationId })).items.map((m) => m.text);
    expect(texts).toEqual(['thanks', 'sure', 'may I?']);
  });

  it('a declined request ends the conversation: gone from both lists, and no second request from the same side', async () => {
    const request = await a.caller.messages.request({ userId: b.userId, text: 'hi' });
    await b.caller.messages.decline({ conversationId: request.conversationId });
    expect((await a.caller.messages.conversations({})).items).toEqual([]);
    expect((await b.caller.messages.conversations({})).items).toEqual([]);
    expect(await refusal(a.caller.messages.request({ userId: b.userId, text: 'please' }))).toBe('MESSAGE_NOT_ALLOWED');
    expect(await refusal(a.caller.messages.list({ conversationId: request.conversationId }))).toBe('NOT_FOUND');
  });

  it("answers NOT_FOUND for another pair's conversation, whatever the call", async () => {
    await followEachOther(deps, a.userId, b.userId);
    const { conversationId } = await a.caller.messages.send({ userId: b.userId, text: 'private' });
    expect(await refusal(c.caller.messages.list({ conversationId }))).toBe('NOT_FOUND');
    expect(await refusal(c.caller.messages.markRead({ conversationId }))).toBe('NOT_FOUND');
    expect(await refusal(c.caller.messages.accept({ conversationId }))).toBe('NOT_FOUND');
    expect(await refusal(c.caller.messages.decline({ conversationId }))).toBe('NOT_FOUND');
    expect(await refusal(c.caller.messages.list({ conversationId: newId() }))).toBe('NOT_FOUND');
    expect((await c.caller.messages.conversations({})).items).toEqual([]);
    const poll = await c.caller.messages.poll({ cursor: (await c.caller.messages.poll({})).cursor });
    expect(poll).toMatchObject({ messages: [], unread: 0 });
    // Nor can a stranger report a message they were never sent.
    expect(
      await refusal(
        c.caller.reports.create({
          kind: 'message',
          targetId: first(await b.caller.messages.list({ conversationId })),
          reason: 'spam',
        }),
      ),
    ).toBe('NOT_FOUND');
  });

  it('a block refuses messages both ways, hides the conversation from both, and ends it', async () => {
    await followEachOther(deps, a.userId, b.userId);
    const { conversationId } = await a.caller.messages.send({ userId: b.userId, text: 'hi' });
    await b.caller.blocks.block({ userId: a.userId });
    expect(await refusal(a.caller.messages.send({ userId: b.userId, text: 'hello?' }))).toBe('COMMUNITY_BLOCKED');
    expect(await refusal(b.caller.messages.send({ userId: a.userId, text: 'bye' }))).toBe('COMMUNITY_BLOCKED');
    expect(await refusal(a.caller.messages.request({ userId: b.userId, text: 'please' }))).toBe('COMMUNITY_BLOCKED');
    expect(await refusal(a.caller.messages.list({ conversationId }))).toBe('NOT_FOUND');
    expect((await a.caller.messages.conversations({})).items).toEqual([]);
    expect((await b.caller.messages.conversations({})).items).toEqual([]);
    expect((await b.caller.blocks.list({})).items).toEqual([
      expect.objectContaining({ userId: a.userId, displayName: a.user.displayName }),
    ]);

    await b.caller.blocks.unblock({ userId: a.userId });
    expect((await b.caller.blocks.list({})).items).toEqual([]);
    // Unblocked mutual followers may write again: the conversation comes back as active.
    deps.clock.advance(1000);
    await b.caller.messages.send({ userId: a.userId, text: 'ok, again' });
    expect((await a.caller.messages.conversations({})).items[0]).toMatchObject({
      status: 'active',
      unread: 1,
      lastMessage: { text: 'ok, again' },
    });
  });

  it('polls new messages across conversations after a cursor, in bounded batches, with the unread total', async () => {
    await followEachOther(deps, a.userId, b.userId);
    await followEachOther(deps, a.userId, c.userId);
    const start = await a.caller.messages.poll({});
    expect(start).toMatchObject({ messages: [], more: false, unread: 0 });
    deps.clock.advance(10);
    await b.caller.messages.send({ userId: a.userId, text: 'from b' });
    deps.clock.advance(10);
    await c.caller.messages.send({ userId: a.userId, text: 'from c' });
    const next = await a.caller.messages.poll({ cursor: start.cursor });
    expect(next.messages.map((m) => m.text)).toEqual(['from b', 'from c']);
    expect(next).toMatchObject({ more: false, unread: 2 });
    const after = await a.caller.messages.poll({ cursor: next.cursor });
    expect(after.messages).toEqual([]);
    expect(after.cursor).toBe(next.cursor);
    expect(await refusal(a.caller.messages.poll({ cursor: 'not-a-cursor' }))).toBe('BAD_INPUT');
  });

  it('in pre-review, a message waits for an admin: its sender sees it, the receiver only once approved', async () => {
    const pre = await createTestDeps({ communityReview: 'pre' });
    const [x, y, admin] = (await accounts(pre, 3)) as [Account, Account, Account];
    await makeAdmin(pre, admin.userId);
    await followEachOther(pre, x.userId, y.userId);
    const sent = await x.caller.messages.send({ userId: y.userId, text: 'held' });
    expect(sent.status).toBe('pending');
    expect((await y.caller.messages.list({ conversationId: sent.conversationId })).items).toEqual([]);
    expect((await x.caller.messages.list({ conversationId: sent.conversationId })).items).toHaveLength(1);
    const item = (await admin.caller.moderation.queue({ kind: 'message' })).items[0];
    expect(item).toMatchObject({ targetId: sent.id, author: { userId: x.userId } });
    await admin.caller.moderation.decide({ itemId: item?.id ?? '', decision: 'approve' });
    expect((await y.caller.messages.list({ conversationId: sent.conversationId })).items[0]?.status).toBe('visible');
  });

  it('polls a pre-reviewed message approved later exactly once, though the cursor is past its time', async () => {
    const pre = await createTestDeps({ communityReview: 'pre' });
    const [x, y, admin] = (await accounts(pre, 3)) as [Account, Account, Account];
    await makeAdmin(pre, admin.userId);
    await followEachOther(pre, x.userId, y.userId);
    const start = await y.caller.messages.poll({});
    const held = await x.caller.messages.send({ userId: y.userId, text: 'held' });
    pre.clock.advance(60_000);
    const other = await x.caller.messages.send({ userId: y.userId, text: 'later' });
    // The receiver polls: neither is shown yet.
    const before = await y.caller.messages.poll({ cursor: start.cursor });
    expect(before.messages).toEqual([]);
    const items = (await admin.caller.moderation.queue({ kind: 'message' })).items;
    const itemOf = (id: string) => items.find((i) => i.targetId === id)?.id ?? '';
    await admin.caller.moderation.decide({ itemId: itemOf(other.id), decision: 'approve' });
    const first = await y.caller.messages.poll({ cursor: before.cursor });
    expect(first.messages.map((m) => m.text)).toEqual(['later']);
    // The older one is approved after the receiver's cursor passed the newer one: it still comes, once.
    await admin.caller.moderation.decide({ itemId: itemOf(held.id), decision: 'approve' });
    const second = await y.caller.messages.poll({ cursor: first.cursor });
    expect(second.messages.map((m) => [m.id, m.status])).toEqual([[held.id, 'visible']]);
    expect((await y.caller.messages.poll({ cursor: second.cursor })).messages).toEqual([]);
    // The sender's poll reports each decision too (the new status), and a refusal with its reason.
    const mine = await x.caller.messages.poll({ cursor: start.cursor });
    expect(mine.messages.map((m) => [m.text, m.status])).toEqual([
      ['later', 'visible'],
      ['held', 'visible'],
    ]);
    const rude = await x.caller.messages.send({ userId: y.userId, text: 'rude' });
    const rudeItem = (await admin.caller.moderation.queue({ kind: 'message' })).items.find(
      (i) => i.targetId === rude.id,
    );
    await admin.caller.moderation.decide({ itemId: rudeItem?.id ?? '', decision: 'reject', reason: 'No' });
    expect((await y.caller.messages.poll({ cursor: second.cursor })).messages).toEqual([]);
    const refused = await x.caller.messages.poll({ cursor: mine.cursor });
    // One row per message: its latest position (written, then refused) reported once.
    expect(refused.messages.map((m) => [m.text, m.status, m.reviewReason])).toEqual([['rude', 'rejected', 'No']]);
  });

  it('refuses malformed input with codes, and a suspended account everywhere it writes', async () => {
    await followEachOther(deps, a.userId, b.userId);
    for (const text of ['', '   ', 'x'.repeat(MESSAGE_MAX + 1)]) {
      expect(await refusal(a.caller.messages.send({ userId: b.userId, text }))).toBe('BAD_INPUT');
    }
    expect(await refusal(a.caller.messages.send({ userId: 'nope', text: 'hi' }))).toBe('BAD_INPUT');
    expect(await refusal(a.caller.messages.list({ conversationId: a.userId, limit: 1000 }))).toBe('BAD_INPUT');
    expect(await refusal(a.caller.messages.send({ userId: a.userId, text: 'me' }))).toBe('BAD_INPUT');
    expect(await refusal(a.caller.messages.send({ userId: newId(), text: 'ghost' }))).toBe('NOT_FOUND');

    await deps.db
      .insertInto('community_suspensions')
      .values({
        user_id: a.userId,
        reason: 'spam',
        until: null,
        created_by: b.userId,
        created_at: deps.clock.now().toISOString(),
      })
      .execute();
    expect(await refusal(a.caller.messages.send({ userId: b.userId, text: 'hi' }))).toBe('COMMUNITY_SUSPENDED');
    expect(await refusal(a.caller.messages.request({ userId: c.userId, text: 'hi' }))).toBe('COMMUNITY_SUSPENDED');
  });

  it('limits messages per sender, across instances (the count is in the database)', async () => {
    await followEachOther(deps, a.userId, b.userId);
    for (let i = 0; i < COMMUNITY_RATES.message.max; i += 1)
      await a.caller.messages.send({ userId: b.userId, text: `${i}` });
    expect(await refusal(a.caller.messages.send({ userId: b.userId, text: 'one more' }))).toBe('RATE_LIMITED');
    deps.clock.advance(COMMUNITY_RATES.message.windowMs + 1);
    await a.caller.messages.send({ userId: b.userId, text: 'later' });
  });
});

function first(page: { items: { id: string }[] }): string {
  const id = page.items[0]?.id;
  if (!id) throw new Error('no message');
  return id;
}

/**
 * What the community answers a user about themselves: profiles.me (admin, suspension, unread messages),
 * works.mine (their works in every state, with the reason of a refusal), the reason of their own refused
 * comments and messages (never shown to anyone else, nor the refused content itself), and messages.with
 * (their conversation with one user, null when none; across a block NOT_FOUND, or blockedByMe to the blocker).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../integrations/ids.js';
import { type Account, accounts, adminAndTwo, followEachOther, insertWork, refusal } from '../../test/community.js';

describe('the community about oneself', () => {
  let { deps, admin, alice, bob } = {} as Awaited<ReturnType<typeof adminAndTwo>>;
  beforeEach(async () => {
    ({ deps, admin, alice, bob } = await adminAndTwo({ communityReview: 'pre' }));
  });

  /** The admin decides the review item of `targetId`. */
  async function decide(targetId: string, decision: 'approve' | 'reject', reason = 'Not suitable') {
    const item = (await admin.caller.moderation.queue({})).items.find((i) => i.targetId === targetId);
    if (!item) throw new Error(`no review item for ${targetId}`);
    await admin.caller.moderation.decide(
      decision === 'approve' ? { itemId: item.id, decision } : { itemId: item.id, decision, reason },
    );
  }

  it('profiles.me: the caller, whether an admin, a suspension in force, and the unread messages', async () => {
    expect(await alice.caller.profiles.me()).toEqual({
      user: { userId: alice.userId, displayName: alice.user.displayName },
      isAdmin: false,
      suspension: null,
      unreadMessages: 0,
    });
    expect((await admin.caller.profiles.me()).isAdmin).toBe(true);

    await followEachOther(deps, alice.userId, bob.userId);
    const sent = await bob.caller.messages.send({ userId: alice.userId, text: 'hi' });
    expect((await alice.caller.profiles.me()).unreadMessages).toBe(0); // pre-review: not shown yet
    await decide(sent.id, 'approve');
    expect((await alice.caller.profiles.me()).unreadMessages).toBe(1);
    expect((await bob.caller.profiles.me()).unreadMessages).toBe(0);

    const until = new Date(deps.clock.now().getTime() + 3600_000).toISOString();
    await admin.caller.moderation.suspend({ userId: alice.userId, reason: 'spam', until });
    expect((await alice.caller.profiles.me()).suspension).toEqual({ until, reason: 'spam' });
    // Only one's own: bob sees nothing of alice's suspension through his own me.
    expect((await bob.caller.profiles.me()).suspension).toBeNull();
    deps.clock.advance(3600_001);
    expect((await alice.caller.profiles.me()).suspension).toBeNull();
    await admin.caller.moderation.suspend({ userId: alice.userId, reason: 'again' });
    expect((await alice.caller.profiles.me()).suspension).toEqual({ until: null, reason: 'again' });
  });

  it('works.mine: every state newest first in keyset pages, the reason only there; never another’s', async () => {
    const published = await insertWork(deps, alice, { title: 'shown' });
    deps.clock.advance(10);
    const pending = await insertWork(deps, alice, { status: 'pending', title: 'waiting' });
    deps.clock.advance(10);
    const refused = await insertWork(deps, alice, { status: 'pending', title: 'refused' });
    await deps.db
      .updateTable('works')
      .set({ status: 'rejected', review_reason: 'Blurry' })
      .where('id', '=', refused.workId)
      .execute();
    deps.clock.advance(10);
    await insertWork(deps, bob, { title: 'bob’s' });

    const first = await alice.caller.works.mine({ limit: 2 });
    expect(first.items.map((w) => [w.title, w.status, w.reviewReason])).toEqual([
      ['refused', 'rejected', 'Blurry'],
      ['waiting', 'pending', null],
    ]);
    expect(first.items[0]?.cover.url).toContain('http');
    const rest = await alice.caller.works.mine({ limit: 2, cursor: first.nextCursor ?? '' });
    expect(rest.items.map((w) => [w.id, w.status])).toEqual([[published.workId, 'published']]);
    expect(rest.nextCursor).toBeNull();
    expect((await bob.caller.works.mine({})).items.map((w) => w.title)).toEqual(['bob’s']);
    expect(pending.workId).not.toBe(refused.workId);
    // The refusal's reason is the author's alone: nobody else can even open the work.
    expect(await refusal(bob.caller.works.get({ workId: refused.workId }))).toBe('NOT_FOUND');
    expect(await refusal(alice.caller.works.mine({ limit: 1000 }))).toBe('BAD_INPUT');
  });

  it('a refused comment shows to its writer with the reason, and to nobody else', async () => {
    const { workId } = await insertWork(deps, bob);
    const kept = await alice.caller.works.comment({ workId, text: 'lovely' });
    const bad = await alice.caller.works.comment({ workId, text: 'rude' });
    await decide(kept.id, 'approve');
    await decide(bad.id, 'reject', 'Be kind');
    const mine = (await alice.caller.works.comments({ workId })).items;
    expect(mine.map((c) => [c.text, c.status, c.reviewReason])).toEqual([
      ['lovely', 'visible', null],
      ['rude', 'rejected', 'Be kind'],
    ]);
    // The work's author and the admin's own view of the page: the visible one only, no reason anywhere.
    for (const who of [bob, admin]) {
      const theirs = (await who.caller.works.comments({ workId })).items;
      expect(theirs.map((c) => [c.text, c.reviewReason])).toEqual([['lovely', null]]);
    }
    // A reply to a refused comment is refused as if it were not there.
    expect(await refusal(alice.caller.works.comment({ workId, text: 'more', parentId: bad.id }))).toBe('NOT_FOUND');
  });

  it('a refused message shows to its sender with the reason; the receiver never sees it', async () => {
    await followEachOther(deps, alice.userId, bob.userId);
    const bad = await alice.caller.messages.send({ userId: bob.userId, text: 'spam link' });
    await decide(bad.id, 'reject', 'No links');
    const conversationId = bad.conversationId;
    expect((await alice.caller.messages.list({ conversationId })).items).toEqual([
      expect.objectContaining({ id: bad.id, status: 'rejected', reviewReason: 'No links' }),
    ]);
    expect((await alice.caller.messages.conversations({})).items[0]?.lastMessage).toMatchObject({
      id: bad.id,
      reviewReason: 'No links',
    });
    expect((await bob.caller.messages.list({ conversationId })).items).toEqual([]);
    expect((await bob.caller.messages.conversations({})).items[0]?.lastMessage).toBeNull();
    expect((await bob.caller.messages.with({ userId: alice.userId })).conversation?.lastMessage).toBeNull();
  });

  it('messages.with: the conversation or null; across a block NOT_FOUND to the blocked, blockedByMe to the blocker', async () => {
    const [carol] = (await accounts(deps, 1)) as [Account];
    expect(await alice.caller.messages.with({ userId: bob.userId })).toEqual({
      conversation: null,
      blockedByMe: false,
    });
    await followEachOther(deps, alice.userId, bob.userId);
    const sent = await alice.caller.messages.send({ userId: bob.userId, text: 'hello' });
    await decide(sent.id, 'approve');
    const theirs = await bob.caller.messages.with({ userId: alice.userId });
    expect(theirs.conversation).toMatchObject({
      id: sent.conversationId,
      other: { userId: alice.userId, displayName: alice.user.displayName },
      status: 'active',
      requestedByMe: false,
      unread: 1,
      lastMessage: { text: 'hello' },
    });
    expect((await alice.caller.messages.with({ userId: bob.userId })).conversation?.id).toBe(sent.conversationId);
    // A third person has none with either, and cannot see theirs.
    expect(await carol.caller.messages.with({ userId: alice.userId })).toEqual({
      conversation: null,
      blockedByMe: false,
    });

    await bob.caller.blocks.block({ userId: alice.userId });
    expect(await refusal(alice.caller.messages.with({ userId: bob.userId }))).toBe('NOT_FOUND');
    expect(await bob.caller.messages.with({ userId: alice.userId })).toEqual({ conversation: null, blockedByMe: true });
    expect(await refusal(alice.caller.messages.with({ userId: newId() }))).toBe('NOT_FOUND');
    expect(await refusal(alice.caller.messages.with({ userId: alice.userId }))).toBe('BAD_INPUT');
    expect(await refusal(alice.caller.messages.with({ userId: 'nope' }))).toBe('BAD_INPUT');
  });
});

/**
 * "Did I block this user": profiles.get and messages.with answer blockedByMe to the one who blocked (the
 * profile with their name and counts, not their bio; no conversation), the same whether or not the other
 * blocked back, so nothing tells a blocker of the other's block; the blocked one, not blocking back, gets
 * NOT_FOUND as for no such account; everyone else sees blockedByMe false, whoever else blocked whom.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { type Account, accounts, followEachOther, refusal } from '../../test/community.js';
import { createTestDeps, type TestDeps } from '../../test/deps.js';

describe('blockedByMe', () => {
  let deps: TestDeps;
  let alice: Account;
  let bob: Account;
  let carol: Account;
  beforeEach(async () => {
    deps = await createTestDeps();
    [alice, bob, carol] = (await accounts(deps, 3)) as [Account, Account, Account];
    await bob.caller.profiles.update({ bio: 'bob’s words' });
    await followEachOther(deps, alice.userId, bob.userId);
    await alice.caller.messages.send({ userId: bob.userId, text: 'hello' });
  });

  it('answers the blocker, hides the bio from them, and is false again after an unblock', async () => {
    expect(await alice.caller.profiles.get({ userId: bob.userId })).toMatchObject({
      bio: 'bob’s words',
      blockedByMe: false,
    });
    expect((await alice.caller.messages.with({ userId: bob.userId })).blockedByMe).toBe(false);
    await alice.caller.blocks.block({ userId: bob.userId });
    const profile = await alice.caller.profiles.get({ userId: bob.userId });
    expect(profile).toMatchObject({
      user: { userId: bob.userId, displayName: bob.user.displayName },
      bio: '',
      blockedByMe: true,
      isMe: false,
    });
    expect(await alice.caller.messages.with({ userId: bob.userId })).toEqual({ conversation: null, blockedByMe: true });
    await alice.caller.blocks.unblock({ userId: bob.userId });
    expect(await alice.caller.profiles.get({ userId: bob.userId })).toMatchObject({
      bio: 'bob’s words',
      blockedByMe: false,
    });
    // The block ended their conversation: after the unblock there is none until they write again.
    expect(await alice.caller.messages.with({ userId: bob.userId })).toEqual({
      conversation: null,
      blockedByMe: false,
    });
  });

  it('tells the blocker nothing of a block back, and the blocked one nothing but NOT_FOUND', async () => {
    await alice.caller.blocks.block({ userId: bob.userId });
    const before = {
      profile: await alice.caller.profiles.get({ userId: bob.userId }),
      with: await alice.caller.messages.with({ userId: bob.userId }),
    };
    // Bob, blocked and not blocking back: as if alice did not exist.
    expect(await refusal(bob.caller.profiles.get({ userId: alice.userId }))).toBe('NOT_FOUND');
    expect(await refusal(bob.caller.messages.with({ userId: alice.userId }))).toBe('NOT_FOUND');
    await bob.caller.blocks.block({ userId: alice.userId });
    // Alice's answers are exactly what they were before bob blocked her back; bob's now say he blocked her.
    expect({
      profile: await alice.caller.profiles.get({ userId: bob.userId }),
      with: await alice.caller.messages.with({ userId: bob.userId }),
    }).toEqual(before);
    expect(await bob.caller.profiles.get({ userId: alice.userId })).toMatchObject({ blockedByMe: true, bio: '' });
    // Alice lifts hers: bob's block remains, so bob is NOT_FOUND to her.
    await alice.caller.blocks.unblock({ userId: bob.userId });
    expect(await refusal(alice.caller.profiles.get({ userId: bob.userId }))).toBe('NOT_FOUND');
  });

  it('is each caller’s own: a third person sees false whoever blocked whom', async () => {
    await alice.caller.blocks.block({ userId: bob.userId });
    await bob.caller.blocks.block({ userId: carol.userId });
    expect(await carol.caller.profiles.get({ userId: alice.userId })).toMatchObject({ blockedByMe: false });
    expect(await carol.caller.messages.with({ userId: alice.userId })).toEqual({
      conversation: null,
      blockedByMe: false,
    });
    expect(await alice.caller.profiles.get({ userId: carol.userId })).toMatchObject({ blockedByMe: false });
    // Carol was blocked by bob: NOT_FOUND to her; bob's own profile is his, never blocked by himself.
    expect(await refusal(carol.caller.profiles.get({ userId: bob.userId }))).toBe('NOT_FOUND');
    expect(await bob.caller.profiles.get({ userId: bob.userId })).toMatchObject({ blockedByMe: false, isMe: true });
  });
});

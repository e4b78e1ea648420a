/** Invites: what a code reveals, each way it can stop working, one use per join, and guessing limited. */
import { INVITE_MAX_DAYS, JOIN_PAGE } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashToken } from '../services/auth.js';
import { INVITE_LOOKUPS_PER_ADDRESS } from '../services/invites.js';
import { signUpAndGetToken } from '../test/auth.js';
import { callerFor, createTestDeps, type TestDeps } from '../test/deps.js';
import { FAKE_WXACODE_PNG, type FakeWeChat, startFakeWeChat } from '../test/fake-wechat.js';
import type { TestAccount } from '../test/homes.js';

const DAY = 24 * 3600 * 1000;
const appCode = (promise: Promise<unknown>) =>
  promise.then(
    () => 'OK',
    (error: { cause?: { code?: string } }) => error.cause?.code ?? 'no app code',
  );

describe('invites', () => {
  let deps: TestDeps;
  let mom: TestAccount;
  let grandma: TestAccount;
  beforeEach(async () => {
    deps = await createTestDeps();
    mom = await signUpAndGetToken(deps);
    grandma = await signUpAndGetToken(deps);
  });

  it('reveals the home’s name, the inviter and the role only, to anyone holding the code', async () => {
    const { code, invite } = await mom.caller.invites.create({ homeId: mom.homeId, role: 'viewer' });
    expect(invite).toMatchObject({ role: 'viewer', maxUses: 1, uses: 0, createdByName: mom.user.displayName });
    expect(new Date(invite.expiresAt).getTime() - new Date(invite.createdAt).getTime()).toBe(7 * DAY);
    const preview = await callerFor(deps, { ip: '192.0.2.1' }).invites.preview({ code });
    expect(preview).toEqual({
      homeName: `${mom.user.displayName}的家`,
      inviterName: mom.user.displayName,
      role: 'viewer',
      alreadyMember: false,
    });
    expect((await mom.caller.invites.preview({ code })).alreadyMember).toBe(true);
  });

  it('stores only a hash of the code', async () => {
    const { code } = await mom.caller.invites.create({ homeId: mom.homeId, role: 'member' });
    const rows = await deps.db.selectFrom('home_invites').selectAll().execute();
    expect(rows.map((r) => r.code_hash)).toEqual([hashToken(code)]);
    expect(JSON.stringify(rows)).not.toContain(code);
  });

  it('joins with the invite’s role, once per use; joining again uses nothing up', async () => {
    const { code } = await mom.caller.invites.create({ homeId: mom.homeId, role: 'viewer', maxUses: 2 });
    const home = await grandma.caller.invites.accept({ code });
    expect(home).toMatchObject({ id: mom.homeId, role: 'viewer', memberCount: 2, ownerName: mom.user.displayName });
    await grandma.caller.invites.accept({ code });
    expect((await mom.caller.invites.list({ homeId: mom.homeId })).items[0]?.uses).toBe(1);
    const grandpa = await signUpAndGetToken(deps);
    await grandpa.caller.invites.accept({ code });
    const aunt = await signUpAndGetToken(deps);
    expect(await appCode(aunt.caller.invites.accept({ code }))).toBe('INVITE_USED_UP');
    expect(await appCode(aunt.caller.invites.preview({ code }))).toBe('INVITE_USED_UP');
    expect((await mom.caller.invites.list({ homeId: mom.homeId })).items).toEqual([]);
    expect((await aunt.caller.homes.list()).items.map((h) => h.id)).toEqual([aunt.homeId]);
  });

  it('says which: unknown, revoked, expired', async () => {
    expect(await appCode(grandma.caller.invites.accept({ code: 'A'.repeat(22) }))).toBe('INVITE_NOT_FOUND');
    const revoked = await mom.caller.invites.create({ homeId: mom.homeId, role: 'member' });
    await mom.caller.invites.revoke({ homeId: mom.homeId, inviteId: revoked.invite.id });
    expect(await appCode(grandma.caller.invites.accept({ code: revoked.code }))).toBe('INVITE_REVOKED');
    const expiring = await mom.caller.invites.create({ homeId: mom.homeId, role: 'member', expiresInDays: 1 });
    deps.clock.advance(DAY + 1000);
    expect(await appCode(grandma.caller.invites.preview({ code: expiring.code }))).toBe('INVITE_EXPIRED');
    expect(await appCode(grandma.caller.invites.accept({ code: expiring.code }))).toBe('INVITE_EXPIRED');
    expect((await grandma.caller.homes.list()).items).toHaveLength(1);
    // A code of the wrong shape never reaches the database.
    await expect(grandma.caller.invites.accept({ code: 'short' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      mom.caller.invites.create({ homeId: mom.homeId, role: 'member', expiresInDays: INVITE_MAX_DAYS + 1 }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('cannot make an owner, and another home’s invite cannot be revoked from here', async () => {
    await expect(mom.caller.invites.create({ homeId: mom.homeId, role: 'owner' as 'member' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    const theirs = await grandma.caller.invites.create({ homeId: grandma.homeId, role: 'member' });
    expect(await appCode(mom.caller.invites.revoke({ homeId: mom.homeId, inviteId: theirs.invite.id }))).toBe(
      'NOT_FOUND',
    );
    expect(await appCode(mom.caller.invites.revoke({ homeId: grandma.homeId, inviteId: theirs.invite.id }))).toBe(
      'NOT_FOUND',
    );
    expect((await grandma.caller.invites.preview({ code: theirs.code })).homeName).toBeTruthy();
  });

  it('limits look-ups per address, found or not, so codes cannot be guessed', async () => {
    const { code } = await mom.caller.invites.create({ homeId: mom.homeId, role: 'viewer' });
    const guesser = callerFor(deps, { ip: '198.51.100.7' });
    for (let i = 0; i < INVITE_LOOKUPS_PER_ADDRESS; i++) {
      expect(await appCode(guesser.invites.preview({ code: `${'B'.repeat(20)}${String(i).padStart(2, '0')}` }))).toBe(
        'INVITE_NOT_FOUND',
      );
    }
    const refused = await guesser.invites.preview({ code }).catch((error: unknown) => error);
    expect(refused).toMatchObject({
      cause: { code: 'RATE_LIMITED', details: { retryAfterSeconds: expect.any(Number) } },
    });
    // Another address is not held back by this one.
    expect((await callerFor(deps, { ip: '198.51.100.8' }).invites.preview({ code })).role).toBe('viewer');
  });
});

describe('the invite as a WeChat mini-program code', () => {
  let fake: FakeWeChat;
  let deps: TestDeps;
  beforeEach(async () => {
    fake = await startFakeWeChat();
    deps = await createTestDeps({ wechat: { appId: fake.appId, appSecret: fake.appSecret, apiBase: fake.apiBase } });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('opens the join page with the invite code as its scene, only for the home’s own invites', async () => {
    const mom = await signUpAndGetToken(deps);
    const stranger = await signUpAndGetToken(deps);
    const { code } = await mom.caller.invites.create({ homeId: mom.homeId, role: 'viewer' });
    const { pngBase64 } = await mom.caller.invites.miniProgramCode({ homeId: mom.homeId, code });
    expect(Buffer.from(pngBase64, 'base64')).toEqual(FAKE_WXACODE_PNG);
    expect(fake.codeRequests).toEqual([{ scene: code, page: JOIN_PAGE }]);
    await expect(stranger.caller.invites.miniProgramCode({ homeId: stranger.homeId, code })).rejects.toMatchObject({
      cause: { code: 'INVITE_NOT_FOUND' },
    });
    expect(fake.codeRequests).toHaveLength(1);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT, hashPassword } from '../integrations/password.js';
import { SIGN_UPS_PER_ADDRESS } from '../services/auth.js';
import { signUpAndGetToken, TEST_PASSWORD } from '../test/auth.js';
import { callerFor, createTestDeps, type TestDeps } from '../test/deps.js';

const DAY = 24 * 3600 * 1000;

// A fresh in-memory database per test.
let deps: TestDeps;
beforeEach(async () => {
  deps = await createTestDeps();
});
afterEach(async () => {
  await deps.db.destroy();
});

describe('auth: sign-up, sign-in, sessions', () => {
  it('signs up, stores the username lower-cased and answers me with the bearer token', async () => {
    deps.clock.set('2026-03-01T10:00:00.000Z');
    const result = await callerFor(deps).auth.signUp({ username: 'Mama.Li', password: TEST_PASSWORD });
    expect(result.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(result.expiresAt).toBe('2026-03-31T10:00:00.000Z');
    expect(result.user).toMatchObject({ username: 'mama.li', displayName: 'mama.li', hasPassword: true });
    const me = await callerFor(deps, { token: result.token }).auth.me();
    expect(me).toEqual(result.user);
    const stored = await deps.db.selectFrom('sessions').selectAll().executeTakeFirstOrThrow();
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.token_hash).not.toContain(result.token);
  });

  it('refuses a username that differs only in case with USERNAME_TAKEN', async () => {
    await callerFor(deps).auth.signUp({ username: 'grandpa', password: TEST_PASSWORD });
    await expect(callerFor(deps).auth.signUp({ username: 'GrandPa', password: TEST_PASSWORD })).rejects.toMatchObject({
      code: 'CONFLICT',
      cause: { code: 'USERNAME_TAKEN' },
    });
  });

  it('limits new accounts per network address, says how long to wait, and lets other addresses and later tries in', async () => {
    deps.clock.set('2026-03-01T10:00:00.000Z');
    const home = callerFor(deps, { ip: '203.0.113.7' });
    const signUp = (caller: typeof home, username: string) => caller.auth.signUp({ username, password: TEST_PASSWORD });
    for (let i = 0; i < SIGN_UPS_PER_ADDRESS; i++) {
      await signUp(home, `family${i}`);
      deps.clock.advance(60_000);
    }
    // The first sign-up leaves the 30-minute window at 10:30; it is now 10:10.
    await expect(signUp(home, 'one-too-many')).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      cause: { code: 'RATE_LIMITED', details: { retryAfterSeconds: 20 * 60 } },
    });
    expect(
      await deps.db.selectFrom('users').select('username').where('username', '=', 'one-too-many').execute(),
    ).toEqual([]);
    // A neighbour on another address is not affected; home may sign up again once the window moved on.
    await signUp(callerFor(deps, { ip: '198.51.100.2' }), 'neighbour');
    deps.clock.advance(20 * 60_000);
    await signUp(home, 'one-more');
  });

  it('signs in with the right password, case-insensitively', async () => {
    await callerFor(deps).auth.signUp({ username: 'baba', password: TEST_PASSWORD });
    const result = await callerFor(deps).auth.signIn({ username: 'BABA', password: TEST_PASSWORD });
    await expect(callerFor(deps, { token: result.token }).auth.me()).resolves.toMatchObject({ username: 'baba' });
  });

  it('refuses authed procedures without a token or with an unknown one', async () => {
    await expect(callerFor(deps).auth.me()).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      cause: { code: 'UNAUTHENTICATED' },
    });
    await expect(callerFor(deps, { token: 'not-a-real-token' }).auth.me()).rejects.toMatchObject({
      cause: { code: 'UNAUTHENTICATED' },
    });
  });

  it('expires a session after 30 idle days, and slides the expiry while it is used', async () => {
    deps.clock.set('2026-01-01T00:00:00.000Z');
    const { caller } = await signUpAndGetToken(deps);
    deps.clock.advance(29 * DAY);
    await caller.auth.me();
    // Used on day 29, so it lives until day 59.
    deps.clock.advance(29 * DAY);
    await expect(caller.auth.me()).resolves.toBeTruthy();
    deps.clock.advance(30 * DAY);
    await expect(caller.auth.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED', cause: { code: 'SESSION_EXPIRED' } });
  });

  it('touches a session at most once a minute, so a busy client does not write on every request', async () => {
    deps.clock.set('2026-02-01T00:00:00.000Z');
    const { caller } = await signUpAndGetToken(deps);
    const lastSeen = async () =>
      await deps.db.selectFrom('sessions').select(['last_seen_at', 'expires_at']).executeTakeFirstOrThrow();
    deps.clock.advance(30_000);
    await caller.auth.me();
    expect(await lastSeen()).toEqual({
      last_seen_at: '2026-02-01T00:00:00.000Z',
      expires_at: '2026-03-03T00:00:00.000Z',
    });
    deps.clock.advance(31_000);
    await caller.auth.me();
    expect(await lastSeen()).toEqual({
      last_seen_at: '2026-02-01T00:01:01.000Z',
      expires_at: '2026-03-03T00:01:01.000Z',
    });
  });

  it('rehashes a password stored with older scrypt parameters on a good sign-in', async () => {
    // At the production cost, which the other tests skip for speed (test/deps.ts).
    const production = await createTestDeps({ passwordHashing: DEFAULT_SCRYPT });
    const { userId } = await signUpAndGetToken(production, 'oldhash');
    await production.db
      .updateTable('users')
      .set({ password_hash: await hashPassword(TEST_PASSWORD, { N: 1024, r: 8, p: 1 }) })
      .where('id', '=', userId)
      .execute();
    await callerFor(production).auth.signIn({ username: 'oldhash', password: TEST_PASSWORD });
    const row = await production.db.selectFrom('users').select('password_hash').executeTakeFirstOrThrow();
    expect(row.password_hash?.startsWith('scrypt$32768$8$1$')).toBe(true);
    await expect(
      callerFor(production).auth.signIn({ username: 'oldhash', password: TEST_PASSWORD }),
    ).resolves.toBeTruthy();
  });
});

describe('auth: devices, sign-out and revoke', () => {
  it('lists my devices newest use first, marks the current one, and never shows token hashes', async () => {
    deps.clock.set('2026-04-01T08:00:00.000Z');
    const phone = await callerFor(deps, { userAgent: 'Mozilla/5.0 (iPhone)' }).auth.signUp({
      username: 'nainai',
      password: TEST_PASSWORD,
    });
    deps.clock.advance(60_000);
    const tablet = await callerFor(deps).auth.signIn({
      username: 'nainai',
      password: TEST_PASSWORD,
      device: 'iPad 客厅',
    });
    const devices = (await callerFor(deps, { token: phone.token }).auth.devices()).items;
    expect(devices.map((d) => [d.label, d.current])).toEqual([
      ['iPad 客厅', false],
      ['Mozilla/5.0 (iPhone)', true],
    ]);
    expect(devices[0]).toEqual({
      id: expect.any(String),
      label: 'iPad 客厅',
      createdAt: '2026-04-01T08:01:00.000Z',
      lastSeenAt: '2026-04-01T08:01:00.000Z',
      expiresAt: '2026-05-01T08:01:00.000Z',
      current: false,
    });
    expect(JSON.stringify(devices)).not.toContain(tablet.token);
  });

  it('signs out only this device', async () => {
    const first = await signUpAndGetToken(deps, 'yeye');
    const second = await callerFor(deps).auth.signIn({ username: 'yeye', password: TEST_PASSWORD });
    await expect(first.caller.auth.signOut()).resolves.toEqual({ ok: true });
    await expect(first.caller.auth.me()).rejects.toMatchObject({ cause: { code: 'UNAUTHENTICATED' } });
    const devices = (await callerFor(deps, { token: second.token }).auth.devices()).items;
    expect(devices).toHaveLength(1);
  });

  it('revokes one of my devices, which is signed out at once', async () => {
    const phone = await signUpAndGetToken(deps, 'jiejie');
    const laptop = await callerFor(deps).auth.signIn({ username: 'jiejie', password: TEST_PASSWORD });
    const laptopId = (await phone.caller.auth.devices()).items.find((d) => !d.current)?.id ?? '';
    await expect(phone.caller.auth.revokeDevice({ id: laptopId })).resolves.toEqual({ ok: true });
    await expect(callerFor(deps, { token: laptop.token }).auth.me()).rejects.toMatchObject({
      cause: { code: 'UNAUTHENTICATED' },
    });
    await expect(phone.caller.auth.me()).resolves.toBeTruthy();
    // Twice: it is gone.
    await expect(phone.caller.auth.revokeDevice({ id: laptopId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("answers NOT_FOUND for another user's session id and leaves that session alone", async () => {
    const alice = await signUpAndGetToken(deps, 'alice');
    const bob = await signUpAndGetToken(deps, 'bob');
    const aliceSessionId = (await alice.caller.auth.devices()).items[0]?.id ?? '';
    await expect(bob.caller.auth.revokeDevice({ id: aliceSessionId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      cause: { code: 'NOT_FOUND' },
    });
    await expect(alice.caller.auth.me()).resolves.toMatchObject({ username: 'alice' });
    expect((await bob.caller.auth.devices()).items.map((d) => d.id)).not.toContain(aliceSessionId);
  });

  it('leaves expired sessions out of the device list', async () => {
    deps.clock.set('2026-01-01T00:00:00.000Z');
    const old = await signUpAndGetToken(deps, 'gugu');
    deps.clock.advance(31 * DAY);
    const fresh = await callerFor(deps).auth.signIn({ username: 'gugu', password: TEST_PASSWORD });
    const devices = (await callerFor(deps, { token: fresh.token }).auth.devices()).items;
    expect(devices).toHaveLength(1);
    expect(devices[0]?.current).toBe(true);
    // The expired one still says why it no longer works.
    await expect(old.caller.auth.me()).rejects.toMatchObject({ cause: { code: 'SESSION_EXPIRED' } });
  });
});

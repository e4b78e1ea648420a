import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signUpAndGetToken, TEST_PASSWORD } from '../test/auth.js';
import { callerFor, createTestDeps, type TestDeps } from '../test/deps.js';

const DAY = 24 * 3600 * 1000;

describe('auth: sign-up, sign-in, sessions', () => {
  let deps: TestDeps;
  beforeEach(async () => {
    deps = await createTestDeps();
  });
  afterEach(async () => {
    await deps.db.destroy();
  });

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
});

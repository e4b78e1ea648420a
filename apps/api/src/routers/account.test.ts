import { DISPLAY_NAME_MAX } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signUpAndGetToken, TEST_PASSWORD } from '../test/auth.js';
import { callerFor, createTestDeps, type TestDeps } from '../test/deps.js';

const NEW_PASSWORD = 'a brand new secret 2026';
const WRONG = 'not the password';

let deps: TestDeps;
beforeEach(async () => {
  deps = await createTestDeps();
  deps.clock.set('2026-06-01T12:00:00.000Z');
});
afterEach(async () => {
  await deps.db.destroy();
});

function failure(promise: Promise<unknown>) {
  return promise.then(
    () => null,
    (error: unknown) => error as { code: string; cause: { code: string; details?: Record<string, unknown> } },
  );
}

describe('auth.changePassword', () => {
  it('stores the new password hashed, keeps this device and signs every other one out', async () => {
    const mama = await signUpAndGetToken(deps, 'mama');
    const other = await callerFor(deps).auth.signIn({ username: 'mama', password: TEST_PASSWORD });
    const before = await deps.db.selectFrom('users').select('password_hash').executeTakeFirstOrThrow();

    const result = await mama.caller.auth.changePassword({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    expect(result).toEqual({ ok: true, otherDevicesSignedOut: 1 });

    await expect(mama.caller.auth.me()).resolves.toMatchObject({ username: 'mama' });
    await expect(callerFor(deps, { token: other.token }).auth.me()).rejects.toMatchObject({
      cause: { code: 'UNAUTHENTICATED' },
    });
    const after = await deps.db.selectFrom('users').select('password_hash').executeTakeFirstOrThrow();
    const { N, r, p } = deps.config.passwordHashing;
    expect(after.password_hash?.startsWith(`scrypt$${N}$${r}$${p}$`)).toBe(true);
    expect(after.password_hash).not.toBe(before.password_hash);
    expect(after.password_hash).not.toContain(NEW_PASSWORD);
    expect(await failure(callerFor(deps).auth.signIn({ username: 'mama', password: TEST_PASSWORD }))).toMatchObject({
      cause: { code: 'INVALID_CREDENTIALS' },
    });
    await callerFor(deps).auth.signIn({ username: 'mama', password: NEW_PASSWORD });
  });

  it('refuses a wrong current password, counting it toward the sign-in lockout', async () => {
    const mama = await signUpAndGetToken(deps, 'mama');
    const change = (currentPassword: string) =>
      failure(mama.caller.auth.changePassword({ currentPassword, newPassword: NEW_PASSWORD }));

    expect(await change(WRONG)).toMatchObject({
      code: 'BAD_REQUEST',
      cause: { code: 'WRONG_PASSWORD', details: { attemptsLeft: 4 } },
    });
    // A failed sign-in and a failed change count alike.
    await failure(callerFor(deps).auth.signIn({ username: 'mama', password: WRONG }));
    for (const left of [2, 1, 0]) {
      expect((await change(WRONG))?.cause.details).toMatchObject({ attemptsLeft: left });
    }
    // Locked: even the right current password, and sign-in too, until the window passes.
    expect(await change(TEST_PASSWORD)).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      cause: { code: 'LOCKED_OUT', details: { retryAfterSeconds: 30 * 60 } },
    });
    expect(await failure(callerFor(deps).auth.signIn({ username: 'mama', password: TEST_PASSWORD }))).toMatchObject({
      cause: { code: 'LOCKED_OUT' },
    });
    // The device stayed signed in and the password did not change.
    await expect(mama.caller.auth.me()).resolves.toMatchObject({ username: 'mama' });
    deps.clock.advance(30 * 60_000);
    await callerFor(deps).auth.signIn({ username: 'mama', password: TEST_PASSWORD });
  });

  it('a good change clears the failure count', async () => {
    const mama = await signUpAndGetToken(deps, 'mama');
    await failure(mama.caller.auth.changePassword({ currentPassword: WRONG, newPassword: NEW_PASSWORD }));
    await mama.caller.auth.changePassword({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    expect(await failure(callerFor(deps).auth.signIn({ username: 'mama', password: WRONG }))).toMatchObject({
      cause: { code: 'INVALID_CREDENTIALS', details: { attemptsLeft: 4 } },
    });
  });

  it('holds the new password to the sign-up rules without counting a failure', async () => {
    const mama = await signUpAndGetToken(deps, 'mama');
    for (const newPassword of ['short', 'x'.repeat(129)]) {
      expect(
        await failure(mama.caller.auth.changePassword({ currentPassword: TEST_PASSWORD, newPassword })),
      ).toMatchObject({ code: 'BAD_REQUEST' });
    }
    expect(await deps.db.selectFrom('login_attempts').selectAll().where('account', '=', 'mama').execute()).toEqual([]);
  });

  it('answers NO_PASSWORD for an account without one (made by WeChat sign-in)', async () => {
    const mama = await signUpAndGetToken(deps, 'mama');
    await deps.db.updateTable('users').set({ password_hash: null }).execute();
    expect(
      await failure(mama.caller.auth.changePassword({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD })),
    ).toMatchObject({ code: 'PRECONDITION_FAILED', cause: { code: 'NO_PASSWORD' } });
  });

  it('needs a session', async () => {
    expect(
      await failure(callerFor(deps).auth.changePassword({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD })),
    ).toMatchObject({ cause: { code: 'UNAUTHENTICATED' } });
  });
});

describe('auth.setDisplayName', () => {
  it('renames the caller, trimmed, and me shows it', async () => {
    const mama = await signUpAndGetToken(deps, 'mama');
    const me = await mama.caller.auth.setDisplayName({ displayName: '  妈妈  ' });
    expect(me).toMatchObject({ username: 'mama', displayName: '妈妈' });
    await expect(mama.caller.auth.me()).resolves.toEqual(me);
    const longest = '家'.repeat(DISPLAY_NAME_MAX);
    await expect(mama.caller.auth.setDisplayName({ displayName: longest })).resolves.toMatchObject({
      displayName: longest,
    });
  });

  it('refuses an empty, too long or control-character name', async () => {
    const mama = await signUpAndGetToken(deps, 'mama');
    for (const displayName of ['   ', 'x'.repeat(DISPLAY_NAME_MAX + 1), 'a\nb']) {
      expect(await failure(mama.caller.auth.setDisplayName({ displayName }))).toMatchObject({ code: 'BAD_REQUEST' });
    }
    await expect(mama.caller.auth.me()).resolves.toMatchObject({ displayName: 'mama' });
  });
});

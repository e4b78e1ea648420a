/** The background sweep removes what can no longer be used, for every user, and nothing that still counts. */
import { LOCKOUT_MAX_FAILURES, LOCKOUT_WINDOW_SECONDS, SESSION_IDLE_DAYS } from '@xiaojia/shared';
import { beforeEach, describe, expect, it } from 'vitest';
import { signUpAndGetToken, TEST_PASSWORD } from '../test/auth.js';
import { callerFor, createTestDeps, type TestDeps } from '../test/deps.js';
import { housekeeping } from './housekeeping.js';

const DAY = 24 * 3600 * 1000;

describe('housekeeping', () => {
  let deps: TestDeps;
  beforeEach(async () => {
    deps = await createTestDeps();
  });

  const count = async (table: 'sessions' | 'login_attempts') =>
    Number(
      (
        await deps.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("removes every user's long-expired sessions and keeps the live ones working", async () => {
    const alice = await signUpAndGetToken(deps, 'alice');
    await signUpAndGetToken(deps, 'bob');
    // Just expired: kept for a while, so the client hears SESSION_EXPIRED rather than an unknown token.
    deps.clock.advance((SESSION_IDLE_DAYS + 1) * DAY);
    expect((await housekeeping(deps, deps.origin)).sessions).toBe(0);
    await expect(alice.caller.auth.me()).rejects.toMatchObject({ cause: { code: 'SESSION_EXPIRED' } });
    // A whole idle period past expiry: gone.
    deps.clock.advance(SESSION_IDLE_DAYS * DAY);
    const carol = await signUpAndGetToken(deps, 'carol');

    const result = await housekeeping(deps, deps.origin);
    expect(result.sessions).toBe(2);
    expect(await count('sessions')).toBe(1);
    expect((await carol.caller.auth.me()).username).toBe('carol');
    await expect(alice.caller.auth.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await housekeeping(deps, deps.origin)).sessions).toBe(0);
  });

  it('drops sign-in and sign-up attempts older than the window, guessed names included, and keeps a lockout in force', async () => {
    await signUpAndGetToken(deps, 'grandma');
    const wrong = (username: string) =>
      callerFor(deps)
        .auth.signIn({ username, password: 'not the password' })
        .catch((error: unknown) => error);
    for (let i = 0; i < 3; i++) await wrong('nobody-has-this-name');
    deps.clock.advance(LOCKOUT_WINDOW_SECONDS * 1000 + 1000);
    for (let i = 0; i < LOCKOUT_MAX_FAILURES; i++) await wrong('grandma');

    const result = await housekeeping(deps, deps.origin);
    // The three guesses and grandma's sign-up (counted per address) are past the window.
    expect(result.attempts).toBe(4);
    expect(await count('login_attempts')).toBe(LOCKOUT_MAX_FAILURES);
    // Grandma's recent failures still lock her account, even with the right password.
    await expect(callerFor(deps).auth.signIn({ username: 'grandma', password: TEST_PASSWORD })).rejects.toMatchObject({
      cause: { code: 'LOCKED_OUT' },
    });
  });
});

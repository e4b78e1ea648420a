import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signUpAndGetToken, TEST_PASSWORD } from '../test/auth.js';
import { callerFor, createTestDatabase, createTestDeps, type TestDatabase, type TestDeps } from '../test/deps.js';
import type { AppDeps } from '../trpc/context.js';

const MINUTE = 60_000;
const WRONG = 'not the password';

async function signInError(deps: AppDeps, username: string, password: string) {
  return callerFor(deps)
    .auth.signIn({ username, password })
    .then(
      () => null,
      (error: unknown) => error as { code: string; cause: { code: string; details?: Record<string, unknown> } },
    );
}

describe('auth: sign-in lockout', () => {
  let deps: TestDeps;
  beforeEach(async () => {
    deps = await createTestDeps();
    deps.clock.set('2026-06-01T12:00:00.000Z');
  });
  afterEach(async () => {
    await deps.db.destroy();
  });

  it('locks after 5 failures in 30 minutes, tells the time left, and unlocks when the window passes', async () => {
    await signUpAndGetToken(deps, 'mama');
    // Five failures a minute apart: 12:00 … 12:04.
    for (let i = 0; i < 5; i++) {
      const error = await signInError(deps, 'mama', WRONG);
      expect(error?.cause).toMatchObject({ code: 'INVALID_CREDENTIALS', details: { attemptsLeft: 4 - i } });
      deps.clock.advance(MINUTE);
    }
    // 12:10: even the right password is refused; the oldest failure (12:00) leaves the window at 12:30.
    deps.clock.set('2026-06-01T12:10:00.000Z');
    const locked = await signInError(deps, 'mama', TEST_PASSWORD);
    expect(locked).toMatchObject({ code: 'TOO_MANY_REQUESTS', cause: { code: 'LOCKED_OUT' } });
    expect(locked?.cause.details).toEqual({ retryAfterSeconds: 20 * 60 });

    // Refused attempts while locked do not extend the lock.
    deps.clock.set('2026-06-01T12:29:59.000Z');
    expect((await signInError(deps, 'mama', WRONG))?.cause.details).toEqual({ retryAfterSeconds: 1 });

    // 12:30: four failures left in the window, so one more try is allowed; the right password works.
    deps.clock.set('2026-06-01T12:30:00.000Z');
    const result = await callerFor(deps).auth.signIn({ username: 'mama', password: TEST_PASSWORD });
    expect(result.user.username).toBe('mama');

    // Success cleared the count: a new failure has the full allowance left.
    expect((await signInError(deps, 'mama', WRONG))?.cause.details).toEqual({ attemptsLeft: 4 });
  });

  it('counts unknown usernames the same way and answers them exactly like a wrong password', async () => {
    await signUpAndGetToken(deps, 'real');
    const known = await signInError(deps, 'real', WRONG);
    const unknown = await signInError(deps, 'ghost', WRONG);
    expect(unknown).toMatchObject({ code: known?.code, cause: { code: 'INVALID_CREDENTIALS' } });
    expect((unknown as unknown as Error).message).toBe((known as unknown as Error).message);
    for (let i = 0; i < 4; i++) await signInError(deps, 'ghost', WRONG);
    expect(await signInError(deps, 'ghost', WRONG)).toMatchObject({
      cause: { code: 'LOCKED_OUT', details: { retryAfterSeconds: 30 * 60 } },
    });
    // One name's lockout does not touch another's.
    await expect(callerFor(deps).auth.signIn({ username: 'real', password: TEST_PASSWORD })).resolves.toBeTruthy();
  });

  it('keys the counter by the lower-cased username', async () => {
    await signUpAndGetToken(deps, 'baba');
    for (const name of ['BABA', 'Baba', 'bAbA', 'baba', 'BaBa']) await signInError(deps, name, WRONG);
    expect(await signInError(deps, 'baba', TEST_PASSWORD)).toMatchObject({ cause: { code: 'LOCKED_OUT' } });
  });

  it('a success in between resets the count', async () => {
    await signUpAndGetToken(deps, 'didi');
    for (let i = 0; i < 4; i++) await signInError(deps, 'didi', WRONG);
    await callerFor(deps).auth.signIn({ username: 'didi', password: TEST_PASSWORD });
    for (let i = 0; i < 4; i++) await signInError(deps, 'didi', WRONG);
    await expect(callerFor(deps).auth.signIn({ username: 'didi', password: TEST_PASSWORD })).resolves.toBeTruthy();
  });

  it('lets no more than 5 guesses through when many arrive at once', async () => {
    await signUpAndGetToken(deps, 'race');
    const errors = await Promise.all(Array.from({ length: 12 }, () => signInError(deps, 'race', WRONG)));
    const codes = errors.map((e) => e?.cause.code);
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(5);
    expect(codes.filter((c) => c === 'LOCKED_OUT')).toHaveLength(7);
  });
});

describe('auth: lockout shared by several API instances', () => {
  let dir: string;
  let shared: TestDatabase;
  let instances: TestDeps[];
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'xiaojia-lockout-'));
    // Two deps over one database (a SQLite file, or one PostgreSQL database under
    // XIAOJIA_TEST_DATABASE=postgres): two connections, as two server processes would have.
    shared = await createTestDatabase(path.join(dir, 'shared.db'));
    const { database } = shared;
    instances = [await createTestDeps({ database }), await createTestDeps({ database })];
    for (const instance of instances) instance.clock.set('2026-06-01T12:00:00.000Z');
  });
  afterEach(async () => {
    for (const instance of instances) await instance.close();
    await shared.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts failures made on either instance toward one lockout', async () => {
    const [a, b] = instances as [TestDeps, TestDeps];
    await signUpAndGetToken(a, 'shared');
    await signInError(a, 'shared', WRONG);
    await signInError(b, 'shared', WRONG);
    await signInError(a, 'shared', WRONG);
    await signInError(b, 'shared', WRONG);
    expect((await signInError(a, 'shared', WRONG))?.cause.details).toEqual({ attemptsLeft: 0 });
    expect(await signInError(b, 'shared', TEST_PASSWORD)).toMatchObject({ cause: { code: 'LOCKED_OUT' } });
    expect(await signInError(a, 'shared', TEST_PASSWORD)).toMatchObject({ cause: { code: 'LOCKED_OUT' } });
  });

  it('holds the limit when both instances race', async () => {
    const [a, b] = instances as [TestDeps, TestDeps];
    await signUpAndGetToken(a, 'racer');
    const errors = await Promise.all(Array.from({ length: 10 }, (_, i) => signInError(i % 2 ? a : b, 'racer', WRONG)));
    expect(errors.filter((e) => e?.cause.code === 'INVALID_CREDENTIALS')).toHaveLength(5);
  });
});

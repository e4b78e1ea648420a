import { Readable } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import { callerFor, createTestDeps, type TestDeps } from '../test/deps.js';
import { CliError } from './errors.js';
import { createUser, readPassword, resetPassword } from './users.js';

describe('operator user commands', () => {
  let deps: TestDeps;
  let create: (input: Parameters<typeof createUser>[1]) => ReturnType<typeof createUser>;
  let reset: (input: Parameters<typeof resetPassword>[1]) => ReturnType<typeof resetPassword>;
  beforeEach(async () => {
    deps = await createTestDeps();
    create = (input) => createUser(deps.db, input, deps.config.passwordHashing);
    reset = (input) => resetPassword(deps.db, input, deps.config.passwordHashing);
  });

  it('create-user makes an account that signs in through the API', async () => {
    const created = await create({
      username: 'Grandma',
      password: 'knitting needles',
      displayName: '外婆',
    });
    expect(created.username).toBe('grandma');
    const session = await callerFor(deps).auth.signIn({ username: 'grandma', password: 'knitting needles' });
    expect(session.user).toMatchObject({ id: created.id, displayName: '外婆' });
    await expect(create({ username: 'grandma', password: 'another one!' })).rejects.toThrow(/taken/);
    await expect(create({ username: 'x', password: 'short' })).rejects.toBeInstanceOf(CliError);
  });

  it('reset-password signs out every device and lifts a lockout', async () => {
    await create({ username: 'grandpa', password: 'first password' });
    const { token } = await callerFor(deps).auth.signIn({ username: 'grandpa', password: 'first password' });
    for (let i = 0; i < 5; i++) {
      await expect(callerFor(deps).auth.signIn({ username: 'grandpa', password: 'wrong guess' })).rejects.toThrow();
    }
    await expect(
      callerFor(deps).auth.signIn({ username: 'grandpa', password: 'first password' }),
    ).rejects.toMatchObject({ cause: { code: 'LOCKED_OUT' } });

    const result = await reset({ username: 'grandpa', password: 'second password' });
    expect(result.sessionsRevoked).toBe(1);
    await expect(callerFor(deps, { token }).auth.me()).rejects.toMatchObject({ cause: { code: 'UNAUTHENTICATED' } });
    await expect(
      callerFor(deps).auth.signIn({ username: 'grandpa', password: 'second password' }),
    ).resolves.toBeTruthy();
    await expect(reset({ username: 'nobody', password: 'whatever123' })).rejects.toThrow(/no account/);
  });

  it('reads the password as the first line of piped input', async () => {
    const input = Readable.from(['s3cret pass', 'word\nignored\n']) as unknown as NodeJS.ReadStream;
    expect(await readPassword(input)).toBe('s3cret password');
  });
});

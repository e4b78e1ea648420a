/**
 * `xiaojia create-user <username>` and `xiaojia reset-password <username>`: the password comes from
 * standard input (typed twice, unechoed, on a terminal; the first line when piped), never from argv,
 * where `ps` and shell history would show it.
 */
import { zDisplayName, zPassword, zUsername } from '@xiaojia/shared';
import type { z } from 'zod';
import type { Db } from '../db/index.js';
import { newId } from '../integrations/ids.js';
import { hashPassword, type ScryptParams } from '../integrations/password.js';
import { HomesRepository } from '../repositories/homes.js';
import { LoginAttemptsRepository } from '../repositories/login-attempts.js';
import { SessionsRepository } from '../repositories/sessions.js';
import { UsersRepository } from '../repositories/users.js';
import { firstHomeName } from '../services/homes.js';
import { CliError } from './errors.js';

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new CliError(`${what}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  return parsed.data;
}

/** Reads one line from a pipe, or prompts twice without echo on a terminal. */
export async function readPassword(input: NodeJS.ReadStream = process.stdin): Promise<string> {
  if (!input.isTTY) {
    let text = '';
    for await (const chunk of input) {
      text += chunk.toString();
      if (text.includes('\n')) break;
    }
    return text.split(/\r?\n/)[0] ?? '';
  }
  const ask = (prompt: string) =>
    new Promise<string>((resolve, reject) => {
      process.stderr.write(prompt);
      input.setRawMode(true);
      input.resume();
      let typed = '';
      const onData = (chunk: Buffer) => {
        for (const char of chunk.toString('utf8')) {
          if (char === '\r' || char === '\n') {
            done();
            resolve(typed);
            return;
          }
          if (char === '\u0003') {
            done();
            reject(new CliError('cancelled'));
            return;
          }
          if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
          else typed += char;
        }
      };
      const done = () => {
        input.off('data', onData);
        input.setRawMode(false);
        input.pause();
        process.stderr.write('\n');
      };
      input.on('data', onData);
    });
  const first = await ask('Password: ');
  const second = await ask('Password again: ');
  if (first !== second) throw new CliError('the two passwords differ');
  return first;
}

export async function createUser(
  db: Db,
  input: { username: string; password: string; displayName?: string | undefined },
  hashing: ScryptParams,
): Promise<{ id: string; username: string }> {
  const username = parseOrThrow(zUsername, input.username, 'username');
  const password = parseOrThrow(zPassword, input.password, 'password');
  const displayName =
    input.displayName === undefined ? username : parseOrThrow(zDisplayName, input.displayName, 'display name');
  const now = new Date().toISOString();
  const user = await new UsersRepository(db).insert({
    id: newId(),
    username,
    display_name: displayName,
    password_hash: await hashPassword(password, hashing),
    wechat_openid: null,
    created_at: now,
    updated_at: now,
  });
  if (user === 'conflict') throw new CliError(`the username ${username} is taken`);
  // Like sign-up: every account starts with a home of its own.
  await new HomesRepository(db).create({ id: newId(), name: firstHomeName(displayName), created_at: now }, user.id);
  return { id: user.id, username };
}

/** Sets a new password, signs the account out everywhere and clears its sign-in lockout. */
export async function resetPassword(
  db: Db,
  input: { username: string; password: string },
  hashing: ScryptParams,
): Promise<{ id: string; sessionsRevoked: number }> {
  const username = parseOrThrow(zUsername, input.username, 'username');
  const password = parseOrThrow(zPassword, input.password, 'password');
  const users = new UsersRepository(db);
  const user = await users.findByUsername(username);
  if (!user) throw new CliError(`no account named ${username}`);
  const hash = await hashPassword(password, hashing);
  const now = new Date().toISOString();
  const revoked = await db.transaction().execute(async (trx) => {
    await new UsersRepository(trx).setPasswordHash(user.id, hash, now);
    const sessionsRevoked = await new SessionsRepository(trx).deleteAllOf(user.id);
    await new LoginAttemptsRepository(trx).clear(username);
    return sessionsRevoked;
  });
  return { id: user.id, sessionsRevoked: revoked };
}

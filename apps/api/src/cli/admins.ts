/**
 * `xiaojia admin grant <username|userId>`, `admin revoke <…>`, `admin list`: the community's admins
 * (community_admins), who review, handle reports, hide works, suspend accounts and run contests. Only the
 * operator makes them: no procedure grants admin.
 */
import type { Db } from '../db/index.js';
import { CommunityAdminsRepository } from '../repositories/community/admins.js';
import { CliError } from './errors.js';

const USAGE = 'usage: xiaojia admin grant|revoke <username|userId>, or admin list';

async function findUser(db: Db, ref: string) {
  const user = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name'])
    .where((eb) => eb.or([eb('id', '=', ref), eb('username', '=', ref.toLowerCase())]))
    .executeTakeFirst();
  if (!user) throw new CliError(`no account named or with the id ${ref}`);
  return user;
}

/** Runs one admin subcommand and answers the lines to print. */
export async function adminCommand(db: Db, positionals: readonly string[], now = new Date()): Promise<string[]> {
  const [action, ref] = positionals;
  const admins = new CommunityAdminsRepository(db);
  if (action === 'list' && ref === undefined) {
    const rows = await admins.list();
    if (rows.length === 0) return ['no community admins'];
    return rows.map((r) => `${r.user_id}  ${r.username ?? '(WeChat)'}  ${r.display_name}  since ${r.granted_at}`);
  }
  if ((action !== 'grant' && action !== 'revoke') || ref === undefined) throw new CliError(USAGE);
  const user = await findUser(db, ref);
  const name = user.username ?? user.display_name;
  if (action === 'grant') {
    const granted = await admins.grant(user.id, now.toISOString());
    return [granted ? `${name} (${user.id}) is now a community admin` : `${name} was already a community admin`];
  }
  const revoked = await admins.revoke(user.id);
  return [revoked ? `${name} (${user.id}) is no longer a community admin` : `${name} was not a community admin`];
}

/** All SQL on `users`. Lookups by username / openid are sign-in's; everything else is by the caller's id. */
import type { Db } from '../db/index.js';
import type { NewUser, User } from '../db/schema.js';

/** SQLite (better-sqlite3) and PostgreSQL (23505) spellings of "a unique constraint refused this". */
export function isUniqueViolation(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/** A display name as clients get it: null for a deleted account, whose name anonymise() emptied. */
export function liveName(displayName: string): string | null {
  return displayName === '' ? null : displayName;
}

export class UsersRepository {
  constructor(private readonly db: Db) {}

  findById(id: string): Promise<User | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** `username` must already be lower-cased (the zod schema does it). */
  findByUsername(username: string): Promise<User | undefined> {
    return this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  }

  findByWechatOpenid(openid: string): Promise<User | undefined> {
    return this.db.selectFrom('users').selectAll().where('wechat_openid', '=', openid).executeTakeFirst();
  }

  /** Inserts, or answers 'conflict' when the username or openid is already someone's. */
  async insert(user: NewUser): Promise<User | 'conflict'> {
    try {
      return await this.db.insertInto('users').values(user).returningAll().executeTakeFirstOrThrow();
    } catch (error) {
      if (isUniqueViolation(error)) return 'conflict';
      throw error;
    }
  }

  /** Attaches a WeChat identity to the caller's own account; 'conflict' when another account has it. */
  async setWechatOpenid(userId: string, openid: string, now: string): Promise<'ok' | 'conflict'> {
    try {
      await this.db
        .updateTable('users')
        .set({ wechat_openid: openid, updated_at: now })
        .where('id', '=', userId)
        .execute();
      return 'ok';
    } catch (error) {
      if (isUniqueViolation(error)) return 'conflict';
      throw error;
    }
  }

  async setPasswordHash(userId: string, passwordHash: string, now: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: now })
      .where('id', '=', userId)
      .execute();
  }

  async setDisplayName(userId: string, displayName: string, now: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ display_name: displayName, updated_at: now })
      .where('id', '=', userId)
      .execute();
  }

  /**
   * What is left of a deleted account: the row stays, because the photos it uploaded into other families'
   * homes still name it as their uploader, but nothing personal does. No username, password or openid
   * (so nothing signs in to it, and the name is free again) and an empty display name, which no live
   * account can have (zDisplayName): the mark of a deleted account.
   */
  async anonymise(userId: string, now: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ username: null, password_hash: null, wechat_openid: null, display_name: '', updated_at: now })
      .where('id', '=', userId)
      .execute();
  }
}

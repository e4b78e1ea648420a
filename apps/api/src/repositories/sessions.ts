/** All SQL on `sessions`. Lookups by token hash authenticate; everything else is scoped by the owner's id. */
import type { Db } from '../db/index.js';
import type { Session } from '../db/schema.js';

export type NewSession = Session;

export class SessionsRepository {
  constructor(private readonly db: Db) {}

  async insert(session: NewSession): Promise<void> {
    await this.db.insertInto('sessions').values(session).execute();
  }

  findByTokenHash(tokenHash: string): Promise<Session | undefined> {
    return this.db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  }

  /**
   * Slides the expiry, but only when the last recorded use is older than `staleBefore`: a busy client
   * then writes about once a minute per session, not on every request. One conditional UPDATE, so
   * several instances racing write at most once between them.
   */
  async touch(sessionId: string, at: { now: string; expiresAt: string; staleBefore: string }): Promise<boolean> {
    const result = await this.db
      .updateTable('sessions')
      .set({ last_seen_at: at.now, expires_at: at.expiresAt })
      .where('id', '=', sessionId)
      .where('last_seen_at', '<', at.staleBefore)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /**
   * One page of the owner's sessions that have not expired, most recently used first, strictly after
   * `after` (keyset on last_seen_at, id; index sessions_user).
   */
  pageActive(
    userId: string,
    now: string,
    limit: number,
    after?: { lastSeenAt: string; id: string },
  ): Promise<Session[]> {
    let q = this.db.selectFrom('sessions').selectAll().where('user_id', '=', userId).where('expires_at', '>', now);
    if (after) q = q.where((eb) => eb(eb.refTuple('last_seen_at', 'id'), '<', eb.tuple(after.lastSeenAt, after.id)));
    return q.orderBy('last_seen_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  /** Deletes one of the owner's sessions; false when there is no such session for this owner. */
  async delete(userId: string, sessionId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('sessions')
      .where('id', '=', sessionId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** The background sweep: every user's sessions that expired before `before`; returns how many went. */
  async deleteAllExpired(before: string): Promise<number> {
    const result = await this.db.deleteFrom('sessions').where('expires_at', '<=', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Signs the owner out on every device but `keepSessionId` (a password change); returns how many went. */
  async deleteAllOfExcept(userId: string, keepSessionId: string): Promise<number> {
    const result = await this.db
      .deleteFrom('sessions')
      .where('user_id', '=', userId)
      .where('id', '!=', keepSessionId)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Signs the owner out on every device (an operator's password reset); returns how many sessions went. */
  async deleteAllOf(userId: string): Promise<number> {
    const result = await this.db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

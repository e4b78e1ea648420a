/**
 * The sign-in lockout counter, in the database so every API instance sees the same count. Rows are keyed
 * by the lower-cased username tried, whether or not such an account exists.
 *
 * An attempt is recorded as a failure *before* the password is checked (a reservation) and turned into a
 * success afterwards. The reservation is one conditional INSERT ... SELECT ... WHERE count < limit, which
 * SQLite runs atomically under its write lock, so instances racing cannot get more than `limit` guesses
 * into one window. PostgreSQL under READ COMMITTED would let racers each see count = limit - 1, so there
 * the statement runs in a transaction that first takes a per-account advisory lock
 * (`pg_advisory_xact_lock(hashtext(account))`, released at commit): racers on any instance queue.
 */
import { sql } from 'kysely';
import { type Db, dialectOf } from '../db/index.js';

export interface LockoutRule {
  maxFailures: number;
  /** Failures at or before this instant no longer count. */
  windowStart: string;
}

export class LoginAttemptsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Records a pending attempt (counted as a failure until `markSucceeded`) unless the account already has
   * `maxFailures` failures inside the window. True when recorded, false when the account is locked.
   */
  async reserve(attempt: { id: string; account: string; at: string }, rule: LockoutRule): Promise<boolean> {
    if (dialectOf(this.db) === 'postgres') {
      return this.db.transaction().execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(hashtext(${`xiaojia.login:${attempt.account}`}))`.execute(trx);
        return LoginAttemptsRepository.insertUnlessLocked(trx, attempt, rule);
      });
    }
    return LoginAttemptsRepository.insertUnlessLocked(this.db, attempt, rule);
  }

  private static async insertUnlessLocked(
    db: Db,
    attempt: { id: string; account: string; at: string },
    rule: LockoutRule,
  ): Promise<boolean> {
    // Typed casts: PostgreSQL cannot infer a bare parameter's type in a SELECT list.
    const result = await db
      .insertInto('login_attempts')
      .columns(['id', 'account', 'succeeded', 'attempted_at'])
      .expression(
        db
          .selectNoFrom([
            sql<string>`cast(${attempt.id} as text)`.as('id'),
            sql<string>`cast(${attempt.account} as text)`.as('account'),
            sql<number>`cast(${0} as integer)`.as('succeeded'),
            sql<string>`cast(${attempt.at} as text)`.as('attempted_at'),
          ])
          .where((eb) =>
            eb(
              eb
                .selectFrom('login_attempts')
                .select(eb.fn.countAll().as('n'))
                .where('account', '=', attempt.account)
                .where('succeeded', '=', 0)
                .where('attempted_at', '>', rule.windowStart),
              '<',
              rule.maxFailures,
            ),
          ),
      )
      .executeTakeFirst();
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }

  /** Times of the failures still inside the window, oldest first (to tell a locked user how long to wait). */
  async failureTimes(account: string, windowStart: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('login_attempts')
      .select('attempted_at')
      .where('account', '=', account)
      .where('succeeded', '=', 0)
      .where('attempted_at', '>', windowStart)
      .orderBy('attempted_at', 'asc')
      .execute();
    return rows.map((r) => r.attempted_at);
  }

  /** A good password clears the count: the account's failures go, this attempt stays as the last success. */
  async markSucceeded(account: string, attemptId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('login_attempts').set({ succeeded: 1 }).where('id', '=', attemptId).execute();
      await trx.deleteFrom('login_attempts').where('account', '=', account).where('id', '!=', attemptId).execute();
    });
  }

  /**
   * The background sweep: attempts on any account older than `before` (the lockout window), including
   * names that were only ever guessed and never signed in again; returns how many went.
   */
  async deleteAllOlderThan(before: string): Promise<number> {
    const result = await this.db.deleteFrom('login_attempts').where('attempted_at', '<=', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Lifts the account's lockout: every recorded attempt goes (an operator's password reset). */
  async clear(account: string): Promise<void> {
    await this.db.deleteFrom('login_attempts').where('account', '=', account).execute();
  }
}

/**
 * notify_subscriptions: per member of a home, the subscribe messages their accepted one-time subscriptions
 * still allow (credits) and when the last one went. Keyed by the membership, which it cascades from.
 * Recipients are claimed in one UPDATE ... RETURNING (a credit taken, last_sent_at moved), so instances
 * racing over the same upload never send one member two messages.
 */
import { sql } from 'kysely';
import type { Db } from '../db/index.js';

export class NotifySubscriptionsRepository {
  constructor(private readonly db: Db) {}

  async credits(homeId: string, userId: string): Promise<number> {
    const row = await this.db
      .selectFrom('notify_subscriptions')
      .select('credits')
      .where('home_id', '=', homeId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row?.credits ?? 0;
  }

  /** One more credit, up to `max` (an insert for the first); answers the credits now held. */
  async addCredit(homeId: string, userId: string, max: number): Promise<number> {
    const row = await this.db
      .insertInto('notify_subscriptions')
      .values({ home_id: homeId, user_id: userId, credits: 1, last_sent_at: null })
      .onConflict((oc) =>
        oc.columns(['home_id', 'user_id']).doUpdateSet({
          credits: sql<number>`case when notify_subscriptions.credits >= ${sql.lit(max)} then ${sql.lit(max)}
            else notify_subscriptions.credits + 1 end`,
        }),
      )
      .returning('credits')
      .executeTakeFirstOrThrow();
    return row.credits;
  }

  /**
   * Takes one credit from every member of the home but `exceptUserId` who has one, has a WeChat openid,
   * and got no message after `sentBefore`; marks them sent at `now`. Answers who, with their openid.
   */
  async claimRecipients(
    homeId: string,
    exceptUserId: string,
    now: string,
    sentBefore: string,
  ): Promise<{ user_id: string; openid: string }[]> {
    const claimed = await this.db
      .updateTable('notify_subscriptions')
      .set((eb) => ({ credits: eb('credits', '-', 1), last_sent_at: now }))
      .where('home_id', '=', homeId)
      .where('user_id', '!=', exceptUserId)
      .where('credits', '>', 0)
      .where((eb) => eb.or([eb('last_sent_at', 'is', null), eb('last_sent_at', '<=', sentBefore)]))
      // Correlated, so each candidate's user is one primary-key lookup (as `IN (select …)` SQLite scanned users).
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('users')
            .select('users.id')
            .whereRef('users.id', '=', 'notify_subscriptions.user_id')
            .where('users.wechat_openid', 'is not', null),
        ),
      )
      .returning('user_id')
      .execute();
    if (claimed.length === 0) return [];
    const rows = await this.db
      .selectFrom('users')
      .select(['id', 'wechat_openid'])
      .where(
        'id',
        'in',
        claimed.map((c) => c.user_id),
      )
      .execute();
    return rows.flatMap((r) => (r.wechat_openid ? [{ user_id: r.id, openid: r.wechat_openid }] : []));
  }

  /** WeChat says the member has no subscription left: their credits here go to none. */
  async clear(homeId: string, userId: string): Promise<void> {
    await this.db
      .updateTable('notify_subscriptions')
      .set({ credits: 0 })
      .where('home_id', '=', homeId)
      .where('user_id', '=', userId)
      .execute();
  }

  /** A message that did not go: its credit comes back (WeChat did not use the user's grant). */
  async giveBack(homeId: string, userId: string, max: number): Promise<void> {
    await this.db
      .updateTable('notify_subscriptions')
      .set({
        credits: sql<number>`case when credits >= ${sql.lit(max)} then ${sql.lit(max)} else credits + 1 end`,
      })
      .where('home_id', '=', homeId)
      .where('user_id', '=', userId)
      .execute();
  }
}

/** community_admins and community_suspensions: who may moderate, and who may not act. */
import type { Db } from '../../db/index.js';

export class CommunityAdminsRepository {
  constructor(private readonly db: Db) {}

  async isAdmin(userId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('community_admins')
      .select('user_id')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** True when newly granted, false when already an admin. */
  async grant(userId: string, at: string): Promise<boolean> {
    const result = await this.db
      .insertInto('community_admins')
      .values({ user_id: userId, granted_at: at })
      .onConflict((oc) => oc.column('user_id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async revoke(userId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('community_admins').where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Every admin (the operator's list; admins are few). */
  list() {
    return this.db
      .selectFrom('community_admins as a')
      .innerJoin('users as u', 'u.id', 'a.user_id')
      .select(['a.user_id', 'u.username', 'u.display_name', 'a.granted_at'])
      .orderBy('a.granted_at')
      .execute();
  }

  /** The suspension in force at `now` (until null: until lifted), if any. */
  activeSuspension(userId: string, now: string) {
    return this.db
      .selectFrom('community_suspensions')
      .select(['reason', 'until'])
      .where('user_id', '=', userId)
      .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>', now)]))
      .executeTakeFirst();
  }

  async suspend(row: {
    user_id: string;
    reason: string;
    until: string | null;
    created_by: string;
    created_at: string;
  }) {
    await this.db
      .insertInto('community_suspensions')
      .values(row)
      .onConflict((oc) =>
        oc.column('user_id').doUpdateSet({
          reason: row.reason,
          until: row.until,
          created_by: row.created_by,
          created_at: row.created_at,
        }),
      )
      .execute();
  }

  async unsuspend(userId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('community_suspensions').where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

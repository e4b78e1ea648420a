/** home_invites: codes are looked up by their hash only; a use is taken atomically. */
import type { Db } from '../db/index.js';
import type { HomeInvite } from '../db/schema.js';

export interface InviteRow extends HomeInvite {
  created_by_name: string;
}

export interface InviteWithHome extends InviteRow {
  home_name: string;
}

export class InvitesRepository {
  constructor(private readonly db: Db) {}

  async insert(invite: HomeInvite): Promise<void> {
    await this.db.insertInto('home_invites').values(invite).execute();
  }

  /** Invites still usable (not revoked, not expired, uses left), newest first. */
  active(homeId: string, now: string, limit: number): Promise<InviteRow[]> {
    return this.db
      .selectFrom('home_invites')
      .innerJoin('users', 'users.id', 'home_invites.created_by')
      .selectAll('home_invites')
      .select('users.display_name as created_by_name')
      .where('home_invites.home_id', '=', homeId)
      .where('home_invites.revoked_at', 'is', null)
      .where('home_invites.expires_at', '>', now)
      .whereRef('home_invites.uses', '<', 'home_invites.max_uses')
      .orderBy('home_invites.created_at', 'desc')
      .orderBy('home_invites.id', 'desc')
      .limit(limit)
      .execute();
  }

  async countActive(homeId: string, now: string): Promise<number> {
    const row = await this.db
      .selectFrom('home_invites')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('home_id', '=', homeId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .whereRef('uses', '<', 'max_uses')
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** An invite by its code's hash, with its home's name and inviter; only for live homes. */
  byCodeHash(codeHash: string): Promise<InviteWithHome | undefined> {
    return this.db
      .selectFrom('home_invites')
      .innerJoin('homes', 'homes.id', 'home_invites.home_id')
      .innerJoin('users', 'users.id', 'home_invites.created_by')
      .selectAll('home_invites')
      .select(['homes.name as home_name', 'users.display_name as created_by_name'])
      .where('home_invites.code_hash', '=', codeHash)
      .where('homes.deleting_at', 'is', null)
      .executeTakeFirst();
  }

  /** Takes one use if one is left and the invite is still valid; false when another join took the last. */
  async takeUse(inviteId: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('home_invites')
      .set((eb) => ({ uses: eb('uses', '+', 1) }))
      .where('id', '=', inviteId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .whereRef('uses', '<', 'max_uses')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async giveBackUse(inviteId: string): Promise<void> {
    await this.db
      .updateTable('home_invites')
      .set((eb) => ({ uses: eb('uses', '-', 1) }))
      .where('id', '=', inviteId)
      .where('uses', '>', 0)
      .execute();
  }

  async revoke(homeId: string, inviteId: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('home_invites')
      .set({ revoked_at: now })
      .where('home_id', '=', homeId)
      .where('id', '=', inviteId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Revokes every invite `userId` made that is not revoked yet, in any home (deleting their account). */
  async revokeAllBy(userId: string, now: string): Promise<number> {
    const result = await this.db
      .updateTable('home_invites')
      .set({ revoked_at: now })
      .where('created_by', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}

/**
 * homes and home_members. A home being deleted (deleting_at set) is invisible to every lookup here: its
 * members lose it at once, while the sweep purges its objects and then removes its rows.
 */
import type { HomeRole } from '@xiaojia/shared';
import { type Db, inTransaction } from '../db/index.js';
import type { Home } from '../db/schema.js';
import type { Keyset } from './photos.js';

export interface HomeSummary extends Home {
  role: HomeRole;
  owner_name: string;
  member_count: number;
}

/** A home of the caller as deleting their account sees it: who else is in it and whose photos it holds. */
export interface HomeForDeletion {
  id: string;
  name: string;
  role: HomeRole;
  owner_name: string;
  member_count: number;
  /** Photos of the home, live or trashed (not those already being purged). */
  photo_count: number;
  /** Of those, the ones the caller uploaded. */
  uploaded_count: number;
}

export interface MemberRow {
  user_id: string;
  display_name: string;
  role: HomeRole;
  joined_at: string;
}

export class HomesRepository {
  constructor(private readonly db: Db) {}

  /**
   * The caller's role in a live home and the home's own rules, or undefined when they are not in it (or it
   * is being deleted). One primary-key lookup: every home-scoped request makes it.
   */
  async membership(userId: string, homeId: string): Promise<{ role: HomeRole; membersCanInvite: boolean } | undefined> {
    const row = await this.db
      .selectFrom('home_members')
      .innerJoin('homes', 'homes.id', 'home_members.home_id')
      .select(['home_members.role', 'homes.members_can_invite'])
      .where('home_members.home_id', '=', homeId)
      .where('home_members.user_id', '=', userId)
      .where('homes.deleting_at', 'is', null)
      .executeTakeFirst();
    return row ? { role: row.role, membersCanInvite: row.members_can_invite === 1 } : undefined;
  }

  /** A live home by id, for callers whose access was already checked (HomeAccess). */
  byId(homeId: string): Promise<Home | undefined> {
    return this.db
      .selectFrom('homes')
      .selectAll()
      .where('id', '=', homeId)
      .where('deleting_at', 'is', null)
      .executeTakeFirst();
  }

  async roleOf(userId: string, homeId: string): Promise<HomeRole | undefined> {
    return (await this.membership(userId, homeId))?.role;
  }

  private summaries(userId: string) {
    return this.db
      .selectFrom('home_members as me')
      .innerJoin('homes', 'homes.id', 'me.home_id')
      .innerJoin('home_members as o', (join) => join.onRef('o.home_id', '=', 'homes.id').on('o.role', '=', 'owner'))
      .innerJoin('users as owner', 'owner.id', 'o.user_id')
      .selectAll('homes')
      .select((eb) => [
        'me.role as role',
        'owner.display_name as owner_name',
        eb
          .selectFrom('home_members as m')
          .select((inner) => inner.fn.countAll<number>().as('n'))
          .whereRef('m.home_id', '=', 'homes.id')
          .as('member_count'),
      ])
      .where('me.user_id', '=', userId)
      .where('homes.deleting_at', 'is', null);
  }

  private static finish(row: Omit<HomeSummary, 'member_count'> & { member_count: number | string | null }) {
    return { ...row, member_count: Number(row.member_count ?? 0) } as HomeSummary;
  }

  /** The caller's homes, in the order they joined them (their own, made at sign-up, first). Bounded by HOMES_PER_USER_MAX. */
  async listFor(userId: string, limit: number): Promise<HomeSummary[]> {
    const rows = await this.summaries(userId).orderBy('me.joined_at').orderBy('homes.id').limit(limit).execute();
    return rows.map(HomesRepository.finish);
  }

  async summary(userId: string, homeId: string): Promise<HomeSummary | undefined> {
    const row = await this.summaries(userId).where('homes.id', '=', homeId).executeTakeFirst();
    return row ? HomesRepository.finish(row) : undefined;
  }

  /** Every live home of the caller, with the counts deleting the account reports (bounded by HOMES_PER_USER_MAX). */
  async forDeletion(userId: string, limit: number): Promise<HomeForDeletion[]> {
    const rows = await this.summaries(userId)
      .select((eb) => [
        eb
          .selectFrom('photos')
          .select((inner) => inner.fn.countAll<number>().as('n'))
          .whereRef('photos.home_id', '=', 'homes.id')
          .where('photos.purge_requested_at', 'is', null)
          .as('photo_count'),
        eb
          .selectFrom('photos')
          .select((inner) => inner.fn.countAll<number>().as('n'))
          .whereRef('photos.home_id', '=', 'homes.id')
          .where('photos.uploader_id', '=', userId)
          .where('photos.purge_requested_at', 'is', null)
          .as('uploaded_count'),
      ])
      .orderBy('me.joined_at')
      .orderBy('homes.id')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      role: row.role,
      owner_name: row.owner_name,
      member_count: Number(row.member_count ?? 0),
      photo_count: Number(row.photo_count ?? 0),
      uploaded_count: Number(row.uploaded_count ?? 0),
    }));
  }

  /** Takes the user out of every home they are in but do not own (deleting an account). */
  async leaveAllJoined(userId: string): Promise<number> {
    const result = await this.db
      .deleteFrom('home_members')
      .where('user_id', '=', userId)
      .where('role', '!=', 'owner')
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async countMemberships(userId: string, role?: HomeRole): Promise<number> {
    let q = this.db
      .selectFrom('home_members')
      .innerJoin('homes', 'homes.id', 'home_members.home_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('home_members.user_id', '=', userId)
      .where('homes.deleting_at', 'is', null);
    if (role) q = q.where('home_members.role', '=', role);
    const row = await q.executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async countMembers(homeId: string): Promise<number> {
    const row = await this.db
      .selectFrom('home_members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('home_id', '=', homeId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** A new home with its owner, in one transaction. */
  async create(home: Pick<Home, 'id' | 'name' | 'created_at'>, ownerId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('homes')
        .values({ ...home, members_can_invite: 0, updated_at: home.created_at, deleting_at: null })
        .execute();
      await trx
        .insertInto('home_members')
        .values({ home_id: home.id, user_id: ownerId, role: 'owner', joined_at: home.created_at })
        .execute();
    });
  }

  async update(homeId: string, changes: { name?: string; members_can_invite?: number }, now: string): Promise<void> {
    await this.db
      .updateTable('homes')
      .set({ ...changes, updated_at: now })
      .where('id', '=', homeId)
      .where('deleting_at', 'is', null)
      .execute();
  }

  /** Members by join date (keyset on joined_at, user_id). */
  membersPage(homeId: string, limit: number, after?: Keyset): Promise<MemberRow[]> {
    let q = this.db
      .selectFrom('home_members')
      .innerJoin('users', 'users.id', 'home_members.user_id')
      .select(['home_members.user_id', 'users.display_name', 'home_members.role', 'home_members.joined_at'])
      .where('home_members.home_id', '=', homeId);
    if (after) {
      q = q.where((eb) =>
        eb.or([
          eb('home_members.joined_at', '>', after.sortAt),
          eb.and([eb('home_members.joined_at', '=', after.sortAt), eb('home_members.user_id', '>', after.id)]),
        ]),
      );
    }
    return q.orderBy('home_members.joined_at').orderBy('home_members.user_id').limit(limit).execute();
  }

  /** Adds a member; false when they already are one (joining twice changes nothing). */
  async addMember(homeId: string, userId: string, role: HomeRole, now: string): Promise<boolean> {
    const result = await this.db
      .insertInto('home_members')
      .values({ home_id: homeId, user_id: userId, role, joined_at: now })
      .onConflict((oc) => oc.columns(['home_id', 'user_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Changes a non-owner's role; false when there is no such member or they are the owner. */
  async setRole(homeId: string, userId: string, role: 'member' | 'viewer'): Promise<boolean> {
    const result = await this.db
      .updateTable('home_members')
      .set({ role })
      .where('home_id', '=', homeId)
      .where('user_id', '=', userId)
      .where('role', '!=', 'owner')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Removes a non-owner member; false when there is no such member (or it is the owner). */
  async removeMember(homeId: string, userId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('home_members')
      .where('home_id', '=', homeId)
      .where('user_id', '=', userId)
      .where('role', '!=', 'owner')
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /**
   * Hands the home to another member: the owner becomes a member, then the other becomes the owner, in one
   * transaction (the one-owner index never sees two). False when `toUserId` is not a member.
   */
  async transferOwnership(homeId: string, fromUserId: string, toUserId: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const target = await trx
        .selectFrom('home_members')
        .select('role')
        .where('home_id', '=', homeId)
        .where('user_id', '=', toUserId)
        .executeTakeFirst();
      if (!target || target.role === 'owner') return false;
      await trx
        .updateTable('home_members')
        .set({ role: 'member' })
        .where('home_id', '=', homeId)
        .where('user_id', '=', fromUserId)
        .where('role', '=', 'owner')
        .execute();
      await trx
        .updateTable('home_members')
        .set({ role: 'owner' })
        .where('home_id', '=', homeId)
        .where('user_id', '=', toUserId)
        .execute();
      return true;
    });
  }

  /** Starts deleting: the home disappears for everyone now; its members and invites go with it. */
  async markDeleting(homeId: string, now: string): Promise<boolean> {
    return inTransaction(this.db, async (trx) => {
      const result = await trx
        .updateTable('homes')
        .set({ deleting_at: now, updated_at: now })
        .where('id', '=', homeId)
        .where('deleting_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      await trx.deleteFrom('home_members').where('home_id', '=', homeId).execute();
      await trx.deleteFrom('home_invites').where('home_id', '=', homeId).execute();
      return true;
    });
  }

  /** Homes being deleted whose photos are all gone: ready for their last rows to be removed. */
  async deletingWithoutPhotos(limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('homes')
      .select('id')
      .where('deleting_at', 'is not', null)
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom('photos').select('photos.id').whereRef('photos.home_id', '=', 'homes.id'))),
      )
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  /**
   * The last rows of a deleted home (albums, uploads and invites cascade; bindings go explicitly). Its
   * children go too, their milestones and growth records with them (the child_id cascade).
   */
  async removeDeleted(homeId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('children').where('home_id', '=', homeId).execute();
      await trx.deleteFrom('uploads').where('home_id', '=', homeId).execute();
      // Likes and comments went with the photos (cascade); the feed goes with the home.
      await trx.deleteFrom('activities').where('home_id', '=', homeId).execute();
      await trx.deleteFrom('albums').where('home_id', '=', homeId).execute();
      await trx.deleteFrom('storage_bindings').where('home_id', '=', homeId).execute();
      await trx.deleteFrom('homes').where('id', '=', homeId).where('deleting_at', 'is not', null).execute();
    });
  }
}

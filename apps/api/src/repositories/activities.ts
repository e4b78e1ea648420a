/**
 * activities, the home's feed (动态), and each member's "seen up to" mark (home_members.feed_seen_at).
 * Every query is scoped by home. Writes of one member's entries go through `forActor`, which serialises
 * them: an immediate transaction on SQLite (its write lock, across processes too), a per-member advisory
 * lock inside a transaction on PostgreSQL, so two requests racing to extend the same entry never make two.
 */
import { sql } from 'kysely';
import { type Db, dialectOf, inTransaction } from '../db/index.js';
import type { ActivitiesTable, ActivityRow } from '../db/schema.js';
import { pastKeyset } from './keyset.js';
import type { Keyset } from './photo-scope.js';

export interface FeedRow extends ActivityRow {
  actor_name: string;
  /** A milestone's child, while it exists (a deleted child's milestones keep their entry without a name). */
  child_name: string | null;
}

type Kind = ActivitiesTable['kind'];
export type ActivityChanges = Pick<ActivitiesTable, 'count' | 'photo_ids' | 'text' | 'ref_id' | 'last_at'>;

export class ActivitiesRepository {
  constructor(private readonly db: Db) {}

  /** Runs `work` holding the lock on `actorId`'s entries in `homeId` (see the file's comment), on `trx`. */
  forActor<T>(
    homeId: string,
    actorId: string,
    work: (locked: ActivitiesRepository, trx: Db) => Promise<T>,
  ): Promise<T> {
    return inTransaction(this.db, async (trx) => {
      if (dialectOf(trx) === 'postgres') {
        await sql`SELECT pg_advisory_xact_lock(hashtext(${`xiaojia.activity:${homeId}:${actorId}`}))`.execute(trx);
      }
      return work(new ActivitiesRepository(trx), trx);
    });
  }

  /** One member's entries of one kind in the home (index activities_actor). */
  private ofActor(homeId: string, actorId: string, kind: Kind) {
    return this.db
      .selectFrom('activities')
      .selectAll()
      .where('home_id', '=', homeId)
      .where('actor_id', '=', actorId)
      .where('kind', '=', kind)
      .limit(1);
  }

  /** The member's newest entry of `kind` in the home. */
  newestOf(homeId: string, actorId: string, kind: Kind): Promise<ActivityRow | undefined> {
    return this.ofActor(homeId, actorId, kind).orderBy('last_at', 'desc').executeTakeFirst();
  }

  /** The member's entry of `kind` whose run includes the instant `at`, if any. */
  holding(homeId: string, actorId: string, kind: Kind, at: string): Promise<ActivityRow | undefined> {
    return this.ofActor(homeId, actorId, kind)
      .where('last_at', '>=', at)
      .where('started_at', '<=', at)
      .orderBy('last_at', 'asc')
      .executeTakeFirst();
  }

  async insert(row: ActivitiesTable): Promise<void> {
    await this.db.insertInto('activities').values(row).execute();
  }

  async update(homeId: string, id: string, changes: ActivityChanges): Promise<void> {
    await this.db.updateTable('activities').set(changes).where('home_id', '=', homeId).where('id', '=', id).execute();
  }

  async delete(homeId: string, id: string): Promise<void> {
    await this.db.deleteFrom('activities').where('home_id', '=', homeId).where('id', '=', id).execute();
  }

  /**
   * One page of the feed, newest first by last_at (keyset on last_at, id: index activities_feed), with the
   * actors' names and milestones' children's (by primary key; a deleted child's entry keeps no name);
   * `limit` rows. The leading `last_at <=` bound lets both databases seek into the index.
   */
  page(homeId: string, limit: number, after?: Keyset): Promise<FeedRow[]> {
    let q = this.db
      .selectFrom('activities')
      .innerJoin('users', 'users.id', 'activities.actor_id')
      .leftJoin('children', (join) =>
        join.onRef('children.id', '=', 'activities.child_id').onRef('children.home_id', '=', 'activities.home_id'),
      )
      .selectAll('activities')
      .select(['users.display_name as actor_name', 'children.name as child_name'])
      .where('activities.home_id', '=', homeId);
    if (after) {
      q = q.where((eb) => pastKeyset(eb, { sort: 'activities.last_at', id: 'activities.id' }, after, 'desc'));
    }
    return q.orderBy('activities.last_at', 'desc').orderBy('activities.id', 'desc').limit(limit).execute();
  }

  /** When the member last looked at the feed: their mark, or their joining if they never did. */
  async seenAt(homeId: string, userId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('home_members')
      .select(['feed_seen_at', 'joined_at'])
      .where('home_id', '=', homeId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row ? (row.feed_seen_at ?? row.joined_at) : undefined;
  }

  /**
   * Entries by others touched after the member's mark, counted up to `cap` (the badge shows "99+"): one
   * statement that reads only activities_feed from the newest entry down to the mark.
   */
  async unreadCount(homeId: string, userId: string, cap: number): Promise<number> {
    const row = await this.db
      .selectFrom((eb) =>
        eb
          .selectFrom('activities')
          .select('activities.id')
          .where('activities.home_id', '=', homeId)
          .where('activities.actor_id', '!=', userId)
          .where('activities.last_at', '>', (inner) =>
            inner
              .selectFrom('home_members')
              .select((m) => m.fn.coalesce('home_members.feed_seen_at', 'home_members.joined_at').as('seen'))
              .where('home_members.home_id', '=', homeId)
              .where('home_members.user_id', '=', userId),
          )
          .orderBy('activities.last_at', 'desc')
          .limit(cap)
          .as('unread'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** The member has seen the feed up to `now`; false when they are not in the home. */
  async markSeen(homeId: string, userId: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('home_members')
      .set({ feed_seen_at: now })
      .where('home_id', '=', homeId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Every entry of `kind` by `actorId`, in every home (a deleted account's likes: index activities_by_actor). */
  async deleteAllOf(actorId: string, kind: Kind): Promise<number> {
    const result = await this.db
      .deleteFrom('activities')
      .where('actor_id', '=', actorId)
      .where('kind', '=', kind)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

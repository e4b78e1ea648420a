/**
 * work_likes, work_comments, follows, community_profiles and the facts a like's weight is made of. Counters
 * change in the same transaction as the row they count, and only when the row really came or went, so a
 * repeated like, unlike, follow or unfollow changes nothing.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/index.js';
import { pastKeyset } from '../keyset.js';
import type { Keyset } from '../photo-scope.js';
import { hasBlocked, notBlocked } from './blocks.js';

export interface CommentRow {
  id: string;
  work_id: string;
  author_id: string;
  author_name: string;
  parent_id: string | null;
  text: string;
  status: 'visible' | 'pending' | 'rejected' | 'hidden';
  created_at: string;
}

export interface ReplyRow extends CommentRow {
  reply_count: number;
}

export interface FollowRow {
  id: string;
  display_name: string;
  created_at: string;
}

export class SocialRepository {
  constructor(private readonly db: Db) {}

  /** Adds the like; false when it was already there. */
  async addLike(db: Db, row: { work_id: string; user_id: string; weight: number; created_at: string }) {
    const result = await db
      .insertInto('work_likes')
      .values(row)
      .onConflict((oc) => oc.columns(['work_id', 'user_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Removes the like and answers the weight it had been given, or null when there was none. */
  async removeLike(db: Db, workId: string, userId: string): Promise<number | null> {
    const row = await db
      .deleteFrom('work_likes')
      .where('work_id', '=', workId)
      .where('user_id', '=', userId)
      .returning('weight')
      .executeTakeFirst();
    return row ? Number(row.weight) : null;
  }

  /** Adds `likes` and `weight` to a work's counters; answers its new weight and publication time. */
  async countLike(db: Db, workId: string, likes: 1 | -1, weight: number) {
    return db
      .updateTable('works')
      .set((eb) => ({
        like_count: eb('like_count', '+', likes),
        vote_weight: eb('vote_weight', '+', weight),
      }))
      .where('id', '=', workId)
      .returning(['vote_weight', 'published_at', 'like_count', 'author_id'])
      .executeTakeFirstOrThrow();
  }

  /** How many of `authorId`'s works `likerId` liked, counting up to `cap` (work_likes_user, then works' key). */
  async likesOfAuthor(likerId: string, authorId: string, cap: number): Promise<number> {
    const row = await this.db
      .selectFrom((eb) =>
        eb
          .selectFrom('work_likes')
          .innerJoin('works', 'works.id', 'work_likes.work_id')
          .select(sql.lit(1).as('one'))
          .where('work_likes.user_id', '=', likerId)
          .where('works.author_id', '=', authorId)
          .limit(cap)
          .as('found'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The facts a like's weight needs about its liker. */
  likerFacts(userId: string) {
    return this.db
      .selectFrom('users')
      .leftJoin('community_profiles', 'community_profiles.user_id', 'users.id')
      .select(['users.created_at', 'community_profiles.works_count', 'community_profiles.following_count'])
      .where('users.id', '=', userId)
      .executeTakeFirst();
  }

  /** Adds to profile counters (the rows exist: ensureProfile). */
  async bump(
    db: Db,
    userId: string,
    column: 'followers_count' | 'following_count' | 'likes_received',
    by: number,
  ): Promise<void> {
    await db
      .updateTable('community_profiles')
      .set((eb) => ({ [column]: eb(column, '+', by) }))
      .where('user_id', '=', userId)
      .execute();
  }

  async insertComment(db: Db, row: Omit<CommentRow, 'author_name'>): Promise<void> {
    await db.insertInto('work_comments').values(row).execute();
  }

  comment(id: string) {
    return this.db
      .selectFrom('work_comments')
      .innerJoin('works', 'works.id', 'work_comments.work_id')
      .select([
        'work_comments.id',
        'work_comments.work_id',
        'work_comments.author_id',
        'work_comments.parent_id',
        'work_comments.status',
        'works.author_id as work_author_id',
      ])
      .where('work_comments.id', '=', id)
      .executeTakeFirst();
  }

  /** Deletes the comment and its replies; answers how many went, and how many of them were visible (counted on the work). */
  async deleteComment(db: Db, id: string): Promise<{ all: number; visible: number }> {
    // Replies first: deleting the parent first would take them by ON DELETE CASCADE, unseen by RETURNING.
    const replies = await db.deleteFrom('work_comments').where('parent_id', '=', id).returning('status').execute();
    const own = await db.deleteFrom('work_comments').where('id', '=', id).returning('status').execute();
    const rows = [...replies, ...own];
    return { all: rows.length, visible: rows.filter((r) => r.status === 'visible').length };
  }

  async countComments(db: Db, workId: string, by: number): Promise<void> {
    if (by === 0) return;
    await db
      .updateTable('works')
      .set((eb) => ({ comment_count: eb('comment_count', '+', by) }))
      .where('id', '=', workId)
      .execute();
  }

  private comments(workId: string, viewerId: string) {
    return (
      this.db
        .selectFrom('work_comments')
        .innerJoin('users', 'users.id', 'work_comments.author_id')
        .select([
          'work_comments.id',
          'work_comments.work_id',
          'work_comments.author_id',
          'users.display_name as author_name',
          'work_comments.parent_id',
          'work_comments.text',
          'work_comments.status',
          'work_comments.created_at',
        ])
        .where('work_comments.work_id', '=', workId)
        // Others' comments when visible; one's own whatever their status (pending, or refused with its reason).
        .where((eb) =>
          eb.or([eb('work_comments.status', '=', 'visible'), eb('work_comments.author_id', '=', viewerId)]),
        )
        // Nobody blocked with the viewer either way.
        .where((eb) => notBlocked(eb, eb.val(viewerId), eb.ref('work_comments.author_id')))
    );
  }

  /** Top-level comments oldest first past `after` (work_comments_work). */
  topComments(workId: string, viewerId: string, limit: number, after?: Keyset): Promise<CommentRow[]> {
    let q = this.comments(workId, viewerId).where('work_comments.parent_id', 'is', null);
    if (after) {
      q = q.where((eb) => pastKeyset(eb, { sort: 'work_comments.created_at', id: 'work_comments.id' }, after, 'asc'));
    }
    return q.orderBy('work_comments.created_at').orderBy('work_comments.id').limit(limit).execute();
  }

  /** The first `perParent` replies of each of these comments, oldest first, with each one's reply count. */
  async replies(workId: string, viewerId: string, parentIds: readonly string[], perParent: number) {
    if (parentIds.length === 0) return [];
    const ranked = this.comments(workId, viewerId)
      .where('work_comments.parent_id', 'in', [...parentIds])
      .select([
        sql<number>`row_number() over (partition by work_comments.parent_id order by work_comments.created_at, work_comments.id)`.as(
          'rn',
        ),
        sql<number>`count(*) over (partition by work_comments.parent_id)`.as('reply_count'),
      ])
      .as('ranked');
    return this.db
      .selectFrom(ranked)
      .selectAll()
      .where('rn', '<=', perParent)
      .orderBy('parent_id')
      .orderBy('rn')
      .execute() as Promise<(ReplyRow & { rn: number })[]>;
  }

  /** Adds the follow; false when it was already there. */
  async addFollow(db: Db, followerId: string, followeeId: string, now: string): Promise<boolean> {
    const result = await db
      .insertInto('follows')
      .values({ follower_id: followerId, followee_id: followeeId, created_at: now })
      .onConflict((oc) => oc.columns(['follower_id', 'followee_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async removeFollow(db: Db, followerId: string, followeeId: string): Promise<boolean> {
    const result = await db
      .deleteFrom('follows')
      .where('follower_id', '=', followerId)
      .where('followee_id', '=', followeeId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async follows(followerId: string, followeeId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('follows')
      .select('created_at')
      .where('follower_id', '=', followerId)
      .where('followee_id', '=', followeeId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Followers (side 'followers') or followees ('following') of `userId`, newest first, none blocked with `viewerId`. */
  followList(
    userId: string,
    side: 'followers' | 'following',
    viewerId: string,
    limit: number,
    after?: Keyset,
  ): Promise<FollowRow[]> {
    const [mine, theirs] =
      side === 'followers' ? (['followee_id', 'follower_id'] as const) : (['follower_id', 'followee_id'] as const);
    let q = this.db
      .selectFrom('follows')
      .innerJoin('users', 'users.id', `follows.${theirs}`)
      .select(['users.id', 'users.display_name', 'follows.created_at'])
      .where(`follows.${mine}`, '=', userId)
      .where((eb) => notBlocked(eb, eb.val(viewerId), eb.ref('users.id')));
    if (after)
      q = q.where((eb) => pastKeyset(eb, { sort: 'follows.created_at', id: `follows.${theirs}` }, after, 'desc'));
    return q.orderBy('follows.created_at', 'desc').orderBy(`follows.${theirs}`, 'desc').limit(limit).execute();
  }

  /** A user's profile row; with `viewerId`, none across a block between the two (their profile is NOT_FOUND). */
  /**
   * The user's profile row. With `viewerId`: as that viewer may see it, with whether they blocked the
   * user (blocked_by_me); absent when the user blocked the viewer and the viewer did not block them back,
   * so an answer never tells the viewer more of the other's block than a refusal (COMMUNITY_BLOCKED) does.
   */
  profile(userId: string, viewerId?: string) {
    const q = this.db
      .selectFrom('users')
      .leftJoin('community_profiles', 'community_profiles.user_id', 'users.id')
      .select([
        'users.id',
        'users.display_name',
        'community_profiles.bio',
        'community_profiles.works_count',
        'community_profiles.followers_count',
        'community_profiles.following_count',
        'community_profiles.likes_received',
      ])
      .select((eb) =>
        (viewerId === undefined ? sql.lit(false) : hasBlocked(eb, eb.val(viewerId), eb.ref('users.id'))).as(
          'blocked_by_me',
        ),
      )
      .where('users.id', '=', userId);
    if (viewerId === undefined) return q.executeTakeFirst();
    return q
      .where((eb) =>
        eb.or([
          hasBlocked(eb, eb.val(viewerId), eb.ref('users.id')),
          eb.not(hasBlocked(eb, eb.ref('users.id'), eb.val(viewerId))),
        ]),
      )
      .executeTakeFirst();
  }

  async setBio(userId: string, bio: string): Promise<void> {
    await this.db.updateTable('community_profiles').set({ bio }).where('user_id', '=', userId).execute();
  }
}

/**
 * photo_likes and a photo's counts. Callers checked first that the photo is live in the caller's home
 * (services/photo-social.ts), so these queries go by photo id: a like row always names its photo's home.
 */
import type { Db } from '../db/index.js';

export interface PhotoCounts {
  like_count: number;
  liked_by_me: number;
  comment_count: number;
}

export class LikesRepository {
  constructor(private readonly db: Db) {}

  /** Likes the photo for `userId`; false when they already did (the primary key decides, so racers add one). */
  async add(row: { home_id: string; photo_id: string; user_id: string; created_at: string }): Promise<boolean> {
    const result = await this.db
      .insertInto('photo_likes')
      .values(row)
      .onConflict((oc) => oc.columns(['photo_id', 'user_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Takes the like back; false when there was none. */
  async remove(photoId: string, userId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('photo_likes')
      .where('photo_id', '=', photoId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Likes, "liked by me" and comments of one photo in one statement (primary key and photo_comments_photo). */
  async counts(photoId: string, userId: string): Promise<PhotoCounts> {
    const row = await this.db
      .selectNoFrom((eb) => [
        eb
          .selectFrom('photo_likes')
          .select((inner) => inner.fn.countAll<number>().as('n'))
          .where('photo_likes.photo_id', '=', photoId)
          .as('like_count'),
        eb
          .selectFrom('photo_likes')
          .select((inner) => inner.fn.countAll<number>().as('n'))
          .where('photo_likes.photo_id', '=', photoId)
          .where('photo_likes.user_id', '=', userId)
          .as('liked_by_me'),
        eb
          .selectFrom('photo_comments')
          .select((inner) => inner.fn.countAll<number>().as('n'))
          .where('photo_comments.photo_id', '=', photoId)
          .as('comment_count'),
      ])
      .executeTakeFirstOrThrow();
    return {
      like_count: Number(row.like_count ?? 0),
      liked_by_me: Number(row.liked_by_me ?? 0),
      comment_count: Number(row.comment_count ?? 0),
    };
  }

  /** The newest likers of a photo with their names (photo_likes_photo), at most `limit`. */
  likers(photoId: string, limit: number): Promise<{ user_id: string; display_name: string }[]> {
    return this.db
      .selectFrom('photo_likes')
      .innerJoin('users', 'users.id', 'photo_likes.user_id')
      .select(['photo_likes.user_id', 'users.display_name'])
      .where('photo_likes.photo_id', '=', photoId)
      .orderBy('photo_likes.created_at', 'desc')
      .orderBy('photo_likes.user_id', 'desc')
      .limit(limit)
      .execute();
  }

  /** Every like `userId` gave, in every home (deleting their account). */
  async deleteAllOf(userId: string): Promise<number> {
    const result = await this.db.deleteFrom('photo_likes').where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

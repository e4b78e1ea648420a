/**
 * photo_comments. A photo's comments are read by photo id after the service checked the photo is live in
 * the caller's home; a single comment is always looked up within the caller's home.
 */
import type { Db } from '../db/index.js';
import type { PhotoComment } from '../db/schema.js';
import { pastKeyset } from './keyset.js';
import type { Keyset } from './photo-scope.js';

export interface CommentRow extends PhotoComment {
  author_name: string;
}

export class CommentsRepository {
  constructor(private readonly db: Db) {}

  async insert(row: PhotoComment): Promise<void> {
    await this.db.insertInto('photo_comments').values(row).execute();
  }

  /**
   * One photo's comments oldest first, strictly after `after` (keyset on created_at, id; index
   * photo_comments_photo), with their authors' names; `limit` rows.
   */
  page(photoId: string, limit: number, after?: Keyset): Promise<CommentRow[]> {
    let q = this.db
      .selectFrom('photo_comments')
      .innerJoin('users', 'users.id', 'photo_comments.author_id')
      .selectAll('photo_comments')
      .select('users.display_name as author_name')
      .where('photo_comments.photo_id', '=', photoId);
    if (after) {
      q = q.where((eb) => pastKeyset(eb, { sort: 'photo_comments.created_at', id: 'photo_comments.id' }, after, 'asc'));
    }
    return q.orderBy('photo_comments.created_at', 'asc').orderBy('photo_comments.id', 'asc').limit(limit).execute();
  }

  byId(homeId: string, id: string): Promise<PhotoComment | undefined> {
    return this.db
      .selectFrom('photo_comments')
      .selectAll()
      .where('home_id', '=', homeId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async delete(homeId: string, id: string): Promise<number> {
    const result = await this.db
      .deleteFrom('photo_comments')
      .where('home_id', '=', homeId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** The newest comment `authorId` wrote in the home between `from` and `to` (photo_comments_author). */
  newestBy(homeId: string, authorId: string, from: string, to: string): Promise<PhotoComment | undefined> {
    return this.db
      .selectFrom('photo_comments')
      .selectAll()
      .where('home_id', '=', homeId)
      .where('author_id', '=', authorId)
      .where('created_at', '>=', from)
      .where('created_at', '<=', to)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }
}

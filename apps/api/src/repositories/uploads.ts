/** uploads: keys the server handed out, so confirm only records objects it asked for. */
import type { Db } from '../db/index.js';
import type { Upload, UploadsTable } from '../db/schema.js';

export class UploadsRepository {
  constructor(private readonly db: Db) {}

  async insertMany(rows: UploadsTable[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.insertInto('uploads').values(rows).execute();
  }

  /** The grant `uploaderId` was given for `key` in this home (a grant is its receiver's alone to confirm). */
  byKey(homeId: string, uploaderId: string, key: string): Promise<Upload | undefined> {
    return this.db
      .selectFrom('uploads')
      .selectAll()
      .where('home_id', '=', homeId)
      .where('uploader_id', '=', uploaderId)
      .where('object_key', '=', key)
      .executeTakeFirst();
  }

  async markConfirmed(homeId: string, key: string, photoId: string): Promise<void> {
    await this.db
      .updateTable('uploads')
      .set({ photo_id: photoId })
      .where('home_id', '=', homeId)
      .where('object_key', '=', key)
      .execute();
  }

  /** Forgets an unconfirmed upload's row: its key can no longer be confirmed. */
  async forget(homeId: string, key: string): Promise<void> {
    await this.db
      .deleteFrom('uploads')
      .where('home_id', '=', homeId)
      .where('object_key', '=', key)
      .where('photo_id', 'is', null)
      .execute();
  }

  /** The row no longer stands for an open S3 multipart upload (completed or aborted). */
  async closeMultipart(homeId: string, key: string): Promise<void> {
    await this.db
      .updateTable('uploads')
      .set({ upload_id: null })
      .where('home_id', '=', homeId)
      .where('object_key', '=', key)
      .execute();
  }

  /** Unconfirmed rows with a multipart upload still open past their expiry: the sweep aborts them. */
  openMultipartExpired(now: string, limit: number): Promise<Upload[]> {
    return this.db
      .selectFrom('uploads')
      .selectAll()
      .where('upload_id', 'is not', null)
      .where('expires_at', '<', now)
      .where('photo_id', 'is', null)
      .orderBy('expires_at')
      .limit(limit)
      .execute();
  }

  /** Grants that expired unconfirmed long ago: nothing can arrive under them any more. */
  async deleteStale(expiredBefore: string): Promise<number> {
    const result = await this.db.deleteFrom('uploads').where('expires_at', '<', expiredBefore).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Every upload grant given to `uploaderId` (deleting their account: nothing more may arrive under them). */
  async deleteAllOf(uploaderId: string): Promise<number> {
    const result = await this.db.deleteFrom('uploads').where('uploader_id', '=', uploaderId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

/**
 * The purge queue: photos asked to be deleted forever (by a member, by trash expiry, by deleting their
 * home) wait here, hidden from every list, until their object is gone from storage; then the row goes.
 * Attempts are claimed row by row, so sweeps on several instances never work on the same photo.
 */
import { type Db, inTransaction } from '../db/index.js';
import type { Photo } from '../db/schema.js';
import { newId } from '../integrations/ids.js';
import { SnapshotsRepository } from './community/snapshots.js';

export class PhotoPurgesRepository {
  constructor(private readonly db: Db) {}

  /** Mark trashed photos for purge; returns the rows now pending. */
  async requestPurge(homeId: string, ids: readonly string[], now: string): Promise<Photo[]> {
    if (ids.length === 0) return [];
    return this.db
      .updateTable('photos')
      .set({ purge_requested_at: now })
      .where('home_id', '=', homeId)
      .where('id', 'in', [...ids])
      .where('deleted_at', 'is not', null)
      .where('purge_requested_at', 'is', null)
      .returningAll()
      .execute();
  }

  /**
   * A deleted home: every photo it still has goes to the purge queue, due at once (`dueAt` is in the past),
   * so the sweep removes their objects from the bucket.
   */
  async requestPurgeOfHome(homeId: string, dueAt: string): Promise<number> {
    const result = await this.db
      .updateTable('photos')
      .set({ purge_requested_at: dueAt })
      .where('home_id', '=', homeId)
      .where('purge_requested_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Every photo of every home being deleted that is not queued for purge yet (the sweep's safety net). */
  async requestPurgeOfDeletedHomes(dueAt: string): Promise<number> {
    const result = await this.db
      .updateTable('photos')
      .set({ purge_requested_at: dueAt })
      .where('purge_requested_at', 'is', null)
      .where('home_id', 'in', (eb) =>
        eb.selectFrom('homes').select('homes.id').where('homes.deleting_at', 'is not', null),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Trashed longer than the retention: mark for purge, in every home (the background sweep). */
  async requestExpiredPurges(trashedBefore: string, now: string): Promise<number> {
    const result = await this.db
      .updateTable('photos')
      .set({ purge_requested_at: now })
      .where('deleted_at', '<', trashedBefore)
      .where('purge_requested_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Pending purges whose last attempt is older than `retryBefore`, oldest first. */
  pendingPurges(retryBefore: string, limit: number): Promise<Photo[]> {
    return this.db
      .selectFrom('photos')
      .selectAll()
      .where('purge_requested_at', 'is not', null)
      .where('purge_requested_at', '<=', retryBefore)
      .orderBy('purge_requested_at')
      .limit(limit)
      .execute();
  }

  /**
   * Claim a pending purge for one attempt by moving its timestamp forward; only the instance whose update
   * matched the old value goes on, so sweeps on several instances never delete the same photo twice.
   */
  async claimPurge(id: string, seenAt: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('photos')
      .set((eb) => ({ purge_requested_at: now, purge_attempts: eb('purge_attempts', '+', 1) }))
      .where('id', '=', id)
      .where('purge_requested_at', '=', seenAt)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async recordPurgeFailure(id: string, error: string): Promise<void> {
    await this.db
      .updateTable('photos')
      .set({ purge_error: error.slice(0, 500) })
      .where('id', '=', id)
      .execute();
  }

  /**
   * The photo's object is gone from storage: its row goes, and with it every mention of it in its home's
   * family records (a milestone keeps its day and title without the photo; an avatar becomes none). Those
   * columns have no foreign key (migration 0005), so this is where they are cleared, through the
   * home-scoped indexes. Its likes and comments go by ON DELETE CASCADE (migration 0006).
   */
  async deleteRow(photo: Pick<Photo, 'id' | 'home_id'>, now: string): Promise<void> {
    await inTransaction(this.db, async (trx) => {
      await trx
        .updateTable('milestones')
        .set({ photo_id: null })
        .where('home_id', '=', photo.home_id)
        .where('photo_id', '=', photo.id)
        .execute();
      await trx
        .updateTable('children')
        .set({ avatar_photo_id: null })
        .where('home_id', '=', photo.home_id)
        .where('avatar_photo_id', '=', photo.id)
        .execute();
      // Community snapshots of the photo (work_photos go by ON DELETE CASCADE): queued for the sweep to
      // delete from their bucket before the rows that name them go.
      await new SnapshotsRepository(trx).retire(trx, { photoIds: [photo.id] }, now, newId);
      await trx.deleteFrom('photos').where('id', '=', photo.id).execute();
    });
  }
}

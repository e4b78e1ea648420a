/**
 * Community snapshots' rows (migration 0015): the snapshot columns of work_photos and the queue of snapshot
 * objects to delete. Retiring a work's (or a photo's) snapshots moves their keys onto the queue and clears
 * the columns in the caller's transaction, so the rows and the queue never disagree; the objects go after.
 */
import type { Db } from '../../db/index.js';
import type { Photo, StorageBinding } from '../../db/schema.js';

/** What making a snapshot needs of an image: its photo's object and the bucket it is in. */
export type SnapshotSourceRow = Pick<Photo, 'id' | 'binding_id' | 'object_key' | 'mime' | 'derivatives' | 'home_id'>;

export interface QueuedDeletion {
  id: string;
  binding_id: string | null;
  object_key: string;
  attempts: number;
}

/** The objects of one snapshot: the image and its thumbnail beside it. */
export const snapshotThumbKey = (key: string) => key.replace(/\.jpg$/, '.thumb.jpg');
const objectsOf = (key: string) => [key, snapshotThumbKey(key)];

export class SnapshotsRepository {
  constructor(private readonly db: Db) {}

  /** The bindings snapshots live in, by id (a page spans many homes: one query). */
  bindings(ids: readonly string[]): Promise<StorageBinding[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('storage_bindings')
      .selectAll()
      .where('id', 'in', [...ids])
      .execute();
  }

  binding(id: string): Promise<StorageBinding | undefined> {
    return this.db.selectFrom('storage_bindings').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Queue these snapshots' objects for deletion at `dueAt` (a guard before a write; a retired snapshot). */
  async queue(
    db: Db,
    snapshots: readonly { key: string; bindingId: string | null }[],
    dueAt: string,
    now: string,
    newId: () => string,
  ): Promise<string[]> {
    const rows = snapshots.flatMap((s) =>
      objectsOf(s.key).map((object_key) => ({
        id: newId(),
        binding_id: s.bindingId,
        object_key,
        due_at: dueAt,
        attempts: 0,
        last_error: null,
        created_at: now,
      })),
    );
    if (rows.length > 0) await db.insertInto('snapshot_deletions').values(rows).execute();
    return rows.map((r) => r.object_key);
  }

  /** The snapshots were kept (their work committed): their guards go. */
  async unqueue(db: Db, keys: readonly string[]): Promise<void> {
    const objects = keys.flatMap(objectsOf);
    if (objects.length > 0) await db.deleteFrom('snapshot_deletions').where('object_key', 'in', objects).execute();
  }

  /** Bring these queued objects' deletion forward to `at` (a publish that failed). */
  async dueNow(keys: readonly string[], at: string): Promise<void> {
    const objects = keys.flatMap(objectsOf);
    if (objects.length > 0) {
      await this.db.updateTable('snapshot_deletions').set({ due_at: at }).where('object_key', 'in', objects).execute();
    }
  }

  /**
   * Retire the snapshots of these works' images (or of images showing these photos): their objects queued
   * for deletion now, the columns cleared. In the caller's transaction; returns the object keys queued.
   */
  async retire(
    db: Db,
    by: { workIds: readonly string[] } | { photoIds: readonly string[] } | { authorId: string },
    now: string,
    newId: () => string,
  ): Promise<string[]> {
    let q = db
      .selectFrom('work_photos')
      .select(['id', 'snapshot_key', 'snapshot_binding_id'])
      .where('snapshot_key', 'is not', null);
    if ('authorId' in by) {
      q = q.where('work_id', 'in', db.selectFrom('works').select('id').where('author_id', '=', by.authorId));
    } else {
      const [column, ids] = 'workIds' in by ? (['work_id', by.workIds] as const) : (['photo_id', by.photoIds] as const);
      if (ids.length === 0) return [];
      q = q.where(column, 'in', [...ids]);
    }
    const rows = await q.execute();
    if (rows.length === 0) return [];
    const keys = await this.queue(
      db,
      rows.map((r) => ({ key: r.snapshot_key as string, bindingId: r.snapshot_binding_id })),
      now,
      now,
      newId,
    );
    await db
      .updateTable('work_photos')
      .set({ snapshot_key: null, snapshot_binding_id: null })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    return keys;
  }

  /** Deletions due by `now` (only of `objects` when given), oldest first. */
  due(now: string, limit: number, objects?: readonly string[]): Promise<QueuedDeletion[]> {
    let q = this.db
      .selectFrom('snapshot_deletions')
      .select(['id', 'binding_id', 'object_key', 'attempts'])
      .where('due_at', '<=', now);
    if (objects) {
      if (objects.length === 0) return Promise.resolve([]);
      q = q.where('object_key', 'in', [...objects]);
    }
    return q.orderBy('due_at').orderBy('id').limit(limit).execute();
  }

  async done(id: string): Promise<void> {
    await this.db.deleteFrom('snapshot_deletions').where('id', '=', id).execute();
  }

  async failed(id: string, error: string, retryAt: string): Promise<void> {
    await this.db
      .updateTable('snapshot_deletions')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error.slice(0, 500), due_at: retryAt }))
      .where('id', '=', id)
      .execute();
  }

  /** Images of works that show (published, or pending review) still without a snapshot: works from before 0015. */
  missing(limit: number): Promise<(SnapshotSourceRow & { image_id: string })[]> {
    return this.db
      .selectFrom('work_photos')
      .innerJoin('works', 'works.id', 'work_photos.work_id')
      .innerJoin('photos', 'photos.id', 'work_photos.photo_id')
      .select([
        'work_photos.id as image_id',
        'photos.id',
        'photos.binding_id',
        'photos.object_key',
        'photos.mime',
        'photos.derivatives',
        'photos.home_id',
      ])
      .where('work_photos.snapshot_key', 'is', null)
      .where('works.status', 'in', ['published', 'pending'])
      .where('photos.deleted_at', 'is', null)
      .where('photos.purge_requested_at', 'is', null)
      .orderBy('work_photos.id')
      .limit(limit)
      .execute();
  }

  /** Record a snapshot made for an image still without one (false: another instance was first, or it went). */
  async attach(imageId: string, key: string, bindingId: string | null): Promise<boolean> {
    const result = await this.db
      .updateTable('work_photos')
      .set({ snapshot_key: key, snapshot_binding_id: bindingId })
      .where('id', '=', imageId)
      .where('snapshot_key', 'is', null)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('works')
            .select('works.id')
            .whereRef('works.id', '=', 'work_photos.work_id')
            .where('works.status', 'in', ['published', 'pending']),
        ),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}

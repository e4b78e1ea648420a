/**
 * photos: every query is scoped to one home (the caller's membership is checked before, in HomeAccess). Lists use keyset pagination on (sort_at, id) so the
 * 1000th page costs what the first does (index photos_timeline).
 */
import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import type { Db } from '../db/index.js';
import type { Database, Photo, PhotosTable } from '../db/schema.js';

/** Which list a photo is looked up in: the timeline, the trash, or one album. */
export interface PhotoScope {
  homeId: string;
  trashed: boolean;
  albumId?: string | undefined;
  /** Only the photos this member uploaded ("只看我上传的"; a member's own trash). */
  uploaderId?: string | undefined;
}

export interface Keyset {
  sortAt: string;
  id: string;
}

function inScope<O>(
  query: SelectQueryBuilder<Database, 'photos', O>,
  scope: PhotoScope,
): SelectQueryBuilder<Database, 'photos', O> {
  let q = query
    .where('photos.home_id', '=', scope.homeId)
    .where('photos.purge_requested_at', 'is', null)
    .where('photos.deleted_at', scope.trashed ? 'is not' : 'is', null);
  if (scope.uploaderId) q = q.where('photos.uploader_id', '=', scope.uploaderId);
  if (scope.albumId) {
    const albumId = scope.albumId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('album_photos')
          .select('album_photos.photo_id')
          .where('album_photos.album_id', '=', albumId)
          .whereRef('album_photos.photo_id', '=', 'photos.id'),
      ),
    );
  }
  return q;
}

/**
 * Strictly after `k` in newest-first order. The leading `sort_at <=` bound is implied by the OR, but
 * spelled out so SQLite (and PostgreSQL) seek into photos_timeline instead of walking it from the newest
 * photo: without it the page after the 100,000th photo read 100,000 index entries (BENCHMARKS.md, 2c).
 */
const olderThan = (k: Keyset) => (eb: ExpressionBuilder<Database, 'photos'>) =>
  eb.and([
    eb('photos.sort_at', '<=', k.sortAt),
    eb.or([
      eb('photos.sort_at', '<', k.sortAt),
      eb.and([eb('photos.sort_at', '=', k.sortAt), eb('photos.id', '<', k.id)]),
    ]),
  ]);
const newerThan = (k: Keyset) => (eb: ExpressionBuilder<Database, 'photos'>) =>
  eb.and([
    eb('photos.sort_at', '>=', k.sortAt),
    eb.or([
      eb('photos.sort_at', '>', k.sortAt),
      eb.and([eb('photos.sort_at', '=', k.sortAt), eb('photos.id', '>', k.id)]),
    ]),
  ]);

export class PhotosRepository {
  constructor(private readonly db: Db) {}

  /** One page, newest first, plus one extra row to know whether there is a next page. */
  async page(scope: PhotoScope, limit: number, after?: Keyset): Promise<Photo[]> {
    let q = inScope(this.db.selectFrom('photos').selectAll('photos'), scope);
    if (after) q = q.where(olderThan(after));
    return q.orderBy('photos.sort_at', 'desc').orderBy('photos.id', 'desc').limit(limit).execute();
  }

  async neighbours(scope: PhotoScope, at: Keyset): Promise<{ prevId: string | null; nextId: string | null }> {
    const base = () => inScope(this.db.selectFrom('photos').select('photos.id'), scope);
    const [prev, next] = await Promise.all([
      base()
        .where(newerThan(at))
        .orderBy('photos.sort_at', 'asc')
        .orderBy('photos.id', 'asc')
        .limit(1)
        .executeTakeFirst(),
      base()
        .where(olderThan(at))
        .orderBy('photos.sort_at', 'desc')
        .orderBy('photos.id', 'desc')
        .limit(1)
        .executeTakeFirst(),
    ]);
    return { prevId: prev?.id ?? null, nextId: next?.id ?? null };
  }

  byId(homeId: string, id: string): Promise<Photo | undefined> {
    return this.db
      .selectFrom('photos')
      .selectAll()
      .where('home_id', '=', homeId)
      .where('id', '=', id)
      .where('purge_requested_at', 'is', null)
      .executeTakeFirst();
  }

  /**
   * A photo by id in any home `userId` is a member of right now (the download path, whose signed link names
   * the user but not the home): a removed member's link stops working at once.
   */
  byIdForMember(userId: string, id: string): Promise<Photo | undefined> {
    return this.db
      .selectFrom('photos')
      .innerJoin('home_members', (join) =>
        join.onRef('home_members.home_id', '=', 'photos.home_id').on('home_members.user_id', '=', userId),
      )
      .innerJoin('homes', 'homes.id', 'photos.home_id')
      .selectAll('photos')
      .where('photos.id', '=', id)
      .where('photos.purge_requested_at', 'is', null)
      .where('homes.deleting_at', 'is', null)
      .executeTakeFirst();
  }

  byKey(homeId: string, objectKey: string): Promise<Photo | undefined> {
    return this.db
      .selectFrom('photos')
      .selectAll()
      .where('home_id', '=', homeId)
      .where('object_key', '=', objectKey)
      .executeTakeFirst();
  }

  /** A live or trashed photo of this home with the same content, if any. */
  byEtag(homeId: string, etag: string): Promise<Photo | undefined> {
    return this.db
      .selectFrom('photos')
      .selectAll()
      .where('home_id', '=', homeId)
      .where('etag', '=', etag)
      .where('purge_requested_at', 'is', null)
      .orderBy('created_at')
      .executeTakeFirst();
  }

  /**
   * byEtag for a whole upload batch in one query: for each etag, the home's oldest live or trashed photo
   * with that content (uploads.create asked once per file before: BENCHMARKS.md, 3b).
   */
  async byEtags(homeId: string, etags: readonly string[]): Promise<Map<string, Photo>> {
    const unique = [...new Set(etags)];
    if (unique.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('photos')
      .selectAll()
      .where('home_id', '=', homeId)
      .where('etag', 'in', unique)
      .where('purge_requested_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const oldest = new Map<string, Photo>();
    for (const row of rows) if (!oldest.has(row.etag)) oldest.set(row.etag, row);
    return oldest;
  }

  byIds(homeId: string, ids: readonly string[]): Promise<Photo[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('photos')
      .selectAll()
      .where('home_id', '=', homeId)
      .where('id', 'in', [...ids])
      .where('purge_requested_at', 'is', null)
      .execute();
  }

  /** Photos kept under buckets the home has unbound (they come back when the bucket is bound again). */
  async countInUnboundBuckets(homeId: string): Promise<number> {
    const row = await this.db
      .selectFrom('photos')
      .innerJoin('storage_bindings', 'storage_bindings.id', 'photos.binding_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('photos.home_id', '=', homeId)
      .where('storage_bindings.status', '=', 'unbound')
      .where('photos.purge_requested_at', 'is', null)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Of `ids`, those in the home (and, given `uploaderId`, uploaded by them), not being purged. */
  async idsInHome(homeId: string, ids: readonly string[], uploaderId?: string): Promise<string[]> {
    if (ids.length === 0) return [];
    let q = this.db
      .selectFrom('photos')
      .select('id')
      .where('home_id', '=', homeId)
      .where('id', 'in', [...ids])
      .where('purge_requested_at', 'is', null);
    if (uploaderId) q = q.where('uploader_id', '=', uploaderId);
    const rows = await q.execute();
    return rows.map((r) => r.id);
  }

  async insert(photo: PhotosTable): Promise<void> {
    await this.db.insertInto('photos').values(photo).execute();
  }

  async trash(homeId: string, ids: readonly string[], now: string): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.db
      .updateTable('photos')
      .set({ deleted_at: now })
      .where('home_id', '=', homeId)
      .where('id', 'in', [...ids])
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async restore(homeId: string, ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.db
      .updateTable('photos')
      .set({ deleted_at: null })
      .where('home_id', '=', homeId)
      .where('id', 'in', [...ids])
      .where('deleted_at', 'is not', null)
      .where('purge_requested_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

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

  async deleteRow(id: string): Promise<void> {
    await this.db.deleteFrom('photos').where('id', '=', id).execute();
  }

  /** Operator checks (xiaojia doctor), across users: photos kept in the embedded store, not being purged. */
  allInEmbeddedStore(): Promise<Pick<Photo, 'id' | 'object_key'>[]> {
    return this.db
      .selectFrom('photos')
      .select(['id', 'object_key'])
      .where('binding_id', 'is', null)
      .where('purge_requested_at', 'is', null)
      .execute();
  }
}

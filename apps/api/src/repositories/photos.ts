/**
 * photos: every query is scoped to one home (the caller's membership is checked before, in HomeAccess). Lists use keyset pagination on (sort_at, id) so the
 * 1000th page costs what the first does (index photos_timeline). Which photos a list shows is photo-scope.ts;
 * their counts per day, photo-days.ts; the purge queue, photo-purges.ts.
 */
import { type ExpressionBuilder, sql } from 'kysely';
import { type Db, dialectOf } from '../db/index.js';
import type { Database, Photo, PhotosTable } from '../db/schema.js';
import { inScope, type Keyset, type PhotoScope } from './photo-scope.js';

export type { Keyset, PhotoScope } from './photo-scope.js';

/** Only photos with since <= sort_at < until (ISO-8601 UTC, as sort_at is stored): one month, say. */
export interface SortWindow {
  since?: string | undefined;
  until?: string | undefined;
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
  async page(scope: PhotoScope, limit: number, after?: Keyset, window: SortWindow = {}): Promise<Photo[]> {
    let q = inScope(this.db.selectFrom('photos').selectAll('photos'), scope);
    if (window.since) q = q.where('photos.sort_at', '>=', window.since);
    // The cursor and `until` are both upper bounds: only the lower one goes in, so the index range starts
    // there (SQLite seeks on one upper bound per column; given both it may start at `until` and walk down
    // to the cursor). A cursor at or past `until` leaves the window's end as the bound.
    if (after && !(window.until && window.until <= after.sortAt)) q = q.where(olderThan(after));
    else if (window.until) q = q.where('photos.sort_at', '<', window.until);
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

  /**
   * Photos by content hash for a whole upload batch in one query: for each hash, the home's oldest photo
   * with that content that `viewer` can see (live ones; trashed ones only their own, or any for whoever may
   * moderate: the trash's rule), so an answer never names a photo the caller could not open (uploads.create
   * asked once per file before: BENCHMARKS.md, 3b). A hash matches the storage's etag (checked by the
   * storage: a Qiniu qetag, an S3 MD5 ETag), or, with `claims`, the qetag a device sent for one of the
   * viewer's own uploads: a claim the server cannot check (S3) may mislead only its own uploader.
   */
  async byEtags(
    homeId: string,
    hashes: readonly string[],
    viewer: { userId: string; seesAllTrash: boolean },
    { claims }: { claims: boolean },
  ): Promise<Map<string, Photo>> {
    const unique = [...new Set(hashes)];
    if (unique.length === 0) return new Map();
    let query = this.db
      .selectFrom('photos')
      .selectAll()
      .where('home_id', '=', homeId)
      .where((eb) =>
        eb.or([
          eb('etag', 'in', unique),
          ...(claims ? [eb.and([eb('qetag', 'in', unique), eb('uploader_id', '=', viewer.userId)])] : []),
        ]),
      )
      .where('purge_requested_at', 'is', null);
    if (!viewer.seesAllTrash) {
      query = query.where((eb) => eb.or([eb('deleted_at', 'is', null), eb('uploader_id', '=', viewer.userId)]));
    }
    const rows = await query.orderBy('created_at').orderBy('id').execute();
    const wanted = new Set(unique);
    const oldest = new Map<string, Photo>();
    for (const row of rows) {
      for (const hash of claims && row.uploader_id === viewer.userId ? [row.etag, row.qetag] : [row.etag]) {
        if (hash !== null && wanted.has(hash) && !oldest.has(hash)) oldest.set(hash, row);
      }
    }
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

  /** A photo of the timeline (in the home, not trashed, not being purged): what may be liked or commented on. */
  liveById(homeId: string, id: string): Promise<Photo | undefined> {
    return inScope(this.db.selectFrom('photos').selectAll('photos'), { homeId, trashed: false })
      .where('photos.id', '=', id)
      .executeTakeFirst();
  }

  /**
   * Of `ids`, the photos of the timeline (not trashed, not being purged), in one query by primary key (the
   * feed's grids). SQLite keeps no statistics here and, offered `home_id = ?`, walked the home's whole
   * photos_day_counts index instead of looking the ids up: 6x a photos.list page (BENCHMARKS.md, "The
   * activity feed"). `+home_id` is SQLite's way to say "not through an index on this"; PostgreSQL, which
   * has statistics (and no unary + on text), gets the plain column.
   */
  liveByIds(homeId: string, ids: readonly string[]): Promise<Photo[]> {
    if (ids.length === 0) return Promise.resolve([]);
    const home = dialectOf(this.db) === 'sqlite' ? sql<string>`+photos.home_id` : sql.ref<string>('photos.home_id');
    return this.db
      .selectFrom('photos')
      .selectAll('photos')
      .where('photos.id', 'in', [...ids])
      .where(home, '=', homeId)
      .where('photos.deleted_at', 'is', null)
      .where('photos.purge_requested_at', 'is', null)
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

  /** Gives the photo this thumbhash unless it has one (a first come, never overwritten). True if it took it. */
  async adoptThumbhash(homeId: string, id: string, thumbhash: string): Promise<boolean> {
    const result = await this.db
      .updateTable('photos')
      .set({ thumbhash })
      .where('home_id', '=', homeId)
      .where('id', '=', id)
      .where('thumbhash', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
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

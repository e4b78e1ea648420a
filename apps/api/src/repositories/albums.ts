/** albums and album_photos, scoped to one home; counts and covers in one query per list. */
import type { Db } from '../db/index.js';
import type { Album } from '../db/schema.js';

export interface AlbumRow extends Album {
  photo_count: number;
  /** The explicit cover, else the newest live photo in the album. */
  cover_id: string | null;
}

export class AlbumsRepository {
  constructor(private readonly db: Db) {}

  /** Albums with their live photo count and newest live photo (correlated subqueries, one round trip). */
  private withStats(homeId: string) {
    return this.db
      .selectFrom('albums')
      .selectAll('albums')
      .select((eb) => {
        const live = () =>
          eb
            .selectFrom('album_photos')
            .innerJoin('photos', 'photos.id', 'album_photos.photo_id')
            .whereRef('album_photos.album_id', '=', 'albums.id')
            .where('photos.deleted_at', 'is', null)
            .where('photos.purge_requested_at', 'is', null);
        return [
          live()
            .select((inner) => inner.fn.countAll<number>().as('n'))
            .as('photo_count'),
          live()
            .select('photos.id')
            .orderBy('photos.sort_at', 'desc')
            .orderBy('photos.id', 'desc')
            .limit(1)
            .as('newest_id'),
        ];
      })
      .where('albums.home_id', '=', homeId);
  }

  private static finish(row: Album & { photo_count: number | string | null; newest_id: string | null }): AlbumRow {
    const { newest_id, ...album } = row;
    return { ...album, photo_count: Number(row.photo_count ?? 0), cover_id: row.cover_photo_id ?? newest_id };
  }

  /** One page, most recently changed first, strictly after `after` (keyset on updated_at, id; no OFFSET). */
  async page(homeId: string, limit: number, after?: { updatedAt: string; id: string }): Promise<AlbumRow[]> {
    let q = this.withStats(homeId);
    if (after) {
      q = q.where((eb) => eb(eb.refTuple('albums.updated_at', 'albums.id'), '<', eb.tuple(after.updatedAt, after.id)));
    }
    const rows = await q.orderBy('albums.updated_at', 'desc').orderBy('albums.id', 'desc').limit(limit).execute();
    return rows.map(AlbumsRepository.finish);
  }

  async count(homeId: string): Promise<number> {
    const row = await this.db
      .selectFrom('albums')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('home_id', '=', homeId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async byId(homeId: string, id: string): Promise<AlbumRow | undefined> {
    const row = await this.withStats(homeId).where('albums.id', '=', id).executeTakeFirst();
    return row ? AlbumsRepository.finish(row) : undefined;
  }

  async exists(homeId: string, id: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('albums')
      .select('id')
      .where('home_id', '=', homeId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row !== undefined;
  }

  async insert(album: Album): Promise<void> {
    await this.db.insertInto('albums').values(album).execute();
  }

  async rename(homeId: string, id: string, name: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('albums')
      .set({ name, updated_at: now })
      .where('home_id', '=', homeId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async setCover(homeId: string, id: string, photoId: string | null, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('albums')
      .set({ cover_photo_id: photoId, updated_at: now })
      .where('home_id', '=', homeId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async delete(homeId: string, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('albums')
      .where('home_id', '=', homeId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Add photos (already checked to be in the album's home); photos already in the album are left alone. */
  async addPhotos(albumId: string, photoIds: readonly string[], now: string): Promise<number> {
    if (photoIds.length === 0) return 0;
    const result = await this.db
      .insertInto('album_photos')
      .values(photoIds.map((photo_id) => ({ album_id: albumId, photo_id, added_at: now })))
      .onConflict((oc) => oc.columns(['album_id', 'photo_id']).doNothing())
      .executeTakeFirst();
    await this.touch(albumId, now);
    return Number(result.numInsertedOrUpdatedRows ?? 0);
  }

  async removePhotos(albumId: string, photoIds: readonly string[], now: string): Promise<number> {
    if (photoIds.length === 0) return 0;
    const result = await this.db
      .deleteFrom('album_photos')
      .where('album_id', '=', albumId)
      .where('photo_id', 'in', [...photoIds])
      .executeTakeFirst();
    // A removed photo cannot stay the cover.
    await this.db
      .updateTable('albums')
      .set({ cover_photo_id: null })
      .where('id', '=', albumId)
      .where('cover_photo_id', 'in', [...photoIds])
      .execute();
    await this.touch(albumId, now);
    return Number(result.numDeletedRows);
  }

  async albumIdsOfPhoto(homeId: string, photoId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('album_photos')
      .innerJoin('albums', 'albums.id', 'album_photos.album_id')
      .select('albums.id')
      .where('albums.home_id', '=', homeId)
      .where('album_photos.photo_id', '=', photoId)
      .orderBy('albums.name')
      .execute();
    return rows.map((r) => r.id);
  }

  private async touch(albumId: string, now: string): Promise<void> {
    await this.db.updateTable('albums').set({ updated_at: now }).where('id', '=', albumId).execute();
  }
}

/**
 * What a home's export reads: its live photos with their uploaders' names, its albums, and its children's
 * records. Scoped by home.
 */
import type { Db } from '../db/index.js';
import type { Album, GrowthRecord, Milestone, Photo } from '../db/schema.js';
import { ChildRecords } from './child-records.js';
import type { Keyset } from './photos.js';

export interface ExportPhotoRow extends Photo {
  /** '' for a deleted account (UsersRepository.anonymise). */
  uploader_name: string;
}

export class ExportsRepository {
  constructor(private readonly db: Db) {}

  /** One page of the home's live photos (not trashed, not being purged), oldest first (keyset on sort_at, id). */
  photosPage(homeId: string, limit: number, after?: Keyset): Promise<ExportPhotoRow[]> {
    let q = this.db
      .selectFrom('photos')
      .innerJoin('users', 'users.id', 'photos.uploader_id')
      .selectAll('photos')
      .select('users.display_name as uploader_name')
      .where('photos.home_id', '=', homeId)
      .where('photos.deleted_at', 'is', null)
      .where('photos.purge_requested_at', 'is', null);
    if (after)
      q = q.where((eb) => eb(eb.refTuple('photos.sort_at', 'photos.id'), '>', eb.tuple(after.sortAt, after.id)));
    return q.orderBy('photos.sort_at').orderBy('photos.id').limit(limit).execute();
  }

  /** The home's albums (at most ALBUM_LIMIT), oldest first. */
  albums(homeId: string): Promise<Album[]> {
    return this.db.selectFrom('albums').selectAll().where('home_id', '=', homeId).orderBy('created_at').execute();
  }

  /** Which live photo is in which of the home's albums, in the order they were added. */
  albumPhotos(homeId: string): Promise<{ album_id: string; photo_id: string }[]> {
    return this.db
      .selectFrom('album_photos')
      .innerJoin('albums', 'albums.id', 'album_photos.album_id')
      .innerJoin('photos', 'photos.id', 'album_photos.photo_id')
      .select(['album_photos.album_id', 'album_photos.photo_id'])
      .where('albums.home_id', '=', homeId)
      .where('photos.deleted_at', 'is', null)
      .where('photos.purge_requested_at', 'is', null)
      .orderBy('album_photos.album_id')
      .orderBy('album_photos.added_at')
      .orderBy('album_photos.photo_id')
      .execute();
  }

  /** These children's milestones, each child's in date order. */
  milestones(homeId: string, childIds: readonly string[]): Promise<Milestone[]> {
    return new ChildRecords(this.db, 'milestones').ofChildren(homeId, childIds);
  }

  /** These children's growth records, each child's oldest first. */
  growth(homeId: string, childIds: readonly string[]): Promise<GrowthRecord[]> {
    return new ChildRecords(this.db, 'growth_records').ofChildren(homeId, childIds);
  }
}

/**
 * Which photos a list shows (the timeline, the trash, one album, one uploader's), shared by every query
 * that must agree with the timeline: its pages, the viewer's neighbours, and the day counts of
 * photos.buckets. Always one home's, never photos being purged.
 */
import type { SelectQueryBuilder } from 'kysely';
import type { Database } from '../db/schema.js';

export interface PhotoScope {
  homeId: string;
  trashed: boolean;
  albumId?: string | undefined;
  /** Only the photos this member uploaded ("只看我上传的"; a member's own trash). */
  uploaderId?: string | undefined;
}

/** A position in the newest-first order: sort_at, ties broken by id. */
export interface Keyset {
  sortAt: string;
  id: string;
}

export function inScope<O>(
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

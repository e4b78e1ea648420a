import { z } from 'zod';
import { MAX_BATCH, zId, zPage, zPageInput } from './common.js';

export const zAlbumName = z.string().trim().min(1, 'The album needs a name').max(60);

export const zAlbum = z.object({
  id: zId,
  name: z.string(),
  photoCount: z.number().int().nonnegative(),
  /** The chosen cover, else the newest photo in the album (null when it has none). */
  coverPhotoId: zId.nullable(),
  coverThumbUrl: z.string().nullable(),
  /** Someone chose the cover (albums.setCover); false while the newest photo stands in. */
  coverChosen: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Album = z.infer<typeof zAlbum>;
/** albums.list pages: most recently changed first. */
export const ALBUM_PAGE_MAX = 100;
/** How many albums one home may have; also bounds a photo's album ids in photos.get. */
export const ALBUMS_PER_HOME_MAX = 1000;
export const zListAlbumsInput = zPageInput(ALBUM_PAGE_MAX, 50);
export type ListAlbumsInput = z.input<typeof zListAlbumsInput>;
export const zAlbumList = zPage(zAlbum, ALBUM_PAGE_MAX);
export type AlbumList = z.infer<typeof zAlbumList>;

export const zCreateAlbumInput = z.object({ name: zAlbumName });
export const zRenameAlbumInput = z.object({ id: zId, name: zAlbumName });
export const zAlbumIdInput = z.object({ id: zId });
export const zAlbumPhotosInput = z.object({
  albumId: zId,
  photoIds: z.array(zId).min(1).max(MAX_BATCH),
});
export type AlbumPhotosInput = z.infer<typeof zAlbumPhotosInput>;
export const zSetCoverInput = z.object({ albumId: zId, photoId: zId.nullable() });

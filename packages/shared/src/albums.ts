import { z } from 'zod';
import { MAX_BATCH, zId } from './common.js';

export const zAlbumName = z.string().trim().min(1, 'The album needs a name').max(60);

export const zAlbum = z.object({
  id: zId,
  name: z.string(),
  photoCount: z.number().int().nonnegative(),
  coverPhotoId: zId.nullable(),
  coverThumbUrl: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Album = z.infer<typeof zAlbum>;
export const zAlbumList = z.object({ items: z.array(zAlbum) });

export const zCreateAlbumInput = z.object({ name: zAlbumName });
export const zRenameAlbumInput = z.object({ id: zId, name: zAlbumName });
export const zAlbumIdInput = z.object({ id: zId });
export const zAlbumPhotosInput = z.object({
  albumId: zId,
  photoIds: z.array(zId).min(1).max(MAX_BATCH),
});
export type AlbumPhotosInput = z.infer<typeof zAlbumPhotosInput>;
export const zSetCoverInput = z.object({ albumId: zId, photoId: zId.nullable() });

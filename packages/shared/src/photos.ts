import { z } from 'zod';
import { ALBUMS_PER_HOME_MAX } from './albums.js';
import { zCount, zId } from './common.js';

/** Trashed photos are purged automatically after this many days. */
export const TRASH_RETENTION_DAYS = 30;
export const PHOTO_PAGE_MAX = 200;

export const zPhoto = z.object({
  id: zId,
  filename: z.string(),
  mime: z.string(),
  size: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  takenAt: z.string().nullable(),
  createdAt: z.string(),
  /** takenAt ?? createdAt: what the timeline groups and orders by. */
  sortAt: z.string(),
  deletedAt: z.string().nullable(),
  /** The member who uploaded it (names come from homes.members; the viewer's info has uploaderName). */
  uploaderId: zId,
  /** Signed, short-lived thumbnail URL; null when the photo's bucket is no longer bound. */
  thumbUrl: z.string().nullable(),
  /** ok, or unbound: the bucket holding it is not bound any more (bind it again to see it). */
  availability: z.enum(['ok', 'unbound']),
});
export type Photo = z.infer<typeof zPhoto>;

export const zListPhotosInput = z.object({
  /** Opaque cursor from the previous page. */
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(PHOTO_PAGE_MAX).default(60),
  albumId: zId.optional(),
  /** true: the trash instead of the timeline. */
  trashed: z.boolean().default(false),
  /** Only the photos the caller uploaded ("只看我上传的"). */
  onlyMine: z.boolean().default(false),
});
export type ListPhotosInput = z.input<typeof zListPhotosInput>;

export const zPhotoPage = z.object({
  items: z.array(zPhoto),
  nextCursor: z.string().nullable(),
});
export type PhotoPage = z.infer<typeof zPhotoPage>;

export const zGetPhotoInput = z.object({
  id: zId,
  /** Neighbours are taken within this album (or the trash) instead of the timeline. */
  albumId: zId.optional(),
  trashed: z.boolean().default(false),
});
export type GetPhotoInput = z.input<typeof zGetPhotoInput>;

export const zPhotoDetail = z.object({
  photo: zPhoto,
  /** Display name of the member who uploaded it ("妈妈 上传"). */
  uploaderName: z.string(),
  /** Large variant for the full-screen viewer (fits 2048 px). */
  previewUrl: z.string().nullable(),
  originalUrl: z.string().nullable(),
  /** Path on the API's own origin that streams the original (WeChat save-to-album). */
  downloadPath: z.string(),
  prevId: zId.nullable(),
  nextId: zId.nullable(),
  albumIds: z.array(zId).max(ALBUMS_PER_HOME_MAX),
  urlsExpireAt: z.string(),
});
export type PhotoDetail = z.infer<typeof zPhotoDetail>;

/** photos.purge: how many went for good, and how many the storage has yet to delete (retried shortly). */
export const zPurgeResult = zCount.extend({ pending: z.number().int().nonnegative() });
export type PurgeResult = z.infer<typeof zPurgeResult>;

import { z } from 'zod';
import { ALBUMS_PER_HOME_MAX } from './albums.js';
import { zCount, zId, zIsoTime } from './common.js';

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
  /**
   * ThumbHash (base64) the device made at upload: the grid paints it while the thumbnail loads. Null for
   * photos uploaded without one.
   */
  thumbhash: z.string().nullable(),
  /**
   * Videos (mime video/*): their length in milliseconds, or null when unknown (no probe, e.g. a server
   * without ffmpeg and a device that did not say). Always null for photos. thumbUrl and previewUrl are
   * then poster frames; originalUrl plays it.
   */
  durationMs: z.number().int().nullable(),
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
  /** Only photos whose sortAt is before this instant (exclusive): a month's end, for the date scrubber. */
  until: zIsoTime.optional(),
  /** Only photos whose sortAt is at or after this instant (inclusive): a month's start. */
  since: zIsoTime.optional(),
});
export type ListPhotosInput = z.input<typeof zListPhotosInput>;

export const zPhotoPage = z.object({
  items: z.array(zPhoto),
  nextCursor: z.string().nullable(),
  /** When the page's signed thumbnail URLs stop working: the client fetches the page again before then. */
  urlsExpireAt: z.string(),
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

/** Largest |UTC offset| of a time zone, in minutes (UTC+14:00). */
export const UTC_OFFSET_MAX_MINUTES = 14 * 60;

export const zPhotoBucketsInput = z.object({
  albumId: zId.optional(),
  onlyMine: z.boolean().default(false),
  /**
   * The device's offset from UTC in minutes (UTC+8 is 480; the opposite sign of JS getTimezoneOffset):
   * photos are counted by their local calendar day, as the grid's day headers show them.
   */
  utcOffsetMinutes: z.number().int().min(-UTC_OFFSET_MAX_MINUTES).max(UTC_OFFSET_MAX_MINUTES),
});
export type PhotoBucketsInput = z.input<typeof zPhotoBucketsInput>;

/** One month of the library: how many photos, and on which days ([day of month, count], newest first). */
export const zPhotoBucket = z.object({
  /** YYYY-MM, local to the offset asked for. */
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  count: z.number().int().positive(),
  days: z
    .array(z.tuple([z.number().int().min(1).max(31), z.number().int().positive()]))
    .min(1)
    .max(31),
});
export type PhotoBucket = z.infer<typeof zPhotoBucket>;

/**
 * The date scrubber's map of the whole library in one answer, newest month first: enough to size every
 * month of the timeline before its photos load and to jump to any of them (list with since/until).
 */
export const zPhotoBuckets = z.object({
  months: z.array(zPhotoBucket),
  total: z.number().int().nonnegative(),
});
export type PhotoBuckets = z.infer<typeof zPhotoBuckets>;

/** photos.purge: how many went for good, and how many the storage has yet to delete (retried shortly). */
export const zPurgeResult = zCount.extend({ pending: z.number().int().nonnegative() });
export type PurgeResult = z.infer<typeof zPurgeResult>;

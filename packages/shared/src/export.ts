/**
 * A home's export: every original and a metadata.json in one tar, streamed by the server from a
 * short-lived signed link (`exports.create` makes it; GET on the API's own origin downloads it).
 */
import { z } from 'zod';
import { zChildSex, zMilestoneKind } from './children.js';
import { zId } from './common.js';

/** How long an export link may wait before it is opened; once started, the download takes as long as it needs. */
export const EXPORT_LINK_SECONDS = 10 * 60;

export const zExportLink = z.object({
  /** `/api/homes/<id>/export?u=&e=&s=` on the API's origin. */
  path: z.string(),
  expiresAt: z.string(),
  /** A file name to save it under, e.g. "小家 2026-12-01.tar". */
  filename: z.string(),
  /** The archive's exact size in bytes (its Content-Length), and how many photos it holds. */
  size: z.number().int().nonnegative(),
  photoCount: z.number().int().nonnegative(),
});
export type ExportLink = z.infer<typeof zExportLink>;

/** metadata.json inside the archive: one line of facts per photo, the albums, and the children's records. */
export const zExportMetadata = z.object({
  home: z.object({ id: zId, name: z.string() }),
  exportedAt: z.string(),
  photos: z.array(
    z.object({
      /** Its path inside the archive; null when its bucket is unbound and the bytes could not be read. */
      path: z.string().nullable(),
      id: zId,
      filename: z.string(),
      mime: z.string(),
      size: z.number().int().nonnegative(),
      width: z.number().int().nullable(),
      height: z.number().int().nullable(),
      takenAt: z.string().nullable(),
      uploadedAt: z.string(),
      /** Null for a deleted account. */
      uploader: z.string().nullable(),
    }),
  ),
  albums: z.array(z.object({ id: zId, name: z.string(), createdAt: z.string(), photoIds: z.array(zId) })),
  /**
   * The children's profiles with their milestones (date order) and growth records (oldest first). A photo
   * id (avatar, milestone) is one of `photos` above, or null when that photo is not in the archive.
   */
  children: z.array(
    z.object({
      id: zId,
      name: z.string(),
      birthday: z.string(),
      sex: zChildSex.nullable(),
      avatarPhotoId: zId.nullable(),
      createdAt: z.string(),
      milestones: z.array(
        z.object({
          id: zId,
          kind: zMilestoneKind,
          title: z.string().nullable(),
          date: z.string(),
          photoId: zId.nullable(),
          createdAt: z.string(),
        }),
      ),
      growth: z.array(
        z.object({
          id: zId,
          date: z.string(),
          heightCm: z.number().nullable(),
          weightKg: z.number().nullable(),
          headCm: z.number().nullable(),
          createdAt: z.string(),
        }),
      ),
    }),
  ),
});
export type ExportMetadata = z.infer<typeof zExportMetadata>;

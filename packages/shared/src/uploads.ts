import { z } from 'zod';
import { zId, zIsoTime } from './common.js';
import { zPhoto } from './photos.js';

/** Largest file a client may ask to upload (the server's own cap may be lower). */
export const MAX_UPLOAD_BYTES = 4 * 1024 * 1024 * 1024;
export const MAX_UPLOAD_BATCH = 50;
/** Types the album accepts; the storage refuses anything else (mimeLimit). */
export const ACCEPTED_IMAGE_MIME = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'image/heif',
  'image/gif',
] as const;
/** Videos: MP4 and QuickTime containers (H.264 or HEVC inside), as phones record them. */
export const ACCEPTED_VIDEO_MIME = ['video/mp4', 'video/quicktime'] as const;
export const ACCEPTED_MIME = [...ACCEPTED_IMAGE_MIME, ...ACCEPTED_VIDEO_MIME] as const;
export const zAcceptedMime = z.enum(ACCEPTED_MIME, {
  message: 'Only JPEG, PNG, WebP, HEIC and GIF photos and MP4 or QuickTime videos are accepted',
});
export function isVideoMime(mime: string): boolean {
  return (ACCEPTED_VIDEO_MIME as readonly string[]).includes(mime);
}

/** Longest video the album records facts for (a day); longer answers from a probe are treated as unknown. */
export const MAX_VIDEO_DURATION_MS = 24 * 60 * 60 * 1000;

/**
 * Files of at least this size go by resumable multipart upload (photos included): a lost part is sent
 * again, not the whole file, and an upload cut by a closed app resumes from the parts already stored.
 */
export const MULTIPART_THRESHOLD_BYTES = 8 * 1024 * 1024;
/** Part sizes the server hands out (Qiniu v2 allows 1 MiB to 1 GiB; S3 at least 5 MiB but the last). */
export const MULTIPART_PART_MIN_BYTES = 5 * 1024 * 1024;
export const MULTIPART_PART_MAX_BYTES = 64 * 1024 * 1024;
/** Parts of one file the app sends at once (the bench's resumable upload sends as many). */
export const MULTIPART_PARALLEL_PARTS = 3;
/** Qiniu v2 and S3 both allow at most 10,000 parts. */
export const MULTIPART_PARTS_MAX = 10_000;
/** Part URLs one uploads.signParts call may ask for. */
export const SIGN_PARTS_BATCH_MAX = 100;

/** Qiniu's qetag: "Fo…" / "lo…" base64url of a 21-byte digest (28 chars). */
export const zQetag = z.string().regex(/^[A-Za-z0-9_-]{28}$/, 'Invalid content hash');

/** A ThumbHash is at most 25 bytes: base64 of 8 to 36 characters (padding included). */
export const zThumbhash = z.string().regex(/^(?=.{8,36}$)[A-Za-z0-9+/]+={0,2}$/, 'Invalid thumbhash');

export const zUploadRequest = z.object({
  filename: z.string().trim().min(1).max(255),
  size: z.number().int().positive().max(MAX_UPLOAD_BYTES),
  mime: zAcceptedMime,
  /** Content hash computed on the device, to skip uploading a photo the user already has. */
  qetag: zQetag.optional(),
});
export type UploadRequest = z.infer<typeof zUploadRequest>;

export const zCreateUploadsInput = z.object({
  files: z.array(zUploadRequest).min(1).max(MAX_UPLOAD_BATCH),
});
export type CreateUploadsInput = z.infer<typeof zCreateUploadsInput>;

/**
 * How a large file goes in parts. The file is cut into `partBytes` pieces (the last one shorter), numbered
 * from 1. Finished parts may be kept on the device (with the key and uploadId) to resume after a restart.
 */
export const zMultipartPlan = z.discriminatedUnion('protocol', [
  z.object({
    /**
     * Qiniu's resumable upload v2 (the embedded store speaks it too), straight to storage with the upload
     * token: POST `<uploadUrl>/buckets/<bucket>/objects/<base64url(key)>/uploads` → { uploadId, expireAt };
     * PUT `…/uploads/<uploadId>/<partNumber>` with the bytes → { etag, md5 }; POST `…/uploads/<uploadId>`
     * with { parts: [{ partNumber, etag }], fname, mimeType } completes; DELETE `…/uploads/<uploadId>` aborts.
     * Every request carries `Authorization: UpToken <token>`.
     */
    protocol: z.literal('qiniu-v2'),
    uploadUrl: z.string(),
    bucket: z.string(),
    token: z.string(),
    partBytes: z.number().int().positive(),
  }),
  z.object({
    /**
     * S3 multipart: the server has created the upload; the client asks uploads.signParts for presigned PUT
     * URLs of its parts (each answers an ETag header), then uploads.completeParts with the ETags.
     */
    protocol: z.literal('s3'),
    uploadId: z.string().min(1).max(1024),
    partBytes: z.number().int().positive(),
  }),
]);
export type MultipartPlan = z.infer<typeof zMultipartPlan>;

/** Image variants the client shows: a grid thumbnail (fits 480 px) and the viewer's preview (fits 2048 px). */
export const IMAGE_VARIANTS = ['thumb', 'preview'] as const;
export const zImageVariant = z.enum(IMAGE_VARIANTS);
export type ImageVariantName = z.infer<typeof zImageVariant>;

/**
 * A bucket without image processing (R2, MinIO, AWS, custom S3) cannot make thumbnails: the client makes a
 * JPEG of the photo (a video's poster frame) fitting `maxSide`, never enlarged, and stores it with this grant
 * beside the original before confirming. Without it the album falls back to the original.
 */
export const zDerivativeGrant = z.object({
  variant: zImageVariant,
  key: z.string(),
  maxSide: z.number().int().positive(),
  maxBytes: z.number().int().positive(),
  method: z.enum(['POST', 'PUT']),
  uploadUrl: z.string(),
  fields: z.record(z.string(), z.string()),
  headers: z.record(z.string(), z.string()).optional(),
});
export type DerivativeGrant = z.infer<typeof zDerivativeGrant>;

export const zUploadTicket = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('upload'),
    key: z.string(),
    /**
     * POST (the default, and every Qiniu grant): a multipart form to `uploadUrl`, the fields below first,
     * then `file`. PUT (S3 buckets without POST policies): the bytes as the body of a PUT to `uploadUrl`,
     * with exactly `headers` (they are signed: content type, length and the no-overwrite guard).
     */
    method: z.enum(['POST', 'PUT']).optional(),
    uploadUrl: z.string(),
    /** Qiniu: { token, key }; an S3 POST policy: key, Content-Type, policy and its x-amz-* signature. */
    fields: z.record(z.string(), z.string()),
    headers: z.record(z.string(), z.string()).optional(),
    expiresAt: z.string(),
    /** Present for files of at least MULTIPART_THRESHOLD_BYTES: send them in parts instead of one request. */
    multipart: zMultipartPlan.optional(),
    /** Present when the bucket cannot make thumbnails itself: the client makes and stores these. */
    derivatives: z.array(zDerivativeGrant).max(IMAGE_VARIANTS.length).optional(),
  }),
  z.object({
    kind: z.literal('duplicate'),
    /** The photo the user already has with the same content. */
    photoId: zId,
  }),
]);
export type UploadTicket = z.infer<typeof zUploadTicket>;
export const zUploadTickets = z.object({ tickets: z.array(zUploadTicket) });
export type UploadTickets = z.infer<typeof zUploadTickets>;

export const zConfirmUploadInput = z.object({
  key: z.string().min(1).max(300),
  /** Facts the device read from the file (EXIF); used for layout and ordering only. */
  width: z.number().int().positive().max(100_000).optional(),
  height: z.number().int().positive().max(100_000).optional(),
  takenAt: zIsoTime.optional(),
  /** ThumbHash of the photo made on the device (base64 of at most 25 bytes): the grid's placeholder. */
  thumbhash: zThumbhash.optional(),
  /** A video's length as the device read it; the server's own probe wins where it has one. */
  durationMs: z.number().int().positive().max(MAX_VIDEO_DURATION_MS).optional(),
  /** The derivative grants of the ticket the client used (the server checks each object is there). */
  derivatives: z.array(zImageVariant).max(IMAGE_VARIANTS.length).optional(),
});
export type ConfirmUploadInput = z.infer<typeof zConfirmUploadInput>;

export const zConfirmUploadResult = z.object({
  photo: zPhoto,
  /** true: the user already had this content; the new upload was discarded and `photo` is the old one. */
  duplicate: z.boolean(),
});
export type ConfirmUploadResult = z.infer<typeof zConfirmUploadResult>;

/** S3 multipart: presigned PUT URLs for some parts of an upload the ticket started. */
export const zSignPartsInput = z.object({
  key: z.string().min(1).max(300),
  uploadId: z.string().min(1).max(1024),
  partNumbers: z.array(z.number().int().min(1).max(MULTIPART_PARTS_MAX)).min(1).max(SIGN_PARTS_BATCH_MAX),
});
export type SignPartsInput = z.infer<typeof zSignPartsInput>;

export const zSignedParts = z.object({
  parts: z.array(
    z.object({
      partNumber: z.number().int(),
      url: z.string(),
      /** Headers the PUT must send exactly (signed). */
      headers: z.record(z.string(), z.string()).optional(),
    }),
  ),
  expiresAt: z.string(),
});
export type SignedParts = z.infer<typeof zSignedParts>;

export const zCompletePartsInput = z.object({
  key: z.string().min(1).max(300),
  uploadId: z.string().min(1).max(1024),
  parts: z
    .array(z.object({ partNumber: z.number().int().min(1).max(MULTIPART_PARTS_MAX), etag: z.string().min(1).max(200) }))
    .min(1)
    .max(MULTIPART_PARTS_MAX),
});
export type CompletePartsInput = z.infer<typeof zCompletePartsInput>;

/**
 * S3 multipart, after a reopen: the parts the bucket already holds (ListParts, signed by the server), so the
 * device re-sends only what is missing and completes with the bucket's etags rather than its own records.
 */
export const zListPartsInput = z.object({
  key: z.string().min(1).max(300),
  uploadId: z.string().min(1).max(1024),
});
export const zListedParts = z.object({
  parts: z
    .array(z.object({ partNumber: z.number().int().min(1), etag: z.string(), size: z.number().int().nonnegative() }))
    .max(MULTIPART_PARTS_MAX),
});
export type ListedParts = z.infer<typeof zListedParts>;

/** Give up an unfinished multipart upload (S3: abort it; Qiniu v2: the client DELETEs itself). */
export const zAbortPartsInput = z.object({
  key: z.string().min(1).max(300),
  uploadId: z.string().min(1).max(1024),
});
export type AbortPartsInput = z.infer<typeof zAbortPartsInput>;

import { z } from 'zod';
import { zId, zIsoTime } from './common.js';
import { zPhoto } from './photos.js';

/** Largest file a client may ask to upload (the server's own cap may be lower). */
export const MAX_UPLOAD_BYTES = 4 * 1024 * 1024 * 1024;
export const MAX_UPLOAD_BATCH = 50;
/** Types the album accepts; the storage refuses anything else (mimeLimit). */
export const ACCEPTED_MIME = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'image/heif',
  'image/gif',
] as const;
export const zAcceptedMime = z.enum(ACCEPTED_MIME, {
  message: 'Only JPEG, PNG, WebP, HEIC and GIF photos are accepted',
});

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
});
export type ConfirmUploadInput = z.infer<typeof zConfirmUploadInput>;

export const zConfirmUploadResult = z.object({
  photo: zPhoto,
  /** true: the user already had this content; the new upload was discarded and `photo` is the old one. */
  duplicate: z.boolean(),
});
export type ConfirmUploadResult = z.infer<typeof zConfirmUploadResult>;

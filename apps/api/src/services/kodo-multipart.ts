/**
 * The multipart plan of an upload ticket for a Kodo-protocol bucket (a user's Qiniu bucket, the embedded
 * store): Qiniu's resumable upload v2, straight to the upload host with the ticket's own upload token —
 * Kodo takes the same upToken (scope bucket:key, insertOnly, fsizeLimit, mimeLimit, returnBody) for the
 * form upload and for every v2 request, so the token the ticket already carries is the plan's token.
 */
import {
  MULTIPART_PART_MAX_BYTES,
  MULTIPART_PART_MIN_BYTES,
  MULTIPART_PARTS_MAX,
  MULTIPART_THRESHOLD_BYTES,
  type MultipartPlan,
} from '@xiaojia/shared';
import type { StorageProvider, UploadGrant } from '../storage/provider.js';

const MiB = 1024 * 1024;
/** Parts of 8 MiB: two qetag blocks each, few enough requests, little to resend when one is lost. */
const DEFAULT_PART_BYTES = 8 * MiB;

/**
 * A resumable upload may take long (a 4 GiB video on a weak 3G link is hours) and is meant to survive the
 * app being closed and reopened, so its token lives longer than a form upload's 15 minutes: as long as the
 * file takes at 32 KiB/s, at least 2 hours, never more than a day. The token still names one key,
 * insertOnly and size-limited, so a longer life lets its holder do nothing but finish that one upload.
 */
const SLOW_LINK_BYTES_PER_SECOND = 32 * 1024;
const MIN_GRANT_MS = 2 * 60 * 60 * 1000;
const MAX_GRANT_MS = 24 * 60 * 60 * 1000;

/** Whether a file goes by Kodo's resumable upload: a Kodo-protocol bucket and a large file. */
export function usesKodoMultipart(provider: StorageProvider, size: number): boolean {
  return (provider.kind === 'embedded' || provider.kind === 'qiniu') && size >= MULTIPART_THRESHOLD_BYTES;
}

export function kodoMultipartExpiry(now: Date, size: number): Date {
  const ms = Math.min(MAX_GRANT_MS, Math.max(MIN_GRANT_MS, (size / SLOW_LINK_BYTES_PER_SECOND) * 1000));
  return new Date(now.getTime() + ms);
}

/** 8 MiB, or whole MiB big enough that the file fits in 10,000 parts, within the contract's bounds. */
export function kodoPartBytes(size: number): number {
  const needed = Math.ceil(size / MULTIPART_PARTS_MAX / MiB) * MiB;
  return Math.min(MULTIPART_PART_MAX_BYTES, Math.max(MULTIPART_PART_MIN_BYTES, DEFAULT_PART_BYTES, needed));
}

export function kodoMultipartPlan(provider: StorageProvider, grant: UploadGrant, size: number): MultipartPlan {
  const token = grant.fields.token;
  if (!token) throw new Error('a Kodo upload grant carries its token in fields.token');
  return {
    protocol: 'qiniu-v2',
    uploadUrl: grant.uploadUrl,
    bucket: provider.bucket,
    token,
    partBytes: kodoPartBytes(size),
  };
}

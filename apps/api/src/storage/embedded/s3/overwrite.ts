/**
 * How a write to the S3 peer asks not to replace an object already at its key, each as its provider
 * documents it:
 * - `If-None-Match: *` (AWS S3, R2, MinIO) on PutObject and CompleteMultipartUpload: 412 PreconditionFailed.
 * - Tencent COS's `x-cos-forbid-overwrite: true` on PUT Object and Complete Multipart Upload (for buckets
 *   that never had versioning): 409 FileAlreadyExists. COS's POST Object documents no such field and
 *   overwrites, so a form gets no COS guard.
 * - Aliyun OSS's `x-oss-forbid-overwrite: true` on PutObject and CompleteMultipartUpload, and as a
 *   PostObject form field: 409 FileAlreadyExists (help.aliyun.com 0026-00000201, 0042-00000214); a value
 *   other than true or false is refused, 400 InvalidArgument (0017-00000279).
 * The peer stands in for all of them at once, so it honours every one of these.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { S3PeerError } from './auth.js';

/** What a write asked for: refuse an existing key, and how that refusal is answered. */
export type NoOverwrite = 'ifNoneMatch' | 'forbidOverwrite' | null;

const FORBID_HEADERS = ['x-cos-forbid-overwrite', 'x-oss-forbid-overwrite'] as const;
/** The one forbid-overwrite form field a POST may carry (OSS; COS documents none). */
const FORBID_FIELD = 'x-oss-forbid-overwrite';

/** true / false as COS and OSS read it (any case); anything else is refused. Absent: false. */
function forbids(name: string, value: string | string[] | undefined): boolean {
  if (value === undefined) return false;
  const text = (Array.isArray(value) ? value.join(',') : value).trim().toLowerCase();
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw new S3PeerError(400, 'InvalidArgument', `The value of ${name} must be true or false.`);
}

/** The guard a PUT or a CompleteMultipartUpload asked for by its headers. */
export function noOverwriteOfHeaders(headers: IncomingHttpHeaders): NoOverwrite {
  // Every header is read, so a malformed one is refused even beside a valid one.
  const forbidden = FORBID_HEADERS.map((name) => forbids(name, headers[name])).some(Boolean);
  if (forbidden) return 'forbidOverwrite';
  return headers['if-none-match'] === '*' ? 'ifNoneMatch' : null;
}

/** The guard a POST policy form asked for by its fields (names lower-cased). */
export function noOverwriteOfForm(fields: ReadonlyMap<string, string>): NoOverwrite {
  return forbids(FORBID_FIELD, fields.get(FORBID_FIELD)) ? 'forbidOverwrite' : null;
}

/** The refusal of a write whose key exists, as the provider whose guard it used answers it. */
export function refuseOverwrite(guard: Exclude<NoOverwrite, null>): S3PeerError {
  return guard === 'forbidOverwrite'
    ? new S3PeerError(409, 'FileAlreadyExists', 'The object already exists and can not be overwritten.')
    : new S3PeerError(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold');
}

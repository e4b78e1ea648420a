/**
 * AWS SDK errors -> the reasons the binding screen explains. S3 names its refusals in the error body's
 * Code (the SDK's error name); HEAD answers have no body, so only their status is known.
 * Codes: docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html.
 */
import { StorageError, type StorageFailure } from '../provider.js';

interface SdkError {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

const BY_CODE: Record<string, StorageFailure> = {
  InvalidAccessKeyId: 'bad_keys',
  SignatureDoesNotMatch: 'bad_keys',
  AccessDenied: 'bad_keys',
  InvalidToken: 'bad_keys',
  NoSuchBucket: 'no_such_bucket',
  NoSuchKey: 'not_found',
  NotFound: 'not_found',
  RequestTimeTooSkewed: 'clock_skew',
  AuthorizationHeaderMalformed: 'wrong_region',
  PermanentRedirect: 'wrong_region',
  MovedPermanently: 'wrong_region',
  IllegalLocationConstraintException: 'wrong_region',
  NoSuchCORSConfiguration: 'cors_missing',
  // Multipart: the upload is gone (completed or aborted), or the parts listed do not fit it.
  NoSuchUpload: 'not_found',
  InvalidPart: 'refused',
  InvalidPartOrder: 'refused',
  EntityTooSmall: 'refused',
  EntityTooLarge: 'refused',
  PreconditionFailed: 'refused',
};

const WHY: Record<StorageFailure, string> = {
  bad_keys: 'The access key or secret key is wrong, or not allowed',
  no_such_bucket: 'No such bucket',
  wrong_region: 'The bucket is in another region, or the endpoint is wrong',
  domain_invalid: 'The domain does not serve this bucket',
  unreachable: 'Storage could not be reached',
  clock_skew: "This server's clock is too far off the storage's",
  cors_missing: "The bucket's CORS rules are missing",
  not_found: 'No such object',
  refused: 'Storage refused',
};

/** The `what` of HeadBucket. */
export const CHECK_BUCKET = 'check the bucket';

/** Connection-level failures: no HTTP answer at all. */
const NETWORK = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|TimeoutError|socket hang up/i;

export function s3Failure(error: unknown, what: string): StorageError {
  const e = (error ?? {}) as SdkError;
  const status = e.$metadata?.httpStatusCode;
  const name = e.name ?? '';
  // HeadBucket's 404 has no body: the SDK names it NotFound, and the thing not found is the bucket.
  let reason: StorageFailure | undefined =
    status === 404 && what === CHECK_BUCKET && !BY_CODE[name]?.startsWith('no_such') ? 'no_such_bucket' : BY_CODE[name];
  if (!reason && status === undefined && NETWORK.test(`${e.code ?? ''} ${name} ${e.message ?? ''}`))
    reason = 'unreachable';
  if (!reason && status === 404) reason = 'not_found';
  if (!reason && (status === 301 || status === 400)) reason = 'wrong_region';
  if (!reason && status === 403) reason = 'bad_keys';
  if (!reason && status === undefined) reason = 'unreachable';
  reason ??= 'refused';
  // The storage's own message helps ("the region 'x' is wrong; expecting 'y'"); it never holds the secret.
  const detail = e.message && e.message !== name && e.message !== 'UnknownError' ? `: ${e.message}` : '';
  return new StorageError(reason, `${WHY[reason]} (${what}${status ? `, HTTP ${status}` : ''})${detail}`, status);
}

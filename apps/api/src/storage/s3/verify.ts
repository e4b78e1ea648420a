/**
 * Binding verification of an S3 bucket with real calls (design.md "More providers"): HeadBucket, then a
 * probe object put, headed and deleted (the keys may write and delete, and the clock agrees), then the
 * bucket's CORS rules checked against the H5 app's origin for the upload method the grants use. A storage
 * that does not implement GetBucketCors (MinIO before its bucket CORS API: 501 NotImplemented; MinIO sets
 * CORS server-wide, MINIO_API_CORS_ALLOW_ORIGIN, "*" by default) does not fail the binding: the answer
 * says that CORS could not be checked (a code, corsUnchecked) and where to set it.
 */
import {
  type CORSRule,
  DeleteObjectCommand,
  GetBucketCorsCommand,
  type GetBucketCorsCommandOutput,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { StorageUnchecked } from '@xiaojia/shared';
import { StorageError } from '../provider.js';
import { CHECK_BUCKET, s3Failure } from './failures.js';
import type { S3Storage } from './storage.js';

/** Where the probe goes: outside every home's prefix (h/<home>/…), so it can never shadow a photo. */
export const PROBE_KEY = 'xiaojia-probe/verify.txt';
const PROBE = Buffer.from('xiaojia binding check\n');
/** S3 refuses requests more than 15 minutes off; warn well before, as signed URLs live for an hour. */
const MAX_SKEW_MS = 5 * 60 * 1000;

async function step<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw s3Failure(error, what);
  }
}

/** Whether a CORS rule's origin or header pattern (`*` wildcards) covers `value`, as S3 matches them. */
export const corsPatternMatches = (pattern: string, value: string) =>
  pattern === '*' ||
  pattern.toLowerCase() === value.toLowerCase() ||
  (pattern.includes('*') &&
    new RegExp(
      `^${pattern
        .split('*')
        .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
      'i',
    ).test(value));

/** What a browser on `origin` needs from the rules to upload with `method` and then read. Empty: nothing. */
export function corsGaps(
  rules: readonly CORSRule[],
  origin: string,
  method: 'POST' | 'PUT',
  headers: readonly string[],
): string[] {
  const allowing = rules.filter((rule) => (rule.AllowedOrigins ?? []).some((o) => corsPatternMatches(o, origin)));
  if (allowing.length === 0) return [`no rule allows the origin ${origin}`];
  const ok = allowing.some(
    (rule) =>
      (rule.AllowedMethods ?? []).some((m) => m.toUpperCase() === method) &&
      headers.every((h) => (rule.AllowedHeaders ?? []).some((allowed) => corsPatternMatches(allowed, h))),
  );
  if (ok) return [];
  return [`no rule for ${origin} allows ${method} with the headers ${headers.join(', ') || '(none)'}`];
}

/** What the owner is told when the storage cannot show its CORS rules: where they set them by hand. */
export function corsUnchecked(storage: S3Storage, appOrigin: string): StorageUnchecked {
  return {
    code: 'corsUnchecked',
    origin: appOrigin,
    setIn: storage.preset === 'minio' ? 'minioServer' : 'bucketRules',
  };
}

/** An unchecked item said in English, for xiaojia doctor (the app words the codes itself). */
export function uncheckedNote(item: StorageUnchecked): string {
  const appOrigin = item.origin;
  if (item.setIn === 'minioServer') {
    return `This MinIO does not answer GetBucketCors, so its CORS rules could not be checked. MinIO sets CORS for the whole server: MINIO_API_CORS_ALLOW_ORIGIN (or mc admin config set <alias> api cors_allow_origin=…) must be "*" (its default) or include ${appOrigin}; restart MinIO after changing it.`;
  }
  return `This storage does not answer GetBucketCors, so its CORS rules could not be checked: make sure they allow ${appOrigin} to upload (see the guide for the rule).`;
}

export async function verifyS3Bucket(
  storage: S3Storage,
  client: S3Client,
  appOrigin: string,
): Promise<StorageUnchecked[]> {
  const Bucket = storage.bucket;
  try {
    await client.send(new HeadBucketCommand({ Bucket }));
  } catch (error) {
    const failure = s3Failure(error, CHECK_BUCKET);
    // Other HEAD refusals (400, 403) have no body to say why (keys, skew, region); the probe PUT below will.
    if (failure.reason === 'no_such_bucket' || failure.reason === 'unreachable') throw failure;
  }
  await step('write a probe object', () =>
    client.send(new PutObjectCommand({ Bucket, Key: PROBE_KEY, Body: PROBE, ContentType: 'text/plain' })),
  );
  const head = await step('read the probe object', () =>
    client.send(new HeadObjectCommand({ Bucket, Key: PROBE_KEY })),
  );
  if (Number(head.ContentLength) !== PROBE.length) {
    throw new StorageError(
      'refused',
      `The probe object came back with ${head.ContentLength} bytes, not ${PROBE.length}`,
    );
  }
  await step('delete the probe object', () => client.send(new DeleteObjectCommand({ Bucket, Key: PROBE_KEY })));

  const skew = storage.clockOffsetMs;
  if (Math.abs(skew) > MAX_SKEW_MS) {
    throw new StorageError(
      'clock_skew',
      `This server's clock is ${Math.round(Math.abs(skew) / 60000)} minutes ${skew > 0 ? 'behind' : 'ahead of'} the storage's: signed URLs would be refused`,
    );
  }

  // xiaojia doctor without XIAOJIA_PUBLIC_URL has no H5 origin to check the rules for.
  if (!appOrigin) return [];
  const method = storage.capabilities.postPolicy ? 'POST' : 'PUT';
  const headers =
    method === 'PUT' ? ['content-type', ...(storage.capabilities.ifNoneMatch ? ['if-none-match'] : [])] : [];
  let cors: GetBucketCorsCommandOutput;
  try {
    cors = await client.send(new GetBucketCorsCommand({ Bucket }));
  } catch (error) {
    const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    if (e.name === 'NotImplemented' || e.$metadata?.httpStatusCode === 501) return [corsUnchecked(storage, appOrigin)];
    throw s3Failure(error, 'read the bucket CORS rules');
  }
  const gaps = corsGaps(cors.CORSRules ?? [], appOrigin, method, headers);
  if (gaps.length > 0) {
    throw new StorageError('cors_missing', `The bucket's CORS rules do not let the web app upload: ${gaps.join('; ')}`);
  }
  return [];
}

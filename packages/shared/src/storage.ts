import { z } from 'zod';
import { zBareOrigin, zS3BindInput, zS3Preset } from './storage-s3.js';

export * from './storage-s3.js';

/** Qiniu Kodo regions a bucket can live in (the id the console and SDK use). */
export const QINIU_REGIONS = {
  z0: '华东-浙江',
  'cn-east-2': '华东-浙江2',
  z1: '华北-河北',
  z2: '华南-广东',
  na0: '北美-洛杉矶',
  as0: '亚太-新加坡',
} as const;
export type QiniuRegion = keyof typeof QINIU_REGIONS;
export const zQiniuRegion = z.enum(Object.keys(QINIU_REGIONS) as [QiniuRegion, ...QiniuRegion[]]);

const zQiniuKey = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{20,64}$/, 'Qiniu keys are 20–64 letters, digits, "_" or "-"');

export const zQiniuBindInput = z.object({
  /** Optional: every binding input from before S3 buckets is a Qiniu one. */
  provider: z.literal('qiniu').optional(),
  accessKey: zQiniuKey,
  secretKey: zQiniuKey,
  bucket: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/, 'Bucket names are 3–63 lower-case letters, digits or "-"'),
  /** The bucket's bound domain, with scheme: https://img.example.com. */
  domain: zBareOrigin,
  region: zQiniuRegion,
});
export type QiniuBindInput = z.infer<typeof zQiniuBindInput>;

/** A bucket to bind: Qiniu (as before, `provider` may be left out) or any S3-compatible storage. */
export const zBindStorageInput = z.discriminatedUnion('provider', [zQiniuBindInput, zS3BindInput]);
export type BindStorageInput = z.infer<typeof zBindStorageInput>;

/** What a binding's verification could not check, as a code the app words in the owner's language. */
export const zStorageUncheckedCode = z.enum([
  /** The storage does not answer GetBucketCors (MinIO): its CORS rules for the web app were not checked. */
  'corsUnchecked',
]);
export type StorageUncheckedCode = z.infer<typeof zStorageUncheckedCode>;

/** One thing the verification could not check, with what the owner must set by hand. */
export const zStorageUnchecked = z.object({
  code: zStorageUncheckedCode,
  /** The web app's origin the storage's CORS must allow. */
  origin: z.string().max(500),
  /**
   * Where this storage's CORS is set: MinIO's server-wide setting (MINIO_API_CORS_ALLOW_ORIGIN, "*" by
   * default), or the bucket's own CORS rules.
   */
  setIn: z.enum(['minioServer', 'bucketRules']),
});
export type StorageUnchecked = z.infer<typeof zStorageUnchecked>;

export const zStorageStatus = z.object({
  /** embedded: the server's own store (no bucket bound). */
  provider: z.enum(['embedded', 'qiniu', 's3']),
  bucket: z.string().nullable(),
  domain: z.string().nullable(),
  /** Qiniu's region; null for S3 buckets (their region is in `s3`). */
  region: zQiniuRegion.nullable(),
  /** Where an S3 bucket lives (absent or null for Qiniu and the embedded store). */
  s3: z
    .object({ preset: zS3Preset, endpoint: z.string(), region: z.string(), pathStyle: z.boolean() })
    .nullable()
    .optional(),
  /** Only the first and last characters of the access key; the secret key is never returned. */
  accessKeyMasked: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** Photos kept under a bucket that is no longer bound: readable again when it is bound again. */
  unboundPhotoCount: z.number().int().nonnegative(),
  /**
   * On bind's answer only: what the verification could not check, each with how to set it by hand (MinIO
   * without GetBucketCors: its CORS). Absent: everything was checked.
   */
  unchecked: z.array(zStorageUnchecked).max(10).optional(),
});
export type StorageStatus = z.infer<typeof zStorageStatus>;

import { z } from 'zod';

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

export const zBindStorageInput = z.object({
  accessKey: zQiniuKey,
  secretKey: zQiniuKey,
  bucket: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/, 'Bucket names are 3–63 lower-case letters, digits or "-"'),
  /**
   * The bucket's bound domain, with scheme: https://img.example.com. A regex, not URL parsing: the
   * mini-program runtime has no URL class.
   */
  domain: z
    .string()
    .trim()
    .max(253)
    .transform((v) => v.replace(/\/+$/, '').toLowerCase())
    .pipe(
      z
        .string()
        .regex(
          /^https?:\/\/(?=[a-z0-9])[a-z0-9.-]*[a-z0-9](:\d{1,5})?$/,
          'The domain must be a bare origin such as https://img.example.com (no path)',
        ),
    ),
  region: zQiniuRegion,
});
export type BindStorageInput = z.infer<typeof zBindStorageInput>;

export const zStorageStatus = z.object({
  /** embedded: the server's own store (no bucket bound). */
  provider: z.enum(['embedded', 'qiniu']),
  bucket: z.string().nullable(),
  domain: z.string().nullable(),
  region: zQiniuRegion.nullable(),
  /** Only the first and last characters of the access key; the secret key is never returned. */
  accessKeyMasked: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** Photos kept under a bucket that is no longer bound: readable again when it is bound again. */
  unboundPhotoCount: z.number().int().nonnegative(),
});
export type StorageStatus = z.infer<typeof zStorageStatus>;

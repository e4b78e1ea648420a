/**
 * S3-compatible buckets (design.md "More providers"): the binding input, and presets that turn a region or
 * an account id into the endpoint and the options each provider needs. What each preset relies on is taken
 * from the provider's own documentation, cited beside it; the server builds upload grants and image URLs
 * from these facts, so a wrong one here is a broken upload there.
 */
import { z } from 'zod';

/**
 * A bare origin with scheme and no path: https://img.example.com. A regex, not URL parsing: the
 * mini-program runtime has no URL class.
 */
export const zBareOrigin = z
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
  );

const GIB = 1024 * 1024 * 1024;

export type S3ImageProcessing = 'imageMogr2' | 'x-oss-process';

/** What a provider's S3 endpoint does, as far as Xiaojia relies on it. */
export interface S3Capabilities {
  /** Browser form upload with a signed POST policy (exact key, content-length-range, content-type). */
  postPolicy: boolean;
  /** PutObject honours `If-None-Match: *` (refuses to overwrite an existing key with 412). */
  ifNoneMatch: boolean;
  /**
   * How an upload refuses to overwrite an existing key, where the provider documents a way: a header a
   * presigned PUT signs and sends, a form field a POST policy pins, and a header the server sends on
   * CompleteMultipartUpload (null: none relied on).
   */
  noOverwrite: {
    put: readonly [string, string] | null;
    post: readonly [string, string] | null;
    complete: readonly [string, string] | null;
  };
  /** Largest object one PUT (or POST) may carry; larger ones need multipart. */
  maxSinglePutBytes: number;
  /** Provider-side image processing on GET, or null: thumbnails must then come from the client. */
  imageProcessing: S3ImageProcessing | null;
}

export interface S3PresetInfo extends S3Capabilities {
  label: string;
  /** Virtual-host (bucket.endpoint) or path-style (endpoint/bucket) addressing. */
  pathStyle: boolean;
  /** What the user types to locate the bucket: a region id, an account id, or the endpoint itself. */
  locator: 'region' | 'account' | 'endpoint';
}

/** Regions of the form ap-guangzhou, cn-hangzhou, ap-southeast-1, na-siliconvalley. */
const DASHED_REGION = /^[a-z]{2,4}-[a-z]+(-[a-z0-9]+)?$/;
/** AWS regions: us-east-1, ap-southeast-2, us-gov-west-1. */
const AWS_REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
/** A Cloudflare account id: 32 hex digits. */
const R2_ACCOUNT = /^[0-9a-f]{32}$/;

export const S3_PRESETS = {
  /**
   * Tencent COS: "Accessing COS with AWS S3 SDK" (cloud.tencent.com/document/product/436/37421) sets the
   * endpoint to cos.<region>.myqcloud.com with the bucket in the host (virtual-host:
   * <BucketName-APPID>.cos.<region>.myqcloud.com). PUT Object (…/436/7749): at most 5 GB per PUT; POST
   * Object with a policy is supported. COS refuses overwrites by its own `x-cos-forbid-overwrite: true`
   * header (Initiate Multipart Upload, …/436/7746, and PUT Object, for buckets without versioning), not by
   * If-None-Match. POST Object documents no such form field and says it overwrites, so COS uploads are
   * presigned PUTs signing that header, not POST forms (the CORS rule of the guide allows PUT). Complete Multipart
   * Upload (…/436/7742) documents the same header ("for a bucket which has never enabled versioning"), so
   * the server sends it there. Images: 数据万象 imageMogr2 on GET.
   */
  cos: {
    label: 'Tencent COS',
    pathStyle: false,
    locator: 'region',
    postPolicy: false,
    ifNoneMatch: false,
    noOverwrite: { put: ['x-cos-forbid-overwrite', 'true'], post: null, complete: ['x-cos-forbid-overwrite', 'true'] },
    maxSinglePutBytes: 5 * GIB,
    imageProcessing: 'imageMogr2',
  },
  /**
   * Aliyun OSS: "Access OSS using AWS SDKs" (help.aliyun.com/document_detail/451966.html) gives the
   * S3-compatible endpoint https://s3.oss-<region>.aliyuncs.com, path-style off (OSS accepts only
   * virtual-host requests, "overview 24"). "Compatible S3 API operations" (doc-detail/389025) lists PostObject
   * and PutObject and says x-oss-process supports image/ over the S3 protocol. PutObject and PostObject: at
   * most 5 GB (doc-detail/31978, 0006-00000003). Overwrites are refused by `x-oss-forbid-overwrite: true`,
   * not If-None-Match: a PutObject header (help.aliyun.com/en/oss/user-guide/0026-00000201, FileAlreadyExists)
   * and a PostObject form field (alibabacloud.com/help/en/oss/user-guide/0006-00000117), and on
   * CompleteMultipartUpload too (help.aliyun.com/en/oss/user-guide/0042-00000214: an object of that name
   * exists and x-oss-forbid-overwrite was true). Since 2025-03-20 new accounts must use a custom domain for data requests in mainland
   * regions: set `domain` then.
   */
  oss: {
    label: 'Aliyun OSS',
    pathStyle: false,
    locator: 'region',
    postPolicy: true,
    ifNoneMatch: false,
    noOverwrite: {
      put: ['x-oss-forbid-overwrite', 'true'],
      post: ['x-oss-forbid-overwrite', 'true'],
      complete: ['x-oss-forbid-overwrite', 'true'],
    },
    maxSinglePutBytes: 5 * GIB,
    imageProcessing: 'x-oss-process',
  },
  /**
   * Cloudflare R2: "S3 API compatibility" (developers.cloudflare.com/r2/api/s3/api/): endpoint
   * https://<ACCOUNT_ID>.r2.cloudflarestorage.com, region `auto`; PostObject is not implemented (design.md
   * agrees), so uploads are presigned PUTs; PutObject supports conditional If-None-Match (the page's
   * "Conditional operations in PutObject"), so PUT grants sign `If-None-Match: *`; "Conditional operations"
   * (developers.cloudflare.com/r2/api/s3/conditional-operations/) lists CompleteMultipartUpload among the
   * writes that take If-None-Match, so the server sends it there. Objects up to
   * just under 5 GiB per single upload (R2 limits). No image processing on the S3 endpoint.
   */
  r2: {
    label: 'Cloudflare R2',
    pathStyle: true,
    locator: 'account',
    postPolicy: false,
    ifNoneMatch: true,
    noOverwrite: { put: ['if-none-match', '*'], post: null, complete: ['if-none-match', '*'] },
    maxSinglePutBytes: 5 * GIB - 5 * 1024 * 1024,
    imageProcessing: null,
  },
  /**
   * MinIO: any endpoint the owner runs, path-style (MinIO's default without a domain configured). It
   * implements PostPolicy and conditional writes (If-None-Match: *) like S3 (min.io "S3 API
   * compatibility"; github.com/minio/minio/issues/20346: If-None-Match on PutObject, 2024); single PUT up to 5 TiB, held here to S3's
   * 5 GiB so one client path serves every provider. POST forms have no overwrite guard. Its
   * CompleteMultipartUpload checks If-None-Match like PutObject (not in its docs; in its source:
   * cmd/object-multipart-handlers.go, checkPreconditionsPUT when If-Match or If-None-Match is sent).
   * No image processing.
   */
  minio: {
    label: 'MinIO',
    pathStyle: true,
    locator: 'endpoint',
    postPolicy: true,
    ifNoneMatch: true,
    noOverwrite: { put: ['if-none-match', '*'], post: null, complete: ['if-none-match', '*'] },
    maxSinglePutBytes: 5 * GIB,
    imageProcessing: null,
  },
  /**
   * AWS S3: regional endpoint https://s3.<region>.amazonaws.com, virtual-host; POST policy (sigv4
   * HTTPPOSTConstructPolicy); conditional writes with If-None-Match: * since 2024 (412 Precondition
   * Failed; docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html: PutObject and
   * CompleteMultipartUpload, not POST forms: sent on both); 5 GB per PUT. No image processing.
   */
  aws: {
    label: 'AWS S3',
    pathStyle: false,
    locator: 'region',
    postPolicy: true,
    ifNoneMatch: true,
    noOverwrite: { put: ['if-none-match', '*'], post: null, complete: ['if-none-match', '*'] },
    maxSinglePutBytes: 5 * GIB,
    imageProcessing: null,
  },
  /** Any other S3-compatible service: the owner gives the endpoint and addressing; nothing extra assumed. */
  custom: {
    label: 'S3-compatible',
    pathStyle: true,
    locator: 'endpoint',
    postPolicy: false,
    ifNoneMatch: false,
    noOverwrite: { put: null, post: null, complete: null },
    maxSinglePutBytes: 5 * GIB,
    imageProcessing: null,
  },
} as const satisfies Record<string, S3PresetInfo>;
export type S3Preset = keyof typeof S3_PRESETS;
export const zS3Preset = z.enum(Object.keys(S3_PRESETS) as [S3Preset, ...S3Preset[]]);

/** Where one S3 bucket lives and how to address it: what the server signs and calls with. */
export interface S3Location {
  preset: S3Preset;
  /** Base URL with scheme, no trailing slash. */
  endpoint: string;
  /** The SigV4 signing region. */
  region: string;
  pathStyle: boolean;
}

export class S3PresetError extends Error {
  override name = 'S3PresetError';
  constructor(
    readonly field: 'region' | 'accountId' | 'endpoint',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The endpoint, signing region and addressing of a preset, from what the owner typed. Throws S3PresetError
 * naming the field to fix when it is malformed or missing.
 */
export function s3Location(input: {
  preset: S3Preset;
  region?: string | undefined;
  accountId?: string | undefined;
  endpoint?: string | undefined;
  pathStyle?: boolean | undefined;
}): S3Location {
  const info: S3PresetInfo = S3_PRESETS[input.preset];
  const region = input.region?.trim().toLowerCase() ?? '';
  const needRegion = (pattern: RegExp, example: string) => {
    if (!pattern.test(region)) throw new S3PresetError('region', `${info.label} regions look like ${example}`);
    return region;
  };
  switch (input.preset) {
    case 'cos': {
      const r = needRegion(DASHED_REGION, 'ap-guangzhou');
      return { preset: 'cos', endpoint: `https://cos.${r}.myqcloud.com`, region: r, pathStyle: false };
    }
    case 'oss': {
      const r = needRegion(DASHED_REGION, 'cn-hangzhou');
      return { preset: 'oss', endpoint: `https://s3.oss-${r}.aliyuncs.com`, region: r, pathStyle: false };
    }
    case 'aws': {
      const r = needRegion(AWS_REGION, 'us-east-1');
      return { preset: 'aws', endpoint: `https://s3.${r}.amazonaws.com`, region: r, pathStyle: false };
    }
    case 'r2': {
      const account = input.accountId?.trim().toLowerCase() ?? '';
      if (!R2_ACCOUNT.test(account)) {
        throw new S3PresetError('accountId', 'A Cloudflare account id is 32 hexadecimal digits');
      }
      return { preset: 'r2', endpoint: `https://${account}.r2.cloudflarestorage.com`, region: 'auto', pathStyle: true };
    }
    case 'minio':
    case 'custom': {
      const endpoint = zBareOrigin.safeParse(input.endpoint ?? '');
      if (!endpoint.success) {
        throw new S3PresetError('endpoint', 'The endpoint must be a bare origin such as https://s3.example.com:9000');
      }
      const r = region === '' ? 'us-east-1' : needRegion(/^[a-z0-9-]{2,32}$/, 'us-east-1');
      return { preset: input.preset, endpoint: endpoint.data, region: r, pathStyle: input.pathStyle ?? info.pathStyle };
    }
  }
}

const zS3Key = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9+/=_.-]{3,128}$/, 'Keys are 3–128 letters, digits or + / = _ . -');

export const zS3BindInput = z
  .object({
    provider: z.literal('s3'),
    preset: zS3Preset,
    accessKey: zS3Key,
    secretKey: zS3Key,
    /** S3 bucket names (COS's include the APPID: photos-1250000000). */
    bucket: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'Bucket names are 3–63 lower-case letters, digits, "." or "-"'),
    /** COS, OSS, AWS: the region id; MinIO and custom: optional (us-east-1). */
    region: z.string().trim().max(32).optional(),
    /** R2 only. */
    accountId: z.string().trim().max(32).optional(),
    /** MinIO and custom only: where the S3 API answers. */
    endpoint: z.string().trim().max(253).optional(),
    /** MinIO and custom only: path-style (endpoint/bucket) rather than virtual-host (bucket.endpoint). */
    pathStyle: z.boolean().optional(),
    /**
     * A CDN or custom domain bound to the bucket that serves it at its root (COS/OSS custom domains, R2
     * custom domains): signed URLs are built on it. Without one they are built on the endpoint.
     */
    domain: zBareOrigin.optional(),
  })
  .superRefine((input, ctx) => {
    try {
      s3Location(input);
    } catch (error) {
      if (!(error instanceof S3PresetError)) throw error;
      ctx.addIssue({ code: 'custom', path: [error.field], message: error.message });
    }
  });
export type S3BindInput = z.infer<typeof zS3BindInput>;

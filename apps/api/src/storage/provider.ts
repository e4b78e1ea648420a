/**
 * The storage contract every provider meets (see design.md "The storage contract"). Services talk only
 * to this interface: Kodo-protocol buckets (a user's Qiniu bucket, or the embedded store) through kodo.ts,
 * and S3-compatible buckets (COS, OSS, R2, MinIO, AWS) through s3/storage.ts.
 */
import type { Readable } from 'node:stream';
import type { StorageUnchecked } from '@xiaojia/shared';
import type { ByteRange } from './byte-range.js';
import type { VideoFacts } from './video-facts.js';

export interface ObjectStat {
  size: number;
  /** Qiniu: the qetag of the content. S3: the object's ETag without quotes (hex MD5 for a single PUT). */
  etag: string;
  mime: string;
}

export interface UploadPolicy {
  /** The exact key the token is scoped to. */
  key: string;
  expiresAt: Date;
  /** fsizeLimit: the upload is refused past this many bytes. */
  maxBytes: number;
  /** mimeLimit: types detected from the bytes that are accepted. */
  mimeTypes: readonly string[];
  /** The type and size the client declared (S3 grants sign them: a PUT must send exactly these). */
  declared: { mime: string; bytes: number };
}

export interface UploadGrant {
  /** POST (default): a multipart form of `fields` then `file`. PUT: the bytes, with exactly `headers`. */
  method?: 'POST' | 'PUT';
  uploadUrl: string;
  fields: Record<string, string>;
  headers?: Record<string, string>;
  expiresAt: string;
}

/** Image variants the client shows; each provider turns them into its own processing parameters. */
export type ImageVariant = 'thumb' | 'preview';
/** What the original is: a video's variants are poster frames (its original URL plays it). */
export type MediaKind = 'image' | 'video';

export interface ObjectDownload {
  body: Readable;
  /** Bytes in `body` (of the range, when one was asked for and given). */
  size: number | null;
  mime: string;
  /** The storage gave only the range asked for (206); otherwise the whole object. */
  partial?: boolean;
}

/** Why a storage call failed, in terms the binding screen can explain. */
export type StorageFailure =
  | 'bad_keys'
  | 'no_such_bucket'
  | 'wrong_region'
  | 'domain_invalid'
  | 'unreachable'
  | 'clock_skew'
  | 'cors_missing'
  | 'not_found'
  | 'refused';

export class StorageError extends Error {
  override name = 'StorageError';
  constructor(
    readonly reason: StorageFailure,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface StorageProvider {
  readonly kind: 'embedded' | 'qiniu' | 's3';
  readonly bucket: string;
  /** An upload grant scoped to one key, insertOnly where the storage can enforce it, with size and type limits. */
  grantUpload(policy: UploadPolicy): UploadGrant | Promise<UploadGrant>;
  /** The object's facts, or null when it does not exist. Throws StorageError on any other failure. */
  stat(key: string): Promise<ObjectStat | null>;
  /** Delete; an object already gone counts as deleted. */
  delete(key: string): Promise<void>;
  /** A short-lived signed URL for the original, or an image variant (of a video: a poster frame). */
  signedUrl(key: string, expiresAt: Date, variant?: ImageVariant, media?: MediaKind): string;
  /** Stream the original, or one byte range of it (the API's own download path). */
  download(key: string, expiresAt: Date, range?: ByteRange): Promise<ObjectDownload>;
  /**
   * The server's own read of an image variant the storage makes (a video's: a poster frame), for bytes the
   * server re-encodes (community snapshots). Without provider-side processing it is the original.
   */
  downloadVariant(key: string, expiresAt: Date, variant: ImageVariant, media: MediaKind): Promise<ObjectDownload>;
  /**
   * The server's own write of a small object it made (a community snapshot, preview-sized): refused, not
   * overwritten, when the key exists where the storage can tell (Kodo insertOnly, S3 If-None-Match: * or
   * the provider's forbid-overwrite header). Throws StorageError.
   */
  put(key: string, bytes: Uint8Array, mime: string): Promise<void>;
  /**
   * A stored video's facts from the storage's own media processing (Kodo and the embedded store: avinfo;
   * COS: ci-process=avinfo); null when the storage has none. Throws when the probe fails.
   */
  probeVideo?(key: string, expiresAt: Date): Promise<VideoFacts | null>;
  /**
   * Check the credentials, bucket, region and domain with real calls; throws StorageError. `appOrigin` is
   * where the H5 app runs (browser uploads need the bucket's CORS rules to allow it; '' skips that check).
   * Answers what could not be checked there, each with where to set it by hand (empty: all was).
   */
  verify(appOrigin: string): Promise<StorageUnchecked[]>;
}

/**
 * The storage contract every provider meets (see design.md "The storage contract"). Services talk only
 * to this interface; today both providers are Kodo-protocol buckets (a user's Qiniu bucket, or the
 * embedded store), so one implementation (kodo.ts) serves both.
 */
import type { Readable } from 'node:stream';

export interface ObjectStat {
  size: number;
  /** Qiniu qetag of the content. */
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
}

export interface UploadGrant {
  uploadUrl: string;
  fields: { token: string; key: string };
  expiresAt: string;
}

/** Image variants the client shows; each provider turns them into its own processing parameters. */
export type ImageVariant = 'thumb' | 'preview';

export interface ObjectDownload {
  body: Readable;
  size: number | null;
  mime: string;
}

/** Why a storage call failed, in terms the binding screen can explain. */
export type StorageFailure =
  | 'bad_keys'
  | 'no_such_bucket'
  | 'wrong_region'
  | 'domain_invalid'
  | 'unreachable'
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
  readonly kind: 'embedded' | 'qiniu';
  readonly bucket: string;
  /** A form-upload grant scoped to one key, insertOnly, with size and type limits. */
  grantUpload(policy: UploadPolicy): UploadGrant;
  /** The object's facts, or null when it does not exist. Throws StorageError on any other failure. */
  stat(key: string): Promise<ObjectStat | null>;
  /** Delete; an object already gone counts as deleted. */
  delete(key: string): Promise<void>;
  /** A short-lived signed URL for the original, or an image variant. */
  signedUrl(key: string, expiresAt: Date, variant?: ImageVariant): string;
  /** Stream the original (the API's own download path). */
  download(key: string, expiresAt: Date): Promise<ObjectDownload>;
  /** Check the credentials, bucket, region and domain with real calls; throws StorageError. */
  verify(): Promise<void>;
}

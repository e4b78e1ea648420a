/**
 * An S3-compatible bucket (COS, OSS, R2, MinIO, AWS or any other) through the official AWS SDK v3.
 * Upload grants: a POST policy (exact key, content-length-range, the declared content type, expiry) where
 * the preset supports it, else a presigned PUT with the content type and length signed; both with the
 * provider's no-overwrite guard where it documents one (S3_PRESETS noOverwrite). Large files go in parts
 * (parts.ts). Reads: presigned GETs, with provider-side image processing where the
 * preset has it. The SDK signs with the injected clock (systemClockOffset), so expiry is testable.
 */
import {
  DeleteObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { S3_PRESETS, type S3Capabilities, type S3Location, type StorageUnchecked } from '@xiaojia/shared';
import type { Clock } from '../../integrations/clock.js';
import type { ByteRange } from '../byte-range.js';
import { fetchObject } from '../fetch-object.js';
import {
  type ImageVariant,
  type MediaKind,
  type ObjectDownload,
  type ObjectStat,
  StorageError,
  type StorageProvider,
  type UploadGrant,
  type UploadPolicy,
} from '../provider.js';
import { fetchAvinfo, type VideoFacts } from '../video-facts.js';
import { s3Failure } from './failures.js';
import { S3Parts } from './parts.js';
import { GetPresigner, MAX_PRESIGN_SECONDS, signingKey, uriEncode } from './sigv4.js';
import { verifyS3Bucket } from './verify.js';

export interface S3Target extends S3Location {
  bucket: string;
  accessKey: string;
  secretKey: string;
  /** A CDN or custom domain serving the bucket at its root; URLs for clients are built on it when set. */
  domain: string | null;
}

/** Thumbnail and preview boxes, as on Kodo (kodo.ts VARIANT_FOPS): upright, fit inside, WebP. */
const VARIANT_BOX: Record<ImageVariant, { px: number; q: number }> = {
  thumb: { px: 480, q: 75 },
  preview: { px: 2048, q: 85 },
};

/** The signed query parameter that asks the provider for a variant, or null when it cannot make one. */
export function variantQuery(capabilities: S3Capabilities, variant: ImageVariant): [string, string] | null {
  const { px, q } = VARIANT_BOX[variant];
  switch (capabilities.imageProcessing) {
    // COS 数据万象: imageMogr2/auto-orient/thumbnail/<W>x<H> fits inside (cloud.tencent.com/document/product/460/36540).
    case 'imageMogr2':
      return [`imageMogr2/auto-orient/thumbnail/${px}x${px}/format/webp/quality/${q}`, ''];
    // OSS: resize,m_lfit fits inside (help.aliyun.com/document_detail/44688.html).
    case 'x-oss-process':
      return ['x-oss-process', `image/auto-orient,1/resize,m_lfit,w_${px},h_${px}/format,webp/quality,q_${q}`];
    default:
      return null;
  }
}

/**
 * The signed query parameters that ask the provider for a video variant (a poster frame at 1 s, upright,
 * as on Kodo: kodo.ts VIDEO_VARIANT_FOPS), or null when it cannot make one. COS 数据万象 snapshot
 * (cloud.tencent.com/document/product/436/46912: time in seconds, width/height 0 = keep the ratio, rotate
 * auto); OSS video/snapshot (help.aliyun.com "视频截帧": t in ms, w/h 0 = keep the ratio, ar_auto).
 */
export function videoVariantQuery(capabilities: S3Capabilities, variant: ImageVariant): [string, string][] | null {
  const width = variant === 'thumb' ? VARIANT_BOX.thumb.px : 0;
  switch (capabilities.imageProcessing) {
    case 'imageMogr2':
      return [
        ['ci-process', 'snapshot'],
        ['time', '1'],
        ['width', String(width)],
        ['height', '0'],
        ['format', 'jpg'],
        ['rotate', 'auto'],
      ];
    case 'x-oss-process':
      return [['x-oss-process', `video/snapshot,t_1000,f_jpg,w_${width},h_0,m_fast,ar_auto`]];
    default:
      return null;
  }
}

function variantParameters(capabilities: S3Capabilities, variant: ImageVariant, media: MediaKind): [string, string][] {
  if (media === 'video') return videoVariantQuery(capabilities, variant) ?? [];
  const image = variantQuery(capabilities, variant);
  return image ? [image] : [];
}

/** Presigned URLs are dated at the start of a quarter hour, so one photo keeps one URL (and the cache) for a while. */
const SIGN_STEP_MS = 15 * 60 * 1000;

export class S3Storage implements StorageProvider {
  readonly kind = 's3' as const;
  readonly bucket: string;
  readonly capabilities: S3Capabilities;
  private sdk: S3Client | null = null;
  private readonly keys = new Map<string, Buffer>();
  private readonly presigners = new Map<string, GetPresigner>();
  /** Multipart uploads and ranged reads, on the same SDK client. */
  readonly parts: S3Parts;

  constructor(
    private readonly target: S3Target,
    private readonly clock: Clock,
    private readonly extra: Partial<S3ClientConfig> = {},
  ) {
    this.bucket = target.bucket;
    this.capabilities = S3_PRESETS[target.preset];
    this.parts = new S3Parts(
      () => this.client,
      target.bucket,
      () => clock.now(),
    );
  }

  /**
   * The SDK client, made on first use: a page of photos only signs URLs (sigv4.ts), and building an
   * S3Client for every photos.list would cost more than the page's signatures.
   */
  /** Which provider's preset the bucket was bound with. */
  get preset(): S3Target['preset'] {
    return this.target.preset;
  }

  private get client(): S3Client {
    this.sdk ??= new S3Client({
      region: this.target.region,
      endpoint: this.target.endpoint,
      forcePathStyle: this.target.pathStyle,
      credentials: { accessKeyId: this.target.accessKey, secretAccessKey: this.target.secretKey },
      // Sign with the injected clock; the SDK moves this offset itself when the storage reports skew.
      systemClockOffset: this.clock.now().getTime() - Date.now(),
      // CRC checksums with aws-chunked bodies are an AWS extension most S3-compatible stores refuse.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 2,
      ...this.extra,
    });
    return this.sdk;
  }

  /** Clock offset the SDK learnt from the storage's Date headers (non-zero: this server's clock is off). */
  get clockOffsetMs(): number {
    return (this.sdk?.config.systemClockOffset ?? 0) - (this.clock.now().getTime() - Date.now());
  }

  private grantSeconds(expiresAt: Date): { seconds: number; expiresAt: string } {
    const now = this.clock.now().getTime();
    const seconds = Math.max(1, Math.floor((expiresAt.getTime() - now) / 1000));
    return { seconds, expiresAt: new Date(now + seconds * 1000).toISOString() };
  }

  async grantUpload(policy: UploadPolicy): Promise<UploadGrant> {
    const { seconds, expiresAt } = this.grantSeconds(policy.expiresAt);
    const guard = this.capabilities.noOverwrite.post;
    if (this.capabilities.postPolicy) {
      const fields: Record<string, string> = { 'Content-Type': policy.declared.mime };
      if (guard) fields[guard[0]] = guard[1];
      const post = await createPresignedPost(this.client, {
        Bucket: this.bucket,
        Key: policy.key,
        Conditions: [
          ['content-length-range', 1, policy.maxBytes],
          ['eq', '$Content-Type', policy.declared.mime],
          ...(guard ? [{ [guard[0]]: guard[1] }] : []),
        ],
        Fields: fields,
        Expires: seconds,
      });
      return { method: 'POST', uploadUrl: post.url, fields: post.fields, expiresAt };
    }
    return this.grantPut(policy.key, policy.declared.mime, policy.declared.bytes, seconds, expiresAt);
  }

  /**
   * A presigned PUT of `key`: the content type (and the length, when known) signed, with the provider's
   * no-overwrite header signed too. Derivatives (thumbnails the client makes) have no length in advance:
   * their size is checked at confirm.
   */
  async grantPut(
    key: string,
    mime: string,
    bytes: number | null,
    seconds: number,
    expiresAt: string,
  ): Promise<UploadGrant> {
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ContentType: mime,
      ...(bytes === null ? {} : { ContentLength: bytes }),
    });
    const signed = new Set(['content-type', 'content-length']);
    const headers: Record<string, string> = { 'Content-Type': mime };
    const guard = this.guardAgainstOverwrite(command);
    if (guard) {
      signed.add(guard[0]);
      headers[guard[0] === 'if-none-match' ? 'If-None-Match' : guard[0]] = guard[1];
    }
    const uploadUrl = await getSignedUrl(this.client, command, {
      expiresIn: seconds,
      signableHeaders: signed,
      signingDate: this.clock.now(),
    });
    return { method: 'PUT', uploadUrl, fields: {}, headers, expiresAt };
  }

  /**
   * The provider's no-overwrite guard on a PUT (S3_PRESETS noOverwrite): If-None-Match: * where the SDK
   * models it, else the provider's header (x-oss-forbid-overwrite, x-cos-forbid-overwrite) added before
   * signing. Returns the guard set, or null when the provider documents none (custom).
   */
  private guardAgainstOverwrite(command: PutObjectCommand): readonly [string, string] | null {
    const guard = this.capabilities.noOverwrite.put;
    if (!guard) return null;
    if (guard[0] === 'if-none-match') {
      command.input.IfNoneMatch = guard[1];
      return guard;
    }
    command.middlewareStack.add(
      (next) => (args) => {
        (args.request as { headers: Record<string, string> }).headers[guard[0]] = guard[1];
        return next(args);
      },
      { step: 'build', name: 'xiaojiaNoOverwrite' },
    );
    return guard;
  }

  /** The server's own PUT of a small object, with the no-overwrite guard; an existing key is refused (412/409). */
  async put(key: string, bytes: Uint8Array, mime: string): Promise<void> {
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: key,
      Body: bytes,
      ContentType: mime,
      ContentLength: bytes.length,
    });
    this.guardAgainstOverwrite(command);
    try {
      await this.client.send(command);
    } catch (error) {
      const failure = s3Failure(error, 'store the object');
      if (failure.status === 412 || failure.status === 409) {
        throw new StorageError('refused', `An object already exists at ${key}`, failure.status);
      }
      throw failure;
    }
  }

  /** A grant for a client-made JPEG stored at `key` (buckets without image processing). */
  grantDerivative(key: string, expiresAt: Date): Promise<UploadGrant> {
    const { seconds, expiresAt: at } = this.grantSeconds(expiresAt);
    return this.grantPut(key, 'image/jpeg', null, seconds, at);
  }

  async stat(key: string): Promise<ObjectStat | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return {
        size: Number(head.ContentLength ?? 0),
        etag: (head.ETag ?? '').replace(/"/g, ''),
        mime: head.ContentType ?? 'application/octet-stream',
      };
    } catch (error) {
      const failure = s3Failure(error, 'read object information');
      if (failure.reason === 'not_found') return null;
      throw failure;
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      const failure = s3Failure(error, 'delete');
      if (failure.reason !== 'not_found') throw failure;
    }
  }

  /** Where clients read `key`: the bound domain at its root, else the endpoint in the preset's addressing. */
  private location(key: string): { origin: string; path: string } {
    const path = `/${uriEncode(key, true)}`;
    if (this.target.domain) return { origin: this.target.domain, path };
    if (this.target.pathStyle) return { origin: this.target.endpoint, path: `/${this.bucket}${path}` };
    return { origin: this.target.endpoint.replace('://', `://${this.bucket}.`), path };
  }

  private keyFor(day: string): Buffer {
    let key = this.keys.get(day);
    if (!key) {
      key = signingKey(this.target.secretKey, day, this.target.region);
      this.keys.set(day, key);
    }
    return key;
  }

  /**
   * A presigned GET. Without provider-side processing a variant is the original's URL: PhotoViews signs
   * the client-made derivative's own key instead where the photo has one.
   */
  signedUrl(key: string, expiresAt: Date, variant?: ImageVariant, media: MediaKind = 'image'): string {
    const extra = variant ? variantParameters(this.capabilities, variant, media) : [];
    return this.signedWith(key, expiresAt, `${variant ?? ''}|${media}`, extra);
  }

  /** A presigned GET with `extra` query parameters signed along (`name` tells presigners apart). */
  private signedWith(key: string, expiresAt: Date, name: string, extra: [string, string][]): string {
    const now = this.clock.now().getTime();
    const signedAt = Math.floor(now / SIGN_STEP_MS) * SIGN_STEP_MS;
    const seconds = Math.min(MAX_PRESIGN_SECONDS, Math.max(1, Math.ceil((expiresAt.getTime() - signedAt) / 1000)));
    const { origin, path } = this.location(key);
    return this.presigner(signedAt, seconds, name, extra).sign(origin, path);
  }

  /** One presigner per signing time, lifetime and variant: a page of photos shares one (a few at most). */
  private presigner(signedAt: number, seconds: number, name: string, extra: [string, string][]): GetPresigner {
    const id = `${signedAt}|${seconds}|${name}`;
    let presigner = this.presigners.get(id);
    if (!presigner) {
      if (this.presigners.size >= 16) this.presigners.clear();
      const at = new Date(signedAt);
      const day = at.toISOString().slice(0, 10).replace(/-/g, '');
      presigner = new GetPresigner(this.target.accessKey, this.keyFor(day), this.target.region, at, seconds, extra);
      this.presigners.set(id, presigner);
    }
    return presigner;
  }

  download(key: string, expiresAt: Date, range?: ByteRange): Promise<ObjectDownload> {
    return fetchObject(
      this.signedUrl(key, expiresAt),
      (status) => new StorageError('refused', `Storage refused to read the object (HTTP ${status})`, status),
      range,
    );
  }

  /** The provider's processed variant where the preset has processing; else the original. */
  downloadVariant(key: string, expiresAt: Date, variant: ImageVariant, media: MediaKind): Promise<ObjectDownload> {
    return fetchObject(
      this.signedUrl(key, expiresAt, variant, media),
      (status) => new StorageError('refused', `Storage refused to read the image (HTTP ${status})`, status),
    );
  }

  /** COS 数据万象 answers avinfo as ffprobe does (cloud.tencent.com/document/product/436/124611); others: none. */
  async probeVideo(key: string, expiresAt: Date): Promise<VideoFacts | null> {
    if (this.capabilities.imageProcessing !== 'imageMogr2') return null;
    return fetchAvinfo(this.signedWith(key, expiresAt, 'avinfo', [['ci-process', 'avinfo']]));
  }

  verify(appOrigin: string): Promise<StorageUnchecked[]> {
    return verifyS3Bucket(this, this.client, appOrigin);
  }
}

/**
 * A Kodo-protocol bucket through the official qiniu SDK: a user's Qiniu bucket, or the embedded store
 * (which speaks the same protocol at other hosts). Upload tokens are signed here with the clock's
 * deadline (the SDK's PutPolicy always uses the wall clock).
 */
import { createHmac } from 'node:crypto';
import type { StorageUnchecked } from '@xiaojia/shared';
import qiniu from 'qiniu';
import type { Clock } from '../integrations/clock.js';
import type { ByteRange } from './byte-range.js';
import { fetchObject } from './fetch-object.js';
import {
  type ImageVariant,
  type MediaKind,
  type ObjectDownload,
  type ObjectStat,
  StorageError,
  type StorageProvider,
  type UploadGrant,
  type UploadPolicy,
} from './provider.js';
import { fetchAvinfo, type VideoFacts } from './video-facts.js';

/** Where a Kodo bucket's services live. Every value is a base URL with scheme, no trailing slash. */
export interface KodoEndpoints {
  /** Form uploads are POSTed here (clients use it directly). */
  upload: string;
  /** Objects are read from here: the bucket's bound domain. */
  download: string;
  rs: string;
  rsf: string;
  /** Bucket configuration (domain list). */
  uc: string;
}

export interface KodoTarget {
  kind: 'embedded' | 'qiniu';
  bucket: string;
  /** The domain the user says is bound to the bucket (checked against the bucket's domain list). */
  domain: string;
  accessKey: string;
  secretKey: string;
  endpoints: KodoEndpoints;
}

/**
 * The processing parameters for each variant: upright by EXIF orientation first (imageView2 alone keeps the
 * stored orientation, as on Qiniu), then fit inside a box as WebP.
 */
export const VARIANT_FOPS: Record<ImageVariant, string> = {
  thumb: 'imageMogr2/auto-orient|imageView2/2/w/480/h/480/format/webp/q/75',
  preview: 'imageMogr2/auto-orient|imageView2/2/w/2048/h/2048/format/webp/q/85',
};

/**
 * A video's variants are poster frames (vframe, developer.qiniu.com/dora/api/video-frame-thumbnails-vframe):
 * the frame at 1 s (the first seconds are often black; a shorter clip gives its last frame), upright by the
 * video's rotation. vframe scales to a width or a box but cannot fit inside one, so the thumbnail is 480 px
 * wide and the preview the frame's own size (phones record at most 4K, within vframe's 3840x2160).
 */
export const VIDEO_VARIANT_FOPS: Record<ImageVariant, string> = {
  thumb: 'vframe/jpg/offset/1/w/480/rotate/auto',
  preview: 'vframe/jpg/offset/1/rotate/auto',
};

/** How long a server-made upload token lives (one small object, sent at once). */
const PUT_TOKEN_SECONDS = 600;

const urlsafeBase64 = (data: Buffer | string) =>
  Buffer.from(data).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');

/** Qiniu upload token: AK:urlsafe_b64(hmac_sha1(encodedPolicy, SK)):encodedPolicy */
export function signUploadToken(policy: object, accessKey: string, secretKey: string): string {
  const encodedPolicy = urlsafeBase64(JSON.stringify(policy));
  const sign = urlsafeBase64(createHmac('sha1', secretKey).update(encodedPolicy).digest());
  return `${accessKey}:${sign}:${encodedPolicy}`;
}

/**
 * What the upload host answers after a successful form upload. Kodo substitutes the magic variables as
 * raw text, so strings are quoted here; image sizes too, because they are empty for formats Kodo cannot
 * read (a bare empty value would break the JSON).
 */
export const RETURN_BODY =
  '{"key":"$(key)","etag":"$(etag)","size":$(fsize),"mime":"$(mimeType)","width":"$(imageInfo.width)","height":"$(imageInfo.height)"}';

function hostOf(base: string): { host: string; https: boolean } {
  const match = /^(https?):\/\/(.+)$/.exec(base);
  if (!match?.[2]) throw new Error(`not a base URL: ${base}`);
  return { host: match[2], https: match[1] === 'https' };
}

function sdkConfig(endpoints: KodoEndpoints): qiniu.conf.Config {
  const rs = hostOf(endpoints.rs);
  const endpoint = (base: string) =>
    new qiniu.httpc.Endpoint(hostOf(base).host, { defaultScheme: rs.https ? 'https' : 'http' });
  const region = new qiniu.httpc.Region({
    services: {
      up: [endpoint(endpoints.upload)],
      rs: [endpoint(endpoints.rs)],
      rsf: [endpoint(endpoints.rsf)],
      uc: [endpoint(endpoints.uc)],
      api: [endpoint(endpoints.uc)],
    },
  });
  return new qiniu.conf.Config({
    useHttpsDomain: rs.https,
    regionsProvider: new qiniu.httpc.StaticRegionsProvider([region]),
    ucEndpointsProvider: new qiniu.httpc.StaticEndpointsProvider([endpoint(endpoints.uc)]),
  });
}

interface SdkResult<T> {
  data: T;
  resp: { statusCode?: number };
}

/** Kodo puts a human-readable reason in the JSON body's `error`. */
const errorOf = (data: unknown): string | undefined =>
  data && typeof data === 'object' && 'error' in data ? String((data as { error: unknown }).error) : undefined;

/** Map Kodo's documented status codes to reasons the binding screen can explain. */
export function failureFor(status: number, error: string | undefined, what: string): StorageError {
  const detail = error ? `: ${error}` : '';
  // The SDK answers -1 (not a rejection) when no HTTP response came back at all.
  if (status <= 0) return new StorageError('unreachable', `Storage could not be reached to ${what}${detail}`);
  if (status === 401) return new StorageError('bad_keys', `The access key or secret key is wrong${detail}`, status);
  if (status === 403) return new StorageError('bad_keys', `These keys are not allowed to ${what}${detail}`, status);
  if (status === 631) return new StorageError('no_such_bucket', `No such bucket${detail}`, status);
  if (status === 612) return new StorageError('not_found', `No such object${detail}`, status);
  if (/region|zone/i.test(error ?? '')) {
    return new StorageError('wrong_region', `The bucket is in another region${detail}`, status);
  }
  return new StorageError('refused', `Storage refused to ${what} (HTTP ${status})${detail}`, status);
}

export class KodoStorage implements StorageProvider {
  readonly kind: 'embedded' | 'qiniu';
  readonly bucket: string;
  protected readonly manager: qiniu.rs.BucketManager;

  constructor(
    protected readonly target: KodoTarget,
    protected readonly clock: Clock,
  ) {
    this.kind = target.kind;
    this.bucket = target.bucket;
    const mac = new qiniu.auth.digest.Mac(target.accessKey, target.secretKey);
    this.manager = new qiniu.rs.BucketManager(mac, sdkConfig(target.endpoints));
  }

  grantUpload(policy: UploadPolicy): UploadGrant {
    const deadline = Math.floor(policy.expiresAt.getTime() / 1000);
    const token = signUploadToken(
      {
        scope: `${this.bucket}:${policy.key}`,
        deadline,
        insertOnly: 1,
        fsizeLimit: policy.maxBytes,
        mimeLimit: policy.mimeTypes.join(';'),
        detectMime: 1,
        returnBody: RETURN_BODY,
      },
      this.target.accessKey,
      this.target.secretKey,
    );
    return {
      uploadUrl: this.target.endpoints.upload,
      fields: { token, key: policy.key },
      expiresAt: new Date(deadline * 1000).toISOString(),
    };
  }

  /**
   * A form upload made by the server (Kodo's documented form upload, developer.qiniu.com/kodo/1272), with a
   * token it signs for this one key: insertOnly, the exact size and type, ten minutes. Kodo answers 614 when
   * the key exists.
   */
  async put(key: string, bytes: Uint8Array, mime: string): Promise<void> {
    const token = signUploadToken(
      {
        scope: `${this.bucket}:${key}`,
        deadline: Math.floor(this.clock.now().getTime() / 1000) + PUT_TOKEN_SECONDS,
        insertOnly: 1,
        fsizeLimit: bytes.length,
        mimeLimit: mime,
        detectMime: 1,
      },
      this.target.accessKey,
      this.target.secretKey,
    );
    const form = new FormData();
    form.set('token', token);
    form.set('key', key);
    form.set('file', new Blob([new Uint8Array(bytes)], { type: mime }), key.split('/').at(-1) ?? 'object');
    let response: Response;
    try {
      response = await fetch(this.target.endpoints.upload, { method: 'POST', body: form, redirect: 'error' });
    } catch (error) {
      throw new StorageError(
        'unreachable',
        `Storage could not be reached to store the object: ${(error as Error).message}`,
      );
    }
    const text = await response.text();
    if (response.ok) return;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
    if (response.status === 614) throw new StorageError('refused', `An object already exists at ${key}`, 614);
    // Kodo answers a policy limit (mimeLimit, fsizeLimit) with 403 too: that is the bytes, not the keys.
    const error = errorOf(data);
    if (response.status === 403 && /limit/i.test(error ?? '')) {
      throw new StorageError('refused', `Storage refused the object: ${error}`, 403);
    }
    throw failureFor(response.status, error, 'store the object');
  }

  private async call<T>(what: string, run: () => Promise<SdkResult<T>>): Promise<SdkResult<T>> {
    let result: SdkResult<T>;
    try {
      result = await run();
    } catch (error) {
      const status = (error as { resp?: { statusCode?: number } }).resp?.statusCode;
      if (status) throw failureFor(status, undefined, what);
      throw new StorageError('unreachable', `Storage could not be reached to ${what}: ${(error as Error).message}`);
    }
    return result;
  }

  async stat(key: string): Promise<ObjectStat | null> {
    const { data, resp } = await this.call('read object information', () => this.manager.stat(this.bucket, key));
    const status = resp.statusCode ?? 0;
    if (status === 612) return null;
    if (status !== 200) throw failureFor(status, errorOf(data), 'read object information');
    return { size: Number(data.fsize ?? 0), etag: data.hash, mime: data.mimeType };
  }

  async delete(key: string): Promise<void> {
    const { data, resp } = await this.call('delete', () => this.manager.delete(this.bucket, key));
    const status = resp.statusCode ?? 0;
    if (status === 200 || status === 612) return;
    throw failureFor(status, errorOf(data), 'delete');
  }

  signedUrl(key: string, expiresAt: Date, variant?: ImageVariant, media: MediaKind = 'image'): string {
    const fops = media === 'video' ? VIDEO_VARIANT_FOPS : VARIANT_FOPS;
    const path = variant ? `${key}?${fops[variant]}` : key;
    return this.manager.privateDownloadUrl(
      this.target.endpoints.download,
      path,
      Math.floor(expiresAt.getTime() / 1000),
    );
  }

  download(key: string, expiresAt: Date, range?: ByteRange): Promise<ObjectDownload> {
    return fetchObject(
      this.signedUrl(key, expiresAt),
      (status) => failureFor(status, undefined, 'read the object'),
      range,
    );
  }

  downloadVariant(key: string, expiresAt: Date, variant: ImageVariant, media: MediaKind): Promise<ObjectDownload> {
    return fetchObject(this.signedUrl(key, expiresAt, variant, media), (status) =>
      failureFor(status, undefined, 'read the image'),
    );
  }

  probeVideo(key: string, expiresAt: Date): Promise<VideoFacts | null> {
    const url = this.manager.privateDownloadUrl(
      this.target.endpoints.download,
      `${key}?avinfo`,
      Math.floor(expiresAt.getTime() / 1000),
    );
    return fetchAvinfo(url);
  }

  async verify(): Promise<StorageUnchecked[]> {
    const { data, resp } = await this.call('list the bucket', () =>
      this.manager.listPrefix(this.bucket, { limit: 1, prefix: '' }),
    );
    const status = resp.statusCode ?? 0;
    if (status !== 200) throw failureFor(status, errorOf(data), 'list the bucket');

    const domains = await this.call('list the bucket domains', () => this.manager.listBucketDomains(this.bucket));
    const domainStatus = domains.resp.statusCode ?? 0;
    if (domainStatus !== 200 || !Array.isArray(domains.data)) {
      throw new StorageError(
        'domain_invalid',
        `Could not confirm the domain belongs to the bucket (HTTP ${domainStatus}); allow these keys to read the bucket's domains`,
        domainStatus,
      );
    }
    const wanted = hostOf(this.target.domain).host.toLowerCase();
    const bound = domains.data.map((d) => String(d.domain).toLowerCase());
    if (!bound.includes(wanted)) {
      throw new StorageError(
        'domain_invalid',
        `${wanted} is not a domain of bucket ${this.bucket}${bound.length ? ` (bound: ${bound.join(', ')})` : ' (it has no bound domain)'}`,
      );
    }
    return [];
  }
}

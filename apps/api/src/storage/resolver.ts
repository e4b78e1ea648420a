/**
 * Turns "where does this photo live" into a StorageProvider by the binding's kind: a home's bound Qiniu or
 * S3-compatible bucket (secret key unsealed only here, per call, never kept), or the embedded store when
 * no bucket is bound.
 */
import {
  type BindStorageInput,
  type QiniuBindInput,
  type QiniuRegion,
  type S3BindInput,
  type S3Preset,
  s3Location,
} from '@xiaojia/shared';
import type { StorageBinding } from '../db/schema.js';
import type { Clock } from '../integrations/clock.js';
import type { SecretSealer } from '../integrations/crypto.js';
import type { ByteRange } from './byte-range.js';
import { type KodoEndpoints, KodoStorage, type KodoTarget } from './kodo.js';
import type { ImageVariant, MediaKind, ObjectDownload, ObjectStat, StorageProvider } from './provider.js';
import { S3Storage, type S3Target } from './s3/storage.js';
import { factsFromAvinfo, type VideoFacts } from './video-facts.js';

/** The embedded store as the API's storage layer sees it: a Kodo bucket reachable at the request origin. */
export interface EmbeddedBucket {
  /** Kodo target (credentials and endpoints) for clients that reached the server at `origin`. */
  target(origin: string): KodoTarget;
  /** The same for the server itself: the store at this process's own loopback address. */
  internalTarget(): KodoTarget;
  /** Read an object (or a byte range of it) straight from disk (the API's download path needs no HTTP hop to itself). */
  open(key: string, range?: ByteRange): Promise<ObjectDownload>;
  /** Stat from the store's index (upload confirm needs no HTTP hop to itself either). */
  stat(key: string): ObjectStat | null;
  /** The store's avinfo answer for a stored video; throws when it cannot be probed. */
  avinfo(key: string): Promise<unknown>;
}

/** Qiniu's public service hosts for a region; the upload host is the accelerated one clients use. */
export function qiniuEndpoints(region: QiniuRegion, domain: string): KodoEndpoints {
  return {
    upload: region === 'z0' ? 'https://upload.qiniup.com' : `https://upload-${region}.qiniup.com`,
    download: domain,
    rs: `https://rs-${region}.qiniuapi.com`,
    rsf: `https://rsf-${region}.qiniuapi.com`,
    uc: 'https://uc.qiniuapi.com',
  };
}

/**
 * The sealed secret is bound to the home's id, so a row copied onto another home does not open. (A home
 * made from an account by migration 0003 has the account's id, so secrets sealed before homes still open.)
 */
export const sealContext = (homeId: string) => `storage-binding:${homeId}`;

class EmbeddedStorage extends KodoStorage {
  /** The store as this process reaches it (loopback): the server's own writes and rendered reads. */
  private readonly inside: KodoStorage;

  constructor(
    target: KodoTarget,
    clock: Clock,
    private readonly bucketOnDisk: EmbeddedBucket,
  ) {
    super(target, clock);
    this.inside = new KodoStorage(bucketOnDisk.internalTarget(), clock);
  }

  /** The same form upload, to the store at loopback (the clients' origin may not route back here). */
  override put(key: string, bytes: Uint8Array, mime: string): Promise<void> {
    return this.inside.put(key, bytes, mime);
  }

  /** The store renders the variant as for any client, asked at loopback. */
  override downloadVariant(key: string, expiresAt: Date, variant: ImageVariant, media: MediaKind) {
    return this.inside.downloadVariant(key, expiresAt, variant, media);
  }

  override download(key: string, _expiresAt: Date, range?: ByteRange): Promise<ObjectDownload> {
    return this.bucketOnDisk.open(key, range);
  }

  /**
   * The store lives in this process: ask its index instead of going through the SDK and Kodo auth over
   * loopback (about 2.5 ms of CPU per confirmed upload, BENCHMARKS.md 3a). KodoStorage.stat itself stays
   * tested against the store's rs handler with the official SDK.
   */
  override async stat(key: string): Promise<ObjectStat | null> {
    return this.bucketOnDisk.stat(key);
  }

  /** ffprobe in this process, through the store's render queue (no HTTP hop to itself). */
  override async probeVideo(key: string): Promise<VideoFacts | null> {
    return factsFromAvinfo(await this.bucketOnDisk.avinfo(key));
  }
}

export interface StorageResolverOptions {
  embedded: EmbeddedBucket;
  sealer: SecretSealer;
  clock: Clock;
  /** Where Qiniu lives; tests point it at a strict Kodo peer (the embedded store on its own port). */
  endpointsFor?: (region: QiniuRegion, domain: string) => KodoEndpoints;
}

export class StorageResolver {
  private readonly endpointsFor: (region: QiniuRegion, domain: string) => KodoEndpoints;

  constructor(private readonly options: StorageResolverOptions) {
    this.endpointsFor = options.endpointsFor ?? qiniuEndpoints;
  }

  embedded(origin: string): StorageProvider {
    return new EmbeddedStorage(this.options.embedded.target(origin), this.options.clock, this.options.embedded);
  }

  /** The provider holding objects of `binding` (null: the embedded store). */
  forBinding(binding: StorageBinding | null | undefined, origin: string): StorageProvider {
    if (!binding) return this.embedded(origin);
    const secretKey = this.options.sealer.open(binding.secret_key_sealed, sealContext(binding.home_id));
    return boundProvider(binding, secretKey, this.options.clock, this.endpointsFor);
  }

  /** A provider for keys the user typed, before they are saved (binding verification). */
  forInput(input: BindStorageInput): StorageProvider {
    return input.provider === 's3' ? this.s3(s3Target(input)) : this.qiniu(input);
  }

  private s3(target: S3Target): StorageProvider {
    return new S3Storage(target, this.options.clock);
  }

  private qiniu(input: QiniuBindInput): StorageProvider {
    return qiniuProvider(input, this.options.clock, this.endpointsFor);
  }
}

function qiniuProvider(
  input: QiniuBindInput,
  clock: Clock,
  endpointsFor: (region: QiniuRegion, domain: string) => KodoEndpoints,
): StorageProvider {
  return new KodoStorage(
    {
      kind: 'qiniu',
      bucket: input.bucket,
      domain: input.domain,
      accessKey: input.accessKey,
      secretKey: input.secretKey,
      endpoints: endpointsFor(input.region, input.domain),
    },
    clock,
  );
}

/** The provider of a saved binding, by its kind, with its secret already opened (the resolver, xiaojia doctor). */
export function boundProvider(
  binding: StorageBinding,
  secretKey: string,
  clock: Clock,
  endpointsFor: (region: QiniuRegion, domain: string) => KodoEndpoints = qiniuEndpoints,
): StorageProvider {
  if (binding.provider === 's3') {
    return new S3Storage(
      {
        preset: (binding.preset ?? 'custom') as S3Preset,
        endpoint: binding.endpoint ?? '',
        region: binding.region,
        pathStyle: binding.path_style === 1,
        bucket: binding.bucket,
        accessKey: binding.access_key,
        secretKey,
        domain: binding.domain === '' ? null : binding.domain,
      },
      clock,
    );
  }
  return qiniuProvider(
    {
      accessKey: binding.access_key,
      secretKey,
      bucket: binding.bucket,
      domain: binding.domain,
      region: binding.region as QiniuRegion,
    },
    clock,
    endpointsFor,
  );
}

/** An S3 binding input resolved through its preset (the schema has already refused malformed ones). */
export function s3Target(input: S3BindInput): S3Target {
  return {
    ...s3Location(input),
    bucket: input.bucket,
    accessKey: input.accessKey,
    secretKey: input.secretKey,
    domain: input.domain ?? null,
  };
}

/**
 * A home's bucket binding, Qiniu or S3-compatible (its owner's keys; homeProcedure lets only the owner change it): verify keys with real calls before saving, seal the secret, never return it; status,
 * unbind (photos stay, marked unbound) and rebinding (same bucket: photos come back).
 */
import type { BindStorageInput, ErrorCode, S3Preset, StorageStatus, StorageUnchecked } from '@xiaojia/shared';
import type { StorageBinding } from '../db/schema.js';
import { AppError } from '../errors.js';
import { newId } from '../integrations/ids.js';
import { BindingsRepository } from '../repositories/bindings.js';
import { PhotosRepository } from '../repositories/photos.js';
import { StorageError, type StorageFailure, type StorageProvider } from '../storage/provider.js';
import { s3Target, sealContext } from '../storage/resolver.js';
import type { AppDeps } from '../trpc/context.js';
import type { HomeMember } from './home-access.js';

const FAILURE_CODES: Record<StorageFailure, ErrorCode> = {
  bad_keys: 'STORAGE_BAD_KEYS',
  no_such_bucket: 'STORAGE_NO_SUCH_BUCKET',
  wrong_region: 'STORAGE_WRONG_REGION',
  domain_invalid: 'STORAGE_DOMAIN_INVALID',
  unreachable: 'STORAGE_UNREACHABLE',
  clock_skew: 'STORAGE_CLOCK_SKEW',
  cors_missing: 'STORAGE_CORS_MISSING',
  not_found: 'STORAGE_UNREACHABLE',
  refused: 'STORAGE_UNREACHABLE',
};

/** A storage failure as the client sees it: a stable code and the provider's own explanation. */
export function storageAppError(error: unknown): AppError {
  if (error instanceof StorageError) return new AppError(FAILURE_CODES[error.reason], error.message);
  return new AppError('STORAGE_UNREACHABLE', 'Storage failed unexpectedly');
}

/** AK…XYZ: enough to recognise which key is bound, not enough to use it. */
export function maskAccessKey(accessKey: string): string {
  return `${accessKey.slice(0, 4)}…${accessKey.slice(-4)}`;
}

/** Presets whose endpoint the owner types: the server would call any address given. */
const OWN_ENDPOINT_PRESETS: ReadonlySet<string> = new Set(['minio', 'custom']);

export class StorageService {
  private readonly bindings: BindingsRepository;

  constructor(private readonly deps: AppDeps) {
    this.bindings = new BindingsRepository(deps.db);
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /** Where new uploads to this home go, and the binding id to record on their photos. */
  async uploadTarget(homeId: string, origin: string): Promise<{ provider: StorageProvider; bindingId: string | null }> {
    const binding = await this.bindings.active(homeId);
    return { provider: this.deps.storage.forBinding(binding, origin), bindingId: binding?.id ?? null };
  }

  /** Every member sees where the photos live; only the owner sees which key is bound. */
  async status(member: HomeMember): Promise<StorageStatus> {
    const binding = await this.bindings.active(member.homeId);
    const unboundPhotoCount = await this.countUnboundPhotos(member.homeId);
    if (!binding) {
      return {
        provider: 'embedded',
        bucket: null,
        domain: null,
        region: null,
        s3: null,
        accessKeyMasked: null,
        verifiedAt: null,
        lastError: null,
        unboundPhotoCount,
      };
    }
    const status = toStatus(binding, unboundPhotoCount);
    return member.role === 'owner' ? status : { ...status, accessKeyMasked: null };
  }

  /**
   * Verify with real calls (for S3 also the bucket's CORS rules for the H5 app at `appOrigin`), then save
   * with the secret sealed. Rebinding the same bucket (rotated keys) reuses its row.
   */
  async bind(owner: HomeMember, input: BindStorageInput, appOrigin: string): Promise<StorageStatus> {
    // Checked before anything is called: verifying would already send requests to the typed address.
    if (input.provider === 's3' && OWN_ENDPOINT_PRESETS.has(input.preset) && !this.deps.config.s3OwnEndpoints) {
      throw new AppError(
        'STORAGE_ENDPOINT_NOT_ALLOWED',
        'This server does not bind buckets on an endpoint of their own (XIAOJIA_S3_OWN_ENDPOINTS)',
      );
    }
    let unchecked: StorageUnchecked[];
    try {
      unchecked = await this.deps.storage.forInput(input).verify(appOrigin);
    } catch (error) {
      // Never log the keys; the provider's message names what is wrong, not the secret.
      this.deps.logger.info(
        { homeId: owner.homeId, bucket: input.bucket, reason: (error as StorageError).reason },
        'binding refused',
      );
      throw storageAppError(error);
    }
    const now = this.now();
    const where =
      input.provider === 's3'
        ? (() => {
            const t = s3Target(input);
            return {
              provider: 's3' as const,
              domain: t.domain ?? '',
              region: t.region,
              preset: t.preset,
              endpoint: t.endpoint,
              path_style: t.pathStyle ? 1 : 0,
            };
          })()
        : {
            provider: 'qiniu' as const,
            domain: input.domain,
            region: input.region,
            preset: null,
            endpoint: null,
            path_style: null,
          };
    const binding = await this.bindings.activate(
      owner.homeId,
      {
        created_by: owner.userId,
        ...where,
        bucket: input.bucket,
        access_key: input.accessKey,
        secret_key_sealed: this.deps.sealer.seal(input.secretKey, sealContext(owner.homeId)),
        verified_at: now,
        last_error: null,
      },
      newId(),
      now,
    );
    this.deps.logger.info(
      { homeId: owner.homeId, provider: where.provider, bucket: input.bucket, region: where.region },
      'bucket bound',
    );
    const status = toStatus(binding, await this.countUnboundPhotos(owner.homeId));
    return unchecked.length > 0 ? { ...status, unchecked } : status;
  }

  async unbind(owner: HomeMember): Promise<StorageStatus> {
    if (!(await this.bindings.unbind(owner.homeId, this.now()))) {
      throw new AppError('STORAGE_NOT_BOUND', 'No bucket is bound');
    }
    return this.status(owner);
  }

  private countUnboundPhotos(homeId: string): Promise<number> {
    return new PhotosRepository(this.deps.db).countInUnboundBuckets(homeId);
  }
}

function toStatus(binding: StorageBinding, unboundPhotoCount: number): StorageStatus {
  const s3 = binding.provider === 's3';
  return {
    provider: binding.provider,
    bucket: binding.bucket,
    domain: binding.domain === '' ? null : binding.domain,
    region: s3 ? null : (binding.region as StorageStatus['region']),
    s3: s3
      ? {
          preset: (binding.preset ?? 'custom') as S3Preset,
          endpoint: binding.endpoint ?? '',
          region: binding.region,
          pathStyle: binding.path_style === 1,
        }
      : null,
    accessKeyMasked: maskAccessKey(binding.access_key),
    verifiedAt: binding.verified_at,
    lastError: binding.last_error,
    unboundPhotoCount,
  };
}

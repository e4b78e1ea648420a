/**
 * Turns photo rows into what clients see, with signed URLs. One binding lookup per page (not per photo),
 * and URL deadlines rounded to a window so the same photo keeps the same URL for a while and the
 * client's image cache works.
 */
import { isVideoMime, type Photo as PhotoDto } from '@xiaojia/shared';
import type { Photo, StorageBinding } from '../db/schema.js';
import { BindingsRepository } from '../repositories/bindings.js';
import type { ImageVariant, StorageProvider } from '../storage/provider.js';
import type { AppDeps } from '../trpc/context.js';
import { derivativeKey, derivativesOf } from './derivatives.js';

/** Signed URLs live between one and two windows. */
export const URL_WINDOW_MS = 30 * 60 * 1000;

export function urlDeadline(now: Date): Date {
  return new Date((Math.floor(now.getTime() / URL_WINDOW_MS) + 2) * URL_WINDOW_MS);
}

export class PhotoViews {
  private readonly providers = new Map<string, StorageProvider | null>();

  private constructor(
    private readonly deps: AppDeps,
    private readonly origin: string,
    private readonly bindings: Map<string, StorageBinding>,
    readonly expiresAt: Date,
  ) {}

  /** Prepare to present `photos` of `homeId`: loads the bindings they live in, in one query. */
  static async for(
    deps: AppDeps,
    homeId: string,
    origin: string,
    photos: readonly Pick<Photo, 'binding_id'>[],
  ): Promise<PhotoViews> {
    const ids = [...new Set(photos.map((p) => p.binding_id).filter((id): id is string => id !== null))];
    const rows = await new BindingsRepository(deps.db).byIds(homeId, ids);
    return PhotoViews.withBindings(deps, origin, rows);
  }

  /** Present photos whose bindings are already loaded (the community's pages span many homes). */
  static withBindings(deps: AppDeps, origin: string, bindings: readonly StorageBinding[]): PhotoViews {
    return new PhotoViews(deps, origin, new Map(bindings.map((b) => [b.id, b])), urlDeadline(deps.clock.now()));
  }

  /** The provider holding the photo, or null when its bucket is unbound (no URL can be signed). */
  provider(photo: Pick<Photo, 'binding_id'>): StorageProvider | null {
    const cacheKey = photo.binding_id ?? '';
    if (!this.providers.has(cacheKey)) {
      const binding = photo.binding_id ? this.bindings.get(photo.binding_id) : null;
      const usable = photo.binding_id === null || binding?.status === 'active';
      this.providers.set(cacheKey, usable ? this.deps.storage.forBinding(binding, this.origin) : null);
    }
    return this.providers.get(cacheKey) ?? null;
  }

  /**
   * A variant is the one the client stored beside the original where the photo has it (buckets without
   * image processing), else the provider's own processing of the original (of a video: a poster frame).
   */
  url(photo: Pick<Photo, 'binding_id' | 'object_key' | 'derivatives' | 'mime'>, variant?: ImageVariant): string | null {
    const provider = this.provider(photo);
    if (!provider) return null;
    if (variant && photo.derivatives && derivativesOf(photo).includes(variant)) {
      return provider.signedUrl(derivativeKey(photo.object_key, variant), this.expiresAt);
    }
    const media = isVideoMime(photo.mime) ? 'video' : 'image';
    return provider.signedUrl(photo.object_key, this.expiresAt, variant, media);
  }

  dto(photo: Photo): PhotoDto {
    const thumbUrl = this.url(photo, 'thumb');
    return {
      id: photo.id,
      filename: photo.filename,
      mime: photo.mime,
      size: Number(photo.size),
      width: photo.width,
      height: photo.height,
      takenAt: photo.taken_at,
      createdAt: photo.created_at,
      sortAt: photo.sort_at,
      deletedAt: photo.deleted_at,
      uploaderId: photo.uploader_id,
      thumbUrl,
      availability: thumbUrl === null ? 'unbound' : 'ok',
      thumbhash: photo.thumbhash,
      durationMs: photo.duration_ms === null ? null : Number(photo.duration_ms),
    };
  }
}

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
    return new PhotoViews(deps, origin, new Map(rows.map((b) => [b.id, b])), urlDeadline(deps.clock.now()));
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

  /** The original, or a variant (of a video: a poster frame). */
  url(photo: Pick<Photo, 'binding_id' | 'object_key' | 'mime'>, variant?: ImageVariant): string | null {
    const media = isVideoMime(photo.mime) ? 'video' : 'image';
    return this.provider(photo)?.signedUrl(photo.object_key, this.expiresAt, variant, media) ?? null;
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

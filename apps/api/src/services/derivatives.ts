/**
 * Client-made derivatives (issue 16): a bucket without image processing (R2, MinIO, AWS, custom S3) cannot
 * make thumbnails, so the client stores a JPEG thumbnail and preview (a video's poster frame) beside the
 * original under grants from uploads.create; confirm checks each is there, a JPEG, under the cap, and the
 * photo records which it has. PhotoViews signs those keys for the variant; purge deletes them.
 */
import { type DerivativeGrant, IMAGE_VARIANTS, type ImageVariantName } from '@xiaojia/shared';
import type { Photo } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { StorageProvider } from '../storage/provider.js';
import { S3Storage } from '../storage/s3/storage.js';
import type { AppDeps } from '../trpc/context.js';
import { storageAppError } from './storage.js';
import { sniffStored } from './stored-uploads.js';

/** The box each variant fits, as the providers' own processing makes them (s3/storage.ts VARIANT_BOX). */
export const DERIVATIVE_MAX_SIDE: Record<ImageVariantName, number> = { thumb: 480, preview: 2048 };
/** A JPEG of 2048 px at the viewer's quality is well under this; 480 px far under its own. */
export const DERIVATIVE_MAX_BYTES: Record<ImageVariantName, number> = {
  thumb: 256 * 1024,
  preview: 2 * 1024 * 1024,
};

/** Where a variant lives: beside the original (`h/<home>/…/<id>.jpg.thumb.jpg`). */
export const derivativeKey = (key: string, variant: ImageVariantName) => `${key}.${variant}.jpg`;

/** The variants recorded on a photo row ("thumb,preview"). */
export function derivativesOf(photo: Pick<Photo, 'derivatives'>): ImageVariantName[] {
  if (!photo.derivatives) return [];
  return photo.derivatives
    .split(',')
    .filter((v): v is ImageVariantName => (IMAGE_VARIANTS as readonly string[]).includes(v));
}

/** Every object a photo has in its bucket: the derivatives first, the original last. */
export function storedKeysOf(photo: Pick<Photo, 'object_key' | 'derivatives'>): string[] {
  return [...derivativesOf(photo).map((v) => derivativeKey(photo.object_key, v)), photo.object_key];
}

/** The S3 bucket that needs client-made variants, or null when the provider makes its own. */
export function needsDerivatives(provider: StorageProvider): S3Storage | null {
  return provider instanceof S3Storage && provider.capabilities.imageProcessing === null ? provider : null;
}

/** Grants for both variants of the upload of `key`, valid as long as its own grant. */
export async function derivativeGrants(provider: S3Storage, key: string, expiresAt: Date): Promise<DerivativeGrant[]> {
  return Promise.all(
    IMAGE_VARIANTS.map(async (variant) => {
      const derivative = derivativeKey(key, variant);
      const grant = await provider.grantDerivative(derivative, expiresAt);
      return {
        variant,
        key: derivative,
        maxSide: DERIVATIVE_MAX_SIDE[variant],
        maxBytes: DERIVATIVE_MAX_BYTES[variant],
        method: grant.method ?? 'PUT',
        uploadUrl: grant.uploadUrl,
        fields: grant.fields,
        ...(grant.headers ? { headers: grant.headers } : {}),
      };
    }),
  );
}

/**
 * Checks the variants the client says it stored for `key`: each must be there, a JPEG by its bytes and
 * under its cap; one that is not is deleted and the confirm refused (the client may confirm without it).
 * Answers what to record on the photo (null: none). Providers that make their own variants ignore them.
 */
export async function verifyDerivatives(
  deps: AppDeps,
  provider: StorageProvider,
  key: string,
  claimed: readonly ImageVariantName[] | undefined,
): Promise<string | null> {
  const s3 = needsDerivatives(provider);
  const variants = IMAGE_VARIANTS.filter((v) => claimed?.includes(v));
  if (!s3 || variants.length === 0) return null;
  for (const variant of variants) {
    const derivative = derivativeKey(key, variant);
    let stat: Awaited<ReturnType<S3Storage['stat']>>;
    try {
      stat = await s3.stat(derivative);
    } catch (error) {
      throw storageAppError(error);
    }
    if (!stat) {
      throw new AppError('UPLOAD_NOT_IN_STORAGE', `The ${variant} has not arrived in storage`, { variant });
    }
    if (stat.size > DERIVATIVE_MAX_BYTES[variant]) {
      await s3.delete(derivative).catch((error: unknown) => {
        deps.logger.warn({ err: error }, 'could not delete an oversize derivative');
      });
      throw new AppError('UPLOAD_TOO_LARGE', `The ${variant} is larger than ${DERIVATIVE_MAX_BYTES[variant]} bytes`, {
        variant,
        maxBytes: DERIVATIVE_MAX_BYTES[variant],
      });
    }
    await sniffStored(deps, s3, derivative, ['image/jpeg']);
  }
  return variants.join(',');
}

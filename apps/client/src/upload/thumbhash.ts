/**
 * A photo's ThumbHash, made on the device when its turn comes in the queue and sent with uploads.confirm:
 * the grid paints it while the real thumbnail loads (lib/placeholder.ts). Each platform reads a small copy
 * of the photo's pixels its own way (thumb-pixels.ts, .weapp.ts, .rn.ts); this turns them into the hash.
 * A photo whose pixels cannot be read (damaged, a HEIC the browser cannot decode, out of memory) simply
 * goes without one: making the hash never fails or holds up an upload.
 */
import { rgbaToThumbHash } from 'thumbhash';
import { toBase64 } from '../lib/base64';

/** ThumbHash encodes at most 100×100 pixels (more is slower and no better). */
export const THUMB_MAX_SIDE = 100;

/**
 * How long reading the pixels may take. The queue prepares one file at a time, so a decoder that never
 * answers would hold up every file picked after it.
 */
export const THUMB_READ_TIMEOUT_MS = 10_000;

/** A small copy of the photo, RGBA row by row (not premultiplied). */
export interface ThumbPixels {
  width: number;
  height: number;
  rgba: ArrayLike<number>;
}

export interface Size {
  width: number;
  height: number;
}

/** The photo's size scaled down to fit within `max`×`max`, keeping its aspect; null for a size that is not one. */
export function thumbSize(width: number, height: number, max = THUMB_MAX_SIDE): Size | null {
  if (!(width > 0 && height > 0 && Number.isFinite(width) && Number.isFinite(height))) return null;
  const scale = Math.min(1, max / Math.max(width, height));
  return {
    width: Math.max(1, Math.min(max, Math.round(width * scale))),
    height: Math.max(1, Math.min(max, Math.round(height * scale))),
  };
}

/** The ThumbHash of pixels already scaled down, in base64; null for pixels that are not a small image. */
export function thumbhashOfPixels({ width, height, rgba }: ThumbPixels): string | null {
  if (!thumbSize(width, height) || width > THUMB_MAX_SIDE || height > THUMB_MAX_SIDE) return null;
  if (rgba.length !== width * height * 4) return null;
  return toBase64(rgbaToThumbHash(width, height, rgba));
}

/**
 * Reads the pixels with `read` and answers their ThumbHash, or null when they cannot be read in time:
 * whatever goes wrong, the photo uploads without one.
 */
export async function makeThumbhash(
  read: () => Promise<ThumbPixels | null>,
  timeoutMs = THUMB_READ_TIMEOUT_MS,
): Promise<string | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  try {
    const pixels = await Promise.race([read(), late]);
    return pixels ? thumbhashOfPixels(pixels) : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

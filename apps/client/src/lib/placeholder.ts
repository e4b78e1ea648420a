/**
 * What the timeline paints for a photo while its thumbnail loads, from the ThumbHash made at upload: the
 * photo's average colour (at once) and a blurred picture of it (a PNG data: URL). The grid asks for every
 * visible cell on every render, so answers are kept in a small LRU keyed by the hash.
 *
 * ThumbHash decodes to a picture of up to 32 px whose PNG it stores uncompressed: ~3.7 KB of base64 per
 * photo, which made these URLs the largest thing on the timeline's JS heap (BENCHMARKS.md 8c). The picture
 * holds only the hash's few low frequencies, and the cell blurs it anyway, so it is averaged down to at
 * most PICTURE_PX px first: ~0.5 KB, and no visible difference.
 */
import { zThumbhash } from '@xiaojia/shared';
import { rgbaToDataURL, thumbHashToApproximateAspectRatio, thumbHashToAverageRGBA, thumbHashToRGBA } from 'thumbhash';
import { fromBase64, portableBtoa } from './base64';

export interface Placeholder {
  /** CSS rgb() of the photo's average colour. */
  color: string;
  /** data:image/png;base64 URL of the blurred picture. */
  url: string;
}

/** A few screens of cells: each entry holds a ~0.5 KB data: URL. */
export const PLACEHOLDER_CACHE_SIZE = 200;

/**
 * thumbhash's PNG step ends in the global btoa, which the mini-program runtime and RN 0.73's Hermes lack.
 * On RN a free name is looked up on the global object, so installing it there is enough; the mini-program
 * may sandbox its globals, so its build hands every module this btoa instead (config/index.ts).
 */
function ensureBtoa(): void {
  const global = globalThis as { btoa?: (binary: string) => string };
  if (typeof global.btoa !== 'function') global.btoa = portableBtoa;
}

/** The longer side of the placeholder picture, in pixels. */
export const PICTURE_PX = 10;

/** `rgba` (w×h) averaged down so its longer side is at most `max` pixels. */
export function shrinkRgba(w: number, h: number, rgba: ArrayLike<number>, max: number) {
  const scale = Math.max(1, Math.max(w, h) / max);
  const sw = Math.max(1, Math.round(w / scale));
  const sh = Math.max(1, Math.round(h / scale));
  if (sw === w && sh === h) return { w, h, rgba: Uint8Array.from(rgba) };
  const out = new Uint8Array(sw * sh * 4);
  for (let y = 0; y < sh; y++) {
    const y0 = Math.floor((y * h) / sh);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * h) / sh));
    for (let x = 0; x < sw; x++) {
      const x0 = Math.floor((x * w) / sw);
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * w) / sw));
      const sum = [0, 0, 0, 0];
      for (let yy = y0; yy < y1; yy++) {
        for (let xx = x0; xx < x1; xx++) {
          for (let c = 0; c < 4; c++) sum[c] = (sum[c] ?? 0) + (rgba[(yy * w + xx) * 4 + c] ?? 0);
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      for (let c = 0; c < 4; c++) out[(y * sw + x) * 4 + c] = Math.round((sum[c] ?? 0) / n);
    }
  }
  return { w: sw, h: sh, rgba: out };
}

function toCssColor({ r, g, b }: { r: number; g: number; b: number }): string {
  return `rgb(${Math.round(r * 255)}, ${Math.round(g * 255)}, ${Math.round(b * 255)})`;
}

function decode(thumbhash: string): Placeholder | null {
  if (!zThumbhash.safeParse(thumbhash).success) return null;
  const hash = fromBase64(thumbhash);
  if (!hash) return null;
  // Bytes that are not a ThumbHash decode to a picture with no width or height.
  const ratio = thumbHashToApproximateAspectRatio(hash);
  if (!Number.isFinite(ratio) || ratio <= 0) return null;
  ensureBtoa();
  try {
    const picture = thumbHashToRGBA(hash);
    const small = shrinkRgba(picture.w, picture.h, picture.rgba, PICTURE_PX);
    return { color: toCssColor(thumbHashToAverageRGBA(hash)), url: rgbaToDataURL(small.w, small.h, small.rgba) };
  } catch {
    return null;
  }
}

/** A placeholderOf with its own cache of `limit` hashes, the least recently asked for dropped first. */
export function createPlaceholderCache(limit = PLACEHOLDER_CACHE_SIZE) {
  const cache = new Map<string, Placeholder | null>();
  return function placeholderOf(thumbhash: string | null): Placeholder | null {
    if (!thumbhash) return null;
    if (cache.has(thumbhash)) {
      const known = cache.get(thumbhash) ?? null;
      // A Map iterates in insertion order: inserting again makes this the most recently used.
      cache.delete(thumbhash);
      cache.set(thumbhash, known);
      return known;
    }
    const made = decode(thumbhash);
    cache.set(thumbhash, made);
    if (cache.size > limit) cache.delete(cache.keys().next().value as string);
    return made;
  };
}

/** The grid's placeholder for a photo's ThumbHash; null without one or for one that is not a ThumbHash. */
export const placeholderOf = createPlaceholderCache();

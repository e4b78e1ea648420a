/**
 * What the timeline paints for a photo while its thumbnail loads, from the ThumbHash made at upload: the
 * photo's average colour (at once) and a blurred 32 px picture of it (a PNG data: URL). The grid asks for
 * every visible cell on every render, so answers are kept in a small LRU keyed by the hash.
 */
import { zThumbhash } from '@xiaojia/shared';
import { thumbHashToApproximateAspectRatio, thumbHashToAverageRGBA, thumbHashToDataURL } from 'thumbhash';
import { fromBase64, portableBtoa } from './base64';

export interface Placeholder {
  /** CSS rgb() of the photo's average colour. */
  color: string;
  /** data:image/png;base64 URL of the blurred picture. */
  url: string;
}

/** A few screens of cells: each entry holds a ~6 KB data: URL. */
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
    return { color: toCssColor(thumbHashToAverageRGBA(hash)), url: thumbHashToDataURL(hash) };
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

import { zThumbhash } from '@xiaojia/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { solidPixels } from '../../test/support/upload';
import { makeThumbhash, THUMB_READ_TIMEOUT_MS, type ThumbPixels, thumbhashOfPixels, thumbSize } from './thumbhash';

describe('thumbSize', () => {
  it('fits a photo within 100×100 keeping its aspect', () => {
    expect(thumbSize(4032, 3024)).toEqual({ width: 100, height: 75 });
    expect(thumbSize(3024, 4032)).toEqual({ width: 75, height: 100 });
    expect(thumbSize(1200, 1200)).toEqual({ width: 100, height: 100 });
    expect(thumbSize(1600, 900)).toEqual({ width: 100, height: 56 });
  });

  it('never scales up, and keeps a pixel of a panorama', () => {
    expect(thumbSize(80, 60)).toEqual({ width: 80, height: 60 });
    expect(thumbSize(2, 2)).toEqual({ width: 2, height: 2 });
    expect(thumbSize(20_000, 50)).toEqual({ width: 100, height: 1 });
  });

  it('answers null for a size that is not one', () => {
    expect(thumbSize(0, 100)).toBeNull();
    expect(thumbSize(100, Number.NaN)).toBeNull();
    expect(thumbSize(-5, 10)).toBeNull();
    expect(thumbSize(Number.POSITIVE_INFINITY, 10)).toBeNull();
  });
});

describe('thumbhashOfPixels', () => {
  it('gives base64 the API accepts', () => {
    for (const [width, height] of [
      [100, 75],
      [75, 100],
      [100, 1],
      [2, 2],
    ] as const) {
      const hash = thumbhashOfPixels(solidPixels(width, height));
      expect(zThumbhash.safeParse(hash).success, `${width}×${height}: ${hash}`).toBe(true);
    }
  });

  it('answers null for pixels too large to hash or not width × height × 4 bytes', () => {
    expect(thumbhashOfPixels(solidPixels(101, 50))).toBeNull();
    expect(thumbhashOfPixels({ width: 10, height: 10, rgba: new Uint8Array(399) })).toBeNull();
  });
});

describe('makeThumbhash', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('hashes the pixels read', async () => {
    expect(await makeThumbhash(async () => solidPixels(100, 75))).toBe(thumbhashOfPixels(solidPixels(100, 75)));
  });

  it('answers null, never throwing, when the pixels cannot be read', async () => {
    expect(await makeThumbhash(async () => null)).toBeNull();
    expect(
      await makeThumbhash(async () => {
        throw new Error('EncodingError: the source image cannot be decoded');
      }),
    ).toBeNull();
    expect(
      await makeThumbhash(() => {
        throw new RangeError('out of memory');
      }),
    ).toBeNull();
    expect(await makeThumbhash(async () => ({ width: 4000, height: 3000, rgba: new Uint8Array(0) }))).toBeNull();
  });

  it('gives up on a decoder that never answers, so the next file is not held up', async () => {
    vi.useFakeTimers();
    const answer = makeThumbhash(() => new Promise<ThumbPixels>(() => {}));
    await vi.advanceTimersByTimeAsync(THUMB_READ_TIMEOUT_MS);
    expect(await answer).toBeNull();
  });
});

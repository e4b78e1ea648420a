import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DerivativeTooLarge, encodeWithin, fitWithin, posterTime, QUALITY_STEPS } from './derivative-fit';
import { makeDerivative } from './derivative-image';
import type { PickedFile } from './queue';

describe('fitting a derivative', () => {
  it('scales the longer side to maxSide and keeps the aspect, either way round', () => {
    expect(fitWithin(4000, 3000, 480)).toEqual({ width: 480, height: 360 });
    expect(fitWithin(3000, 4000, 2048)).toEqual({ width: 1536, height: 2048 });
    expect(fitWithin(10000, 10, 480)).toEqual({ width: 480, height: 1 });
  });

  it('never enlarges a picture already small enough', () => {
    expect(fitWithin(300, 200, 480)).toEqual({ width: 300, height: 200 });
    expect(fitWithin(480, 480, 480)).toEqual({ width: 480, height: 480 });
  });

  it('refuses sizes that are not positive', () => {
    expect(() => fitWithin(0, 100, 480)).toThrow(RangeError);
    expect(() => fitWithin(100, 100, 0)).toThrow(RangeError);
  });

  it('takes a video poster a second in, or halfway through a shorter one', () => {
    expect(posterTime(30)).toBe(1);
    expect(posterTime(0.8)).toBe(0.4);
    expect(posterTime(Number.NaN)).toBe(0);
  });
});

describe('keeping a derivative under maxBytes', () => {
  it('takes the first quality whose result is small enough, discarding the larger ones', async () => {
    const tried: number[] = [];
    const discarded: number[] = [];
    const result = await encodeWithin(
      60_000,
      async (quality) => {
        tried.push(quality);
        return { size: Math.round(quality * 100_000) };
      },
      (big) => {
        discarded.push(big.size);
      },
    );
    expect(tried).toEqual([0.85, 0.75, 0.65, 0.55]);
    expect(discarded).toEqual([85_000, 75_000, 65_000]);
    expect(result).toEqual({ size: 55_000, quality: 0.55 });
  });

  it('fails when even the lowest quality is too large', async () => {
    const error = await encodeWithin(1000, async () => ({ size: 5000 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DerivativeTooLarge);
    expect((error as DerivativeTooLarge).bytes).toBe(5000);
  });
});

/**
 * The browser's decoder and canvas as far as the maker uses them: a "photo" of a given size, and JPEGs
 * whose byte count grows with pixels and quality, as real ones do.
 */
function fakeBrowser(photo: { width: number; height: number }) {
  const drawn: { width: number; height: number }[] = [];
  const qualities: number[] = [];
  const bitmapOptions: unknown[] = [];
  class FakeOffscreenCanvas {
    constructor(
      readonly width: number,
      readonly height: number,
    ) {}
    getContext() {
      return {
        fillStyle: '',
        fillRect() {},
        drawImage: (_image: unknown, _x: number, _y: number, width: number, height: number) => {
          drawn.push({ width, height });
        },
      };
    }
    async convertToBlob({ type, quality }: { type: string; quality: number }) {
      qualities.push(quality);
      return new Blob([new Uint8Array(Math.round(this.width * this.height * quality))], { type });
    }
  }
  vi.stubGlobal('OffscreenCanvas', FakeOffscreenCanvas);
  vi.stubGlobal('createImageBitmap', async (_blob: Blob, options: unknown) => {
    bitmapOptions.push(options);
    return { ...photo, close() {} };
  });
  const urls: string[] = [];
  const revoked: string[] = [];
  vi.stubGlobal('URL', {
    createObjectURL: () => {
      urls.push(`blob:derivative-${urls.length}`);
      return urls.at(-1);
    },
    revokeObjectURL: (url: string) => revoked.push(url),
  });
  return { drawn, qualities, bitmapOptions, urls, revoked };
}

const picked: PickedFile = {
  path: 'blob:photo',
  name: 'a.jpg',
  size: 3_000_000,
  mime: 'image/jpeg',
  source: { path: 'blob:photo', size: 3_000_000, originalFileObj: new Blob([new Uint8Array(10)]) },
};

describe('making a derivative in the browser', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it('draws the photo, oriented as EXIF says, to fit maxSide and encodes a JPEG under maxBytes', async () => {
    const browser = fakeBrowser({ width: 4000, height: 3000 });
    const made = await makeDerivative(picked, { variant: 'thumb', maxSide: 480, maxBytes: 1_000_000 });
    expect(browser.bitmapOptions).toEqual([{ imageOrientation: 'from-image' }]);
    expect(browser.drawn).toEqual([{ width: 480, height: 360 }]);
    expect(browser.qualities).toEqual([QUALITY_STEPS[0]]);
    expect(made?.file).toMatchObject({ name: 'thumb.jpg', mime: 'image/jpeg', width: 480, height: 360 });
    expect(made?.file.size).toBe(Math.round(480 * 360 * 0.85));
    expect(made?.file.path).toBe('blob:derivative-0');
    made?.release();
    expect(browser.revoked).toEqual(['blob:derivative-0']);
  });

  it('never enlarges a small photo and steps the quality down until the JPEG is small enough', async () => {
    const browser = fakeBrowser({ width: 1000, height: 800 });
    const made = await makeDerivative(picked, { variant: 'preview', maxSide: 2048, maxBytes: 500_000 });
    expect(browser.drawn).toEqual([{ width: 1000, height: 800 }]);
    // 800,000 px: 0.85 → 680 KB, 0.75 → 600 KB, 0.65 → 520 KB, 0.55 → 440 KB.
    expect(browser.qualities).toEqual([0.85, 0.75, 0.65, 0.55]);
    expect(made?.file.size).toBe(440_000);
  });

  it('fails (for the caller to log) when the JPEG cannot get small enough', async () => {
    fakeBrowser({ width: 2048, height: 2048 });
    await expect(makeDerivative(picked, { variant: 'preview', maxSide: 2048, maxBytes: 1000 })).rejects.toBeInstanceOf(
      DerivativeTooLarge,
    );
  });
});

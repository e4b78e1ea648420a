import { afterEach, describe, expect, it } from 'vitest';
import { solidPixels } from '../../test/support/upload';
import { thumbhashOfPixels } from '../upload/thumbhash';
import { fromBase64, portableBtoa, toBase64 } from './base64';
import { createPlaceholderCache, PICTURE_PX, placeholderOf, shrinkRgba } from './placeholder';

/** The ThumbHash (base64) of a `width`×`height` picture of one colour, as the upload makes it. */
function hashOf(rgb: [number, number, number], width = 40, height = 30): string {
  const hash = thumbhashOfPixels(solidPixels(width, height, rgb));
  if (!hash) throw new Error('no hash');
  return hash;
}

function channels(color: string): number[] {
  const match = /^rgb\((\d+), (\d+), (\d+)\)$/.exec(color);
  if (!match) throw new Error(`not a css rgb(): ${color}`);
  return match.slice(1).map(Number);
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('placeholderOf', () => {
  it("gives the photo's average colour and a PNG data: URL of its blurred picture", () => {
    const placeholder = placeholderOf(hashOf([200, 60, 40]));
    if (!placeholder) throw new Error('no placeholder for a valid hash');
    const [r, g, b] = channels(placeholder.color);
    expect(Math.abs((r ?? 0) - 200)).toBeLessThanOrEqual(8);
    expect(Math.abs((g ?? 0) - 60)).toBeLessThanOrEqual(8);
    expect(Math.abs((b ?? 0) - 40)).toBeLessThanOrEqual(8);
    expect(placeholder.url).toMatch(/^data:image\/png;base64,/);
    const png = fromBase64(placeholder.url.slice('data:image/png;base64,'.length));
    expect([...(png ?? []).slice(0, 8)]).toEqual(PNG_SIGNATURE);
  });

  it('answers null, never throwing, without a hash or for one that is not a ThumbHash', () => {
    expect(placeholderOf(null)).toBeNull();
    expect(placeholderOf('')).toBeNull();
    expect(placeholderOf('not a thumbhash!')).toBeNull();
    // Too short and too long for a ThumbHash.
    expect(placeholderOf('AAAA')).toBeNull();
    expect(placeholderOf(toBase64(new Uint8Array(40)))).toBeNull();
    // Base64 of the right length whose header gives the picture no width.
    expect(placeholderOf(toBase64(new Uint8Array(12)))).toBeNull();
  });

  it('keeps a bounded cache, dropping the hash asked for least recently', () => {
    const cached = createPlaceholderCache(2);
    const [red, green, blue] = [hashOf([255, 0, 0]), hashOf([0, 255, 0]), hashOf([0, 0, 255])];
    const firstRed = cached(red);
    const firstGreen = cached(green);
    // Asked again: the same answer, not decoded again; red is now the most recently used.
    expect(cached(red)).toBe(firstRed);
    // A third hash pushes out green, the least recently used, and keeps red.
    cached(blue);
    expect(cached(red)).toBe(firstRed);
    const greenAgain = cached(green);
    expect(greenAgain).not.toBe(firstGreen);
    expect(greenAgain).toEqual(firstGreen);
  });

  describe('where the runtime has no btoa (WeChat, RN 0.73 Hermes)', () => {
    const nativeBtoa = globalThis.btoa;
    afterEach(() => {
      globalThis.btoa = nativeBtoa;
    });

    it("makes the same PNG bytes with the portable base64 as with the browser's btoa", () => {
      const hashes = [hashOf([200, 60, 40]), hashOf([30, 140, 90], 100, 20), hashOf([250, 250, 250], 12, 90)];
      const withBtoa = hashes.map((hash) => createPlaceholderCache()(hash)?.url);
      Reflect.deleteProperty(globalThis, 'btoa');
      expect(typeof globalThis.btoa).toBe('undefined');
      const withoutBtoa = hashes.map((hash) => createPlaceholderCache()(hash)?.url);
      expect(globalThis.btoa).toBe(portableBtoa);
      expect(withoutBtoa).toEqual(withBtoa);
      expect(withBtoa.every((url) => url?.startsWith('data:image/png;base64,'))).toBe(true);
    });
  });
});

describe('the placeholder picture', () => {
  it('is at most PICTURE_PX on its longer side, with the shape of the photo, and small', () => {
    const wide = placeholderOf(hashOf([30, 120, 200], 80, 40));
    if (!wide) throw new Error('no placeholder');
    const png = fromBase64(wide.url.slice('data:image/png;base64,'.length)) ?? new Uint8Array();
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    // IHDR: width and height are the first fields of the first chunk.
    const [width, height] = [view.getUint32(16), view.getUint32(20)];
    expect(Math.max(width, height)).toBe(PICTURE_PX);
    expect(width / height).toBeGreaterThan(1.5);
    expect(wide.url.length).toBeLessThan(1000);
  });

  it('averages blocks of pixels, and keeps a picture already small as it is', () => {
    const black = [0, 0, 0, 255];
    const white = [255, 255, 255, 255];
    // 4×2, left half black and right half white: to 2×1, one black pixel and one white.
    const halves = Uint8Array.from([...black, ...black, ...white, ...white, ...black, ...black, ...white, ...white]);
    expect(shrinkRgba(4, 2, halves, 2)).toEqual({ w: 2, h: 1, rgba: Uint8Array.from([...black, ...white]) });
    expect(shrinkRgba(4, 2, halves, 10)).toEqual({ w: 4, h: 2, rgba: halves });
    // 3 columns to 2: the first keeps one pixel, the second averages two.
    const row = Uint8Array.from([0, 0, 0, 255, 90, 90, 90, 255, 30, 30, 30, 255]);
    expect(shrinkRgba(3, 1, row, 2).rgba).toEqual(Uint8Array.from([0, 0, 0, 255, 60, 60, 60, 255]));
  });
});

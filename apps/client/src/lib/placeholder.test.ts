import { afterEach, describe, expect, it } from 'vitest';
import { solidPixels } from '../../test/support/upload';
import { thumbhashOfPixels } from '../upload/thumbhash';
import { fromBase64, portableBtoa, toBase64 } from './base64';
import { createPlaceholderCache, placeholderOf } from './placeholder';

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

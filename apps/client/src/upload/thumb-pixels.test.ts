import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Taro from '@tarojs/taro';
import { thumbHashToAverageRGBA } from 'thumbhash';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fromBase64 } from '../lib/base64';
import type { PickedFile } from './queue';
import { readThumbPixels as readThumbPixelsRn } from './thumb-pixels.rn';
import { readThumbPixels as readThumbPixelsWeapp } from './thumb-pixels.weapp';
import { makeThumbhash } from './thumbhash';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
/** 80×60: the top half rgb(200, 60, 40), the bottom half rgb(40, 120, 200); on average rgb(120, 90, 120). */
const TWO_TONE = path.join(fixtures, 'two-tone-80x60.jpg');

function picked(filePath: string): PickedFile {
  return { path: filePath, name: path.basename(filePath), size: 1000, mime: 'image/jpeg' };
}

function averageOf(hash: string | null): number[] {
  const bytes = hash ? fromBase64(hash) : null;
  if (!bytes) throw new Error(`not a thumbhash: ${hash}`);
  const { r, g, b } = thumbHashToAverageRGBA(bytes);
  return [r, g, b].map((channel) => Math.round(channel * 255));
}

// The native resizer and file system stand in by their documented contracts: the resizer writes a small
// JPEG (here: the fixture, already within 100×100) and answers its uri; expo-file-system reads it in base64.
const native = vi.hoisted(() => ({
  resized: [] as unknown[][],
  deleted: [] as string[],
  smallCopy: '',
}));
vi.mock('@bam.tech/react-native-image-resizer', () => ({
  default: {
    async createResizedImage(...args: unknown[]) {
      native.resized.push(args);
      return { uri: `file://${native.smallCopy}`, path: native.smallCopy, width: 80, height: 60, size: 1, name: 'x' };
    },
  },
}));
vi.mock('expo-file-system', () => ({
  EncodingType: { Base64: 'base64' },
  async readAsStringAsync(uri: string, options: { encoding: string }) {
    if (options.encoding !== 'base64') throw new Error('expected a base64 read');
    return readFileSync(uri.replace(/^file:\/\//, '')).toString('base64');
  },
  async deleteAsync(uri: string) {
    native.deleted.push(uri);
  },
}));

describe('thumbnail pixels on React Native', () => {
  beforeEach(() => {
    native.resized = [];
    native.deleted = [];
    native.smallCopy = TWO_TONE;
  });

  it("decodes the resizer's small JPEG into a ThumbHash of the photo's colours, then deletes it", async () => {
    const hash = await makeThumbhash(() => readThumbPixelsRn(picked('file:///cache/IMG_0001.JPG')));
    const [r, g, b] = averageOf(hash);
    expect(Math.abs((r ?? 0) - 120)).toBeLessThanOrEqual(12);
    expect(Math.abs((g ?? 0) - 90)).toBeLessThanOrEqual(12);
    expect(Math.abs((b ?? 0) - 120)).toBeLessThanOrEqual(12);
    // Asked to fit the photo within 100×100, keeping its aspect.
    expect(native.resized[0]?.slice(0, 4)).toEqual(['file:///cache/IMG_0001.JPG', 100, 100, 'JPEG']);
    expect(native.resized[0]?.at(-1)).toMatchObject({ mode: 'contain' });
    expect(native.deleted).toEqual([`file://${TWO_TONE}`]);
  });

  it('answers no hash for a small copy jpeg-js cannot decode, and still deletes it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'xiaojia-thumb-'));
    try {
      // The JPEG cut off after its first 100 bytes, as a full disk or a killed resizer might leave it.
      native.smallCopy = path.join(dir, 'cut.jpg');
      writeFileSync(native.smallCopy, readFileSync(TWO_TONE).subarray(0, 100));
      expect(await makeThumbhash(() => readThumbPixelsRn(picked('file:///cache/broken.jpg')))).toBeNull();
      expect(native.deleted).toEqual([`file://${native.smallCopy}`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** An image of WeChat's offscreen canvas: setting its src loads it, then it calls onload or onerror. */
class FakeImage {
  width = 0;
  height = 0;
  onload = () => {};
  onerror = (_error: unknown) => {};
  constructor(private readonly photo: { width: number; height: number } | 'undecodable') {}
  set src(_path: string) {
    if (this.photo === 'undecodable') {
      this.onerror({ errMsg: 'load image fail' });
    } else {
      this.width = this.photo.width;
      this.height = this.photo.height;
      this.onload();
    }
  }
}

/** WeChat's offscreen 2D canvas, as its documentation describes it: the image loads from a temp path. */
function fakeOffscreenCanvas(photo: { width: number; height: number } | 'undecodable') {
  const drawn: number[][] = [];
  const read: number[][] = [];
  const canvas = {
    width: 0,
    height: 0,
    getContext: () => ({
      drawImage: (_image: unknown, ...box: number[]) => drawn.push(box),
      getImageData: (x: number, y: number, width: number, height: number) => {
        read.push([x, y, width, height]);
        return { width, height, data: new Uint8ClampedArray(width * height * 4).fill(255) };
      },
    }),
    createImage: () => new FakeImage(photo),
  };
  return { create: vi.fn(() => canvas), drawn, read };
}

describe('thumbnail pixels in WeChat', () => {
  afterEach(() => {
    Taro.createOffscreenCanvas = undefined as never;
  });

  it('draws the photo at thumbnail size on an offscreen 2D canvas and reads that much back', async () => {
    const wx = fakeOffscreenCanvas({ width: 4032, height: 3024 });
    Taro.createOffscreenCanvas = wx.create as never;
    const pixels = await readThumbPixelsWeapp(picked('wxfile://tmp/photo.jpg'));
    expect(wx.create).toHaveBeenCalledWith({ type: '2d', width: 100, height: 100 });
    expect(wx.drawn).toEqual([[0, 0, 100, 75]]);
    expect(wx.read).toEqual([[0, 0, 100, 75]]);
    expect(pixels).toMatchObject({ width: 100, height: 75 });
    expect(pixels?.rgba.length).toBe(100 * 75 * 4);
  });

  it('answers no hash for a photo WeChat cannot decode, or an old WeChat without offscreen canvases', async () => {
    Taro.createOffscreenCanvas = fakeOffscreenCanvas('undecodable').create as never;
    expect(await makeThumbhash(() => readThumbPixelsWeapp(picked('wxfile://tmp/photo.heic')))).toBeNull();
    Taro.createOffscreenCanvas = undefined as never;
    expect(await readThumbPixelsWeapp(picked('wxfile://tmp/photo.jpg'))).toBeNull();
  });
});

import Taro from '@tarojs/taro';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { qetag as serverQetag } from '../../../api/src/storage/qetag';
import { solidPixels } from '../../test/support/upload';
import { pickedFileOf, pickPhotos, pickWithTaro, preparePickedFile } from './picker';
import { FileRejected, type PickedFile } from './queue';
import { thumbhashOfPixels } from './thumbhash';
import { looksLikeVideo, tempFileOfMedia } from './video-pick';

/** The first bytes of an MP4 as phones write it: an ftyp box, then anything. */
function mp4Bytes(length = 4096): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length).fill(7);
  bytes.set([0, 0, 0, 0x20, ...new TextEncoder().encode('ftypisom')]);
  return bytes;
}

function inBrowser(name: string, bytes: Uint8Array<ArrayBuffer>, type: string): PickedFile {
  const file = new File([bytes], name, { type });
  return pickedFileOf({ path: `blob:${name}`, size: file.size, type, originalFileObj: file });
}

const noDecode = { imageSize: async () => null, thumbPixels: async () => null, probeVideo: async () => null };

describe('picking videos with photos', () => {
  afterEach(() => {
    Taro.chooseMedia = undefined as never;
    vi.restoreAllMocks();
  });

  it("takes WeChat's video facts (seconds, size, poster frame) and lets its photos be", async () => {
    Taro.chooseMedia = (async () => ({
      type: 'mix',
      tempFiles: [
        { tempFilePath: 'wxfile://tmp/a.jpg', size: 2_000_000, fileType: 'image', width: 10, height: 10 },
        {
          tempFilePath: 'wxfile://tmp/b.mp4',
          size: 30_000_000,
          fileType: 'video',
          duration: 12.48,
          width: 1920,
          height: 1080,
          thumbTempFilePath: 'wxfile://tmp/b-thumb.jpg',
        },
        // A temp video without an extension is still WeChat's MP4.
        { tempFilePath: 'wxfile://tmp/c', size: 1_000, fileType: 'video', duration: 3 },
      ],
    })) as never;
    const { files } = await pickWithTaro('album');
    expect(files.map(({ source: _, ...file }) => file)).toEqual([
      { path: 'wxfile://tmp/a.jpg', name: 'a.jpg', size: 2_000_000, mime: 'image/jpeg' },
      {
        path: 'wxfile://tmp/b.mp4',
        name: 'b.mp4',
        size: 30_000_000,
        mime: 'video/mp4',
        durationMs: 12_480,
        width: 1920,
        height: 1080,
        posterPath: 'wxfile://tmp/b-thumb.jpg',
      },
      { path: 'wxfile://tmp/c', name: 'c', size: 1_000, mime: 'video/mp4', durationMs: 3_000 },
    ]);
  });

  it("records from WeChat's camera at most its 60 s", async () => {
    const chooseMedia = vi.fn(async () => ({ type: 'video', tempFiles: [] }));
    Taro.chooseMedia = chooseMedia as never;
    await pickWithTaro('camera');
    expect(chooseMedia).toHaveBeenCalledWith(
      expect.objectContaining({ count: 1, sourceType: ['camera'], maxDuration: 60, mediaType: ['image', 'video'] }),
    );
  });

  it("takes the RN picker's assets: milliseconds, the file's own name and type", () => {
    const rn = {
      path: 'file:///cache/ImagePicker/x1.mov',
      uri: 'file:///cache/ImagePicker/x1.mov',
      size: 5_000_000,
      type: 'video/quicktime',
      mimeType: 'video/quicktime',
      fileName: 'IMG_0042.MOV',
      fileType: 'video',
      duration: 62_034,
      width: 1080,
      height: 1920,
    };
    const file = pickedFileOf(tempFileOfMedia(rn, 'rn'));
    expect(file).toMatchObject({
      name: 'IMG_0042.MOV',
      mime: 'video/quicktime',
      durationMs: 62_034,
      width: 1080,
      height: 1920,
    });
    expect(file.posterPath).toBeUndefined();
    const photo = pickedFileOf(
      tempFileOfMedia({ path: 'file:///cache/p.heic', size: 9, mimeType: 'image/heic', fileType: 'image' }, 'rn'),
    );
    expect(photo).toMatchObject({ mime: 'image/heic', name: 'p.heic' });
    expect(photo.durationMs).toBeUndefined();
  });

  it('drops a length that is no length (negative, absurd)', () => {
    for (const duration of [-1, 0, Number.NaN, 10 * 24 * 3600]) {
      const temp = tempFileOfMedia({ tempFilePath: 'wxfile://v.mp4', size: 10, fileType: 'video', duration }, 'weapp');
      expect(temp.durationMs, String(duration)).toBeUndefined();
    }
  });

  it("offers the browser's picker MP4 and QuickTime videos with the photos", async () => {
    URL.createObjectURL = vi.fn((blob: Blob) => `blob:${(blob as File).name}`);
    vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (this: HTMLInputElement) {
      const chosen = [
        new File([mp4Bytes(16)], 'clip.mp4', { type: 'video/mp4' }),
        new File([mp4Bytes(16)], 'IMG_1.MOV', { type: 'video/quicktime' }),
        new File([mp4Bytes(16)], 'film.webm', { type: 'video/webm' }),
      ];
      Object.defineProperty(this, 'files', { value: chosen, configurable: true });
      this.dispatchEvent(new Event('change'));
    });
    const { files } = await pickPhotos('album');
    expect(files.map((f) => [f.name, f.mime, f.rejected?.reason ?? null])).toEqual([
      ['clip.mp4', 'video/mp4', null],
      ['IMG_1.MOV', 'video/quicktime', null],
      ['film.webm', '', 'unsupported'],
    ]);
  });
});

describe('preparing a picked video', () => {
  it("hashes it like a photo, keeps the picker's facts and makes the ThumbHash from its poster frame", async () => {
    const bytes = mp4Bytes();
    const file = {
      ...inBrowser('b.mp4', bytes, 'video/mp4'),
      durationMs: 12_480,
      width: 1920,
      height: 1080,
      posterPath: 'wxfile://tmp/b-thumb.jpg',
    };
    const imageSize = vi.fn(async () => ({ width: 1, height: 1 }));
    const thumbPixels = vi.fn(async (_file: PickedFile) => solidPixels(100, 56));
    const prepared = await preparePickedFile(file, { ...noDecode, imageSize, thumbPixels });
    expect(prepared).toMatchObject({
      mime: 'video/mp4',
      qetag: serverQetag(bytes),
      durationMs: 12_480,
      width: 1920,
      height: 1080,
      thumbhash: thumbhashOfPixels(solidPixels(100, 56)),
    });
    // The poster is drawn, not the video; no image decoder, no EXIF for a video.
    expect(thumbPixels.mock.calls.map(([asked]) => asked.path)).toEqual(['wxfile://tmp/b-thumb.jpg']);
    expect(imageSize).not.toHaveBeenCalled();
    expect(prepared.takenAt).toBeUndefined();
  });

  it("takes the browser's reading where the picker told nothing", async () => {
    const probeVideo = vi.fn(async () => ({
      durationMs: 2_000,
      width: 320,
      height: 240,
      pixels: solidPixels(100, 75),
      posterPath: 'data:image/jpeg;base64,AAAA',
    }));
    const prepared = await preparePickedFile(inBrowser('clip.mp4', mp4Bytes(), 'video/mp4'), {
      ...noDecode,
      probeVideo,
    });
    expect(prepared).toMatchObject({
      durationMs: 2_000,
      width: 320,
      height: 240,
      posterPath: 'data:image/jpeg;base64,AAAA',
      thumbhash: thumbhashOfPixels(solidPixels(100, 75)),
    });
  });

  it('uploads a video the browser cannot decode all the same, its length unknown', async () => {
    for (const probeVideo of [
      async () => null,
      async () => {
        throw new Error('MEDIA_ERR_SRC_NOT_SUPPORTED');
      },
    ]) {
      const prepared = await preparePickedFile(inBrowser('hevc.mov', mp4Bytes(), 'video/quicktime'), {
        ...noDecode,
        probeVideo,
      });
      expect(prepared.mime).toBe('video/quicktime');
      expect(prepared.qetag).toMatch(/^[A-Za-z0-9_-]{28}$/);
      expect(prepared.durationMs).toBeUndefined();
      expect(prepared.thumbhash).toBeUndefined();
    }
  });

  it('refuses bytes that are no video, and a video over the cap', async () => {
    const reason = (file: PickedFile, maxBytes?: number) =>
      preparePickedFile(file, { ...noDecode, ...(maxBytes ? { maxBytes } : {}) }).then(
        () => 'prepared',
        (error: unknown) => (error instanceof FileRejected ? error.reason : String(error)),
      );
    expect(await reason(inBrowser('fake.mp4', new Uint8Array(64).fill(0x41), 'video/mp4'))).toBe('unreadable');
    expect(await reason(inBrowser('big.mp4', mp4Bytes(), 'video/mp4'), 1000)).toBe('tooLarge');
    expect(await reason(inBrowser('ok.mp4', mp4Bytes(), 'video/mp4'))).toBe('prepared');
  });

  it('knows MP4 and QuickTime heads', () => {
    const head = (box: string) => {
      const bytes = new Uint8Array(16);
      bytes.set(new TextEncoder().encode(box), 4);
      return bytes;
    };
    for (const box of ['ftyp', 'moov', 'mdat', 'wide']) expect(looksLikeVideo(head(box)), box).toBe(true);
    expect(looksLikeVideo(new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0, 0, 0, 0]))).toBe(false);
    expect(looksLikeVideo(new Uint8Array(3))).toBe(false);
  });
});

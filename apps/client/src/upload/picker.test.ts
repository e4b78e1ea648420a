import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Taro from '@tarojs/taro';
import { MAX_UPLOAD_BYTES, zThumbhash } from '@xiaojia/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { qetag as serverQetag } from '../../../api/src/storage/qetag';
import { solidPixels } from '../../test/support/upload';
import { translate } from '../i18n';
import {
  looksLikePhoto,
  mimeOf,
  pickedFileOf,
  pickLimit,
  pickPhotos,
  pickWithTaro,
  preparePickedFile,
  rejectionOf,
  type TempFile,
} from './picker';
import { jsBlockHasher, QETAG_BLOCK_SIZE } from './qetag';
import { FileRejected, type PickedFile } from './queue';
import { thumbhashOfPixels } from './thumbhash';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

describe('pickLimit', () => {
  it("is WeChat's 9 per pick in the mini-program and the app, none in a browser", () => {
    expect(pickLimit('weapp')).toBe(9);
    expect(pickLimit('rn')).toBe(9);
    expect(pickLimit('h5')).toBeNull();
  });
});

describe('mimeOf', () => {
  it("takes the platform's accepted type, else the extension's, else refuses", () => {
    expect(mimeOf('IMG_0001.HEIC', 'image/heic')).toBe('image/heic');
    expect(mimeOf('wx-temp/abc.JPG?x=1')).toBe('image/jpeg');
    expect(mimeOf('scan.png', 'application/octet-stream')).toBe('image/png');
    expect(mimeOf('notes.pdf', 'application/pdf')).toBeNull();
    expect(mimeOf('no-extension')).toBeNull();
  });
});

describe('pickPhotos in the browser', () => {
  afterEach(() => vi.restoreAllMocks());

  function pickWith(files: File[] | 'cancel') {
    let opened: HTMLInputElement | null = null;
    vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (this: HTMLInputElement) {
      opened = this;
      if (files === 'cancel') {
        this.dispatchEvent(new Event('cancel'));
        return;
      }
      Object.defineProperty(this, 'files', { value: files, configurable: true });
      this.dispatchEvent(new Event('change'));
    });
    return () => opened as HTMLInputElement | null;
  }

  it("answers the input's files at once, reading none, and takes the input away", async () => {
    URL.createObjectURL = vi.fn((blob: Blob) => `blob:${(blob as File).name}`);
    const slice = vi.spyOn(Blob.prototype, 'slice');
    const input = pickWith([new File([new Uint8Array(8)], 'a.jpg', { type: 'image/jpeg' }), new File([], 'b.png')]);
    const { files } = await pickPhotos('album');
    expect(files.map((f) => [f.name, f.path, f.size, f.mime, f.rejected?.reason ?? null])).toEqual([
      ['a.jpg', 'blob:a.jpg', 8, 'image/jpeg', null],
      ['b.png', 'blob:b.png', 0, 'image/png', 'empty'],
    ]);
    expect(slice).not.toHaveBeenCalled();
    expect(input()?.multiple).toBe(true);
    expect(input()?.accept).toBe('image/*,video/mp4,video/quicktime');
    expect(input()?.isConnected).toBe(false);
  });

  it('opens the camera for one photo, and answers nothing when the user backs out', async () => {
    const input = pickWith('cancel');
    expect(await pickPhotos('camera')).toEqual({ files: [] });
    expect(input()?.getAttribute('capture')).toBe('environment');
    expect(input()?.multiple).toBe(false);
  });
});

describe('pickWithTaro (WeChat, RN)', () => {
  afterEach(() => {
    Taro.chooseMedia = undefined as never;
  });

  it('answers every picked file at once, reading none of them (facts are read when its turn comes)', async () => {
    let asked: Taro.chooseMedia.Option | undefined;
    Taro.chooseMedia = (async (option: Taro.chooseMedia.Option) => {
      asked = option;
      return {
        type: 'mix',
        tempFiles: [
          { tempFilePath: 'wxfile://tmp/a.jpg', size: 3_400_000, fileType: 'image' },
          { tempFilePath: 'wxfile://tmp/empty.jpg', size: 0, fileType: 'image' },
          { tempFilePath: 'wxfile://tmp/notes.pdf', size: 10, fileType: 'image' },
          { tempFilePath: 'wxfile://tmp/d.heic', size: 40_000_000, fileType: 'image' },
        ],
      };
    }) as never;
    const { files } = await pickWithTaro('album');
    expect(files.map((f) => [f.name, f.mime, f.size, f.rejected?.reason ?? null])).toEqual([
      ['a.jpg', 'image/jpeg', 3_400_000, null],
      ['empty.jpg', 'image/jpeg', 0, 'empty'],
      ['notes.pdf', '', 10, 'unsupported'],
      ['d.heic', 'image/heic', 40_000_000, null],
    ]);
    // Photos and videos in one pick, as shot, up to WeChat's 9.
    expect(asked).toMatchObject({
      count: 9,
      mediaType: ['image', 'video'],
      sizeType: ['original'],
      sourceType: ['album'],
    });
  });

  it('answers nothing when the user backs out', async () => {
    Taro.chooseMedia = (async () => {
      throw { errMsg: 'chooseMedia:fail cancel' };
    }) as never;
    expect(await pickWithTaro('camera')).toEqual({ files: [] });
  });
});

describe('preparePickedFile', () => {
  const photo = new Uint8Array(readFileSync(path.join(fixtures, 'exif-offset.jpg')));

  function picked(name: string, bytes: Uint8Array<ArrayBuffer>, type = 'image/jpeg'): PickedFile {
    const file = Object.assign(new Blob([bytes], { type }), { name });
    return pickedFileOf({ path: `blob:${name}`, size: bytes.length, originalFileObj: file });
  }

  // jsdom decodes no picture: the photo's size and pixels are played.
  const decoded = { imageSize: async () => ({ width: 640, height: 480 }), thumbPixels: async () => null };

  it("reads the taken-at, the dimensions and the server's qetag from the File, block by block", async () => {
    const prepared = await preparePickedFile(picked('a.jpg', photo), { ...decoded, hashBlock: jsBlockHasher });
    expect(prepared).toMatchObject({
      takenAt: '2019-05-01T00:30:00.000Z',
      width: 640,
      height: 480,
      size: photo.length,
      qetag: serverQetag(photo),
    });
  });

  it('hashes a file of several blocks without reading it whole', async () => {
    const big = new Uint8Array(QETAG_BLOCK_SIZE * 2 + 10);
    big.set(photo);
    const lengths: number[] = [];
    const read = async (source: TempFile, position: number, length: number) => {
      lengths.push(length);
      return source.originalFileObj?.slice(position, position + length).arrayBuffer() ?? null;
    };
    const prepared = await preparePickedFile(picked('big.jpg', big), { read, ...decoded });
    expect(prepared.qetag).toBe(serverQetag(big));
    expect(Math.max(...lengths)).toBe(QETAG_BLOCK_SIZE);
  });

  it('still reads the taken-at when the picker did not tell the size, without a qetag', async () => {
    const file = { ...picked('a.jpg', photo), size: Number.NaN };
    const source = { path: 'file:///a.jpg', size: Number.NaN };
    const read = async (_source: TempFile, position: number, length: number) =>
      photo.slice(position, position + length).buffer;
    const prepared = await preparePickedFile({ ...file, source }, { read, canRead: () => true, ...decoded });
    expect(prepared.takenAt).toBe('2019-05-01T00:30:00.000Z');
    expect(prepared.qetag).toBeUndefined();
  });

  it("makes the photo's ThumbHash from its pixels once its dimensions are known", async () => {
    const asked: PickedFile[] = [];
    const prepared = await preparePickedFile(picked('a.jpg', photo), {
      ...decoded,
      thumbPixels: async (file) => {
        asked.push(file);
        return solidPixels(100, 75);
      },
    });
    expect(asked.map((file) => [file.width, file.height])).toEqual([[640, 480]]);
    expect(prepared.thumbhash).toBe(thumbhashOfPixels(solidPixels(100, 75)));
    expect(zThumbhash.safeParse(prepared.thumbhash).success).toBe(true);
  });

  it('prepares a photo whose pixels cannot be read all the same, only without a ThumbHash', async () => {
    const unreadable = [
      async () => {
        throw new Error('EncodingError: the source image cannot be decoded');
      },
      async () => null,
      async () => ({ width: 640, height: 480, rgba: new Uint8Array(0) }),
    ];
    for (const thumbPixels of unreadable) {
      const prepared = await preparePickedFile(picked('a.jpg', photo), { ...decoded, thumbPixels });
      expect(prepared).toMatchObject({ width: 640, qetag: serverQetag(photo) });
      expect(prepared.thumbhash).toBeUndefined();
    }
    // A HEIC this browser cannot decode goes too, and is not drawn at all.
    const heic = new Uint8Array(64);
    heic.set(new TextEncoder().encode('ftypheic'), 4);
    const thumbPixels = vi.fn(async () => solidPixels(10, 10));
    const prepared = await preparePickedFile(picked('IMG_0001.heic', heic, 'image/heic'), {
      imageSize: async () => 'undecodable',
      thumbPixels,
    });
    expect(thumbPixels).not.toHaveBeenCalled();
    expect(prepared.thumbhash).toBeUndefined();
  });

  it('rejects each kind of file that cannot go, with its reason', async () => {
    const reason = (file: PickedFile, deps = {}) =>
      preparePickedFile(file, { ...decoded, ...deps }).then(
        () => 'prepared',
        (error: unknown) => (error instanceof FileRejected ? error.reason : `threw ${String(error)}`),
      );
    // Empty: nothing to upload.
    expect(await reason(picked('empty.jpg', new Uint8Array(0)))).toBe('empty');
    // Not a photo, or damaged: random bytes named .jpg, a photo the browser cannot decode, a failed read.
    expect(await reason(picked('corrupt.jpg', new Uint8Array(2000).fill(0x41)))).toBe('unreadable');
    expect(await reason(picked('broken.jpg', photo), { imageSize: async () => 'undecodable' })).toBe('unreadable');
    expect(
      await reason(picked('gone.jpg', photo), {
        read: async () => {
          throw new Error('NotReadableError');
        },
      }),
    ).toBe('unreadable');
    // Too large for the album.
    expect(await reason(picked('huge.jpg', photo), { maxBytes: 100 })).toBe('tooLarge');
    // A type the album does not take.
    expect(await reason(picked('notes.pdf', new Uint8Array(10), 'application/pdf'))).toBe('unsupported');
    // A real photo goes.
    expect(await reason(picked('ok.jpg', photo))).toBe('prepared');
  });

  it('knows the rejections it can tell without reading, and photo signatures', () => {
    expect(rejectionOf(0, 'image/png')).toEqual({ reason: 'empty' });
    expect(rejectionOf(5e9, 'image/png')).toEqual({ reason: 'tooLarge', maxBytes: MAX_UPLOAD_BYTES });
    expect(rejectionOf(10, null)).toEqual({ reason: 'unsupported' });
    expect(rejectionOf(10, 'image/png')).toBeNull();
    const sig = (text: string, at = 0) => {
      const head = new Uint8Array(16);
      head.set(new TextEncoder().encode(text), at);
      return head;
    };
    expect(looksLikePhoto(photo)).toBe(true);
    expect(looksLikePhoto(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBe(true);
    expect(looksLikePhoto(sig('GIF89a'))).toBe(true);
    expect(looksLikePhoto(new Uint8Array([...sig('RIFF').slice(0, 8), ...new TextEncoder().encode('WEBP')]))).toBe(
      true,
    );
    expect(looksLikePhoto(sig('ftypheic', 4))).toBe(true);
    expect(looksLikePhoto(sig('%PDF-1.7'))).toBe(false);
  });
});

describe('upload reasons in both languages', () => {
  it('names every reason in Chinese and English', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const reason of ['empty', 'unreadable', 'tooLarge', 'unsupported']) {
        const text = translate(locale, `upload.reason.${reason}`, { max: '2.00 GB' });
        expect(text, `${locale} ${reason}`).not.toContain('upload.reason');
        expect(translate(locale, 'upload.status.rejected', { reason: text })).toContain(text);
      }
    }
    expect(translate('zh-CN', 'upload.reason.tooLarge', { max: '2.00 GB' })).toBe('文件太大，最大 2.00 GB');
    expect(translate('en', 'upload.rejected', { count: 1 })).toBe('1 file cannot be uploaded; each says why below');
  });
});

import { openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Taro from '@tarojs/taro';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EXIF_HEAD_BYTES, exifTakenAt } from './exif';
import { readFileHead } from './file-head';
import { readFileHead as readFileHeadRn } from './file-head.rn';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const photo = path.join(fixtures, 'exif-offset.jpg');
const TAKEN_AT = '2019-05-01T00:30:00.000Z';

// expo-file-system is native code; this stands in for its documented partial read (base64, position and
// length), with Android's zero padding of a read past the end.
const reads: { uri: string; position?: number; length?: number }[] = [];
vi.mock('expo-file-system', () => ({
  EncodingType: { Base64: 'base64' },
  async readAsStringAsync(uri: string, options: { encoding: string; position?: number; length?: number }) {
    reads.push({ uri, position: options.position, length: options.length });
    const buffer = Buffer.alloc(options.length ?? 0);
    const fd = openSync(uri.replace(/^file:\/\//, ''), 'r');
    readSync(fd, buffer, 0, buffer.length, options.position ?? 0);
    return buffer.toString('base64');
  },
}));

describe('readFileHead on H5', () => {
  it('slices the browser File, so EXIF is read without loading the whole photo', async () => {
    const bytes = new Uint8Array(EXIF_HEAD_BYTES * 2);
    bytes.set([0xff, 0xd8, 0xff]);
    const head = await readFileHead({ path: 'blob:x', size: bytes.length, originalFileObj: new Blob([bytes]) }, 1024);
    expect(head?.byteLength).toBe(1024);
    expect([...new Uint8Array(head ?? new ArrayBuffer(0)).slice(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  });

  it('cannot tell without a File (nor WeChat file system)', async () => {
    expect(await readFileHead({ path: '/tmp/a.jpg', size: 10 }, 1024)).toBeNull();
  });
});

describe('readFileHead on React Native', () => {
  // Taro's RN base64ToArrayBuffer (base64-js's toByteArray) answers with a Uint8Array.
  beforeAll(() => {
    Taro.base64ToArrayBuffer = ((base64: string) => new Uint8Array(Buffer.from(base64, 'base64'))) as never;
  });
  afterAll(() => {
    Taro.base64ToArrayBuffer = undefined as never;
  });

  it('reads the head of the picked file, where the EXIF taken-at is found', async () => {
    const size = statSync(photo).size;
    const head = await readFileHeadRn({ path: `file://${photo}`, size }, EXIF_HEAD_BYTES);
    expect(reads.at(-1)).toEqual({ uri: `file://${photo}`, position: 0, length: size });
    expect(head).toBeInstanceOf(ArrayBuffer);
    expect(head?.byteLength).toBe(size);
    expect(exifTakenAt(head ?? new ArrayBuffer(0))).toBe(TAKEN_AT);
  });

  it('asks for the whole head when the picker did not say the size, and still finds the date', async () => {
    const head = await readFileHeadRn({ path: `file://${photo}`, size: Number.NaN }, EXIF_HEAD_BYTES);
    expect(reads.at(-1)?.length).toBe(EXIF_HEAD_BYTES);
    expect(exifTakenAt(head ?? new ArrayBuffer(0))).toBe(TAKEN_AT);
  });
});

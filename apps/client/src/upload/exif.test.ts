import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exifCamera, exifDateToIso, exifTakenAt } from './exif';

/**
 * fixtures/*.jpg are 2×2 JPEGs written by sharp (libvips/libexif, little-endian TIFF) with
 * `.withExif({ IFD0: {...}, IFD2: {...} })`: the tags each file name says, nothing else.
 */
const fixture = (name: string): ArrayBuffer => {
  const bytes = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', name));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
};

/** A big-endian ("MM") JPEG head as some cameras write it: IFD0 → Exif IFD → DateTimeOriginal + offset. */
function bigEndianJpeg(date: string, offset: string): ArrayBuffer {
  const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0)).concat(0);
  const u16 = (n: number) => [(n >> 8) & 255, n & 255];
  const u32 = (n: number) => [...u16(n >>> 16), ...u16(n & 0xffff)];
  const entry = (tag: number, type: number, count: number, value: number) => [
    ...u16(tag),
    ...u16(type),
    ...u32(count),
    ...u32(value),
  ];
  const dateBytes = ascii(date);
  const offsetBytes = ascii(offset);
  const exifIfd = 26; // 8 (header) + 2 + 12 + 4
  const dateAt = exifIfd + 2 + 2 * 12 + 4;
  const offsetAt = dateAt + dateBytes.length;
  const tiff = [
    ...[0x4d, 0x4d],
    ...u16(42),
    ...u32(8),
    ...u16(1),
    ...entry(0x8769, 4, 1, exifIfd),
    ...u32(0),
    ...u16(2),
    ...entry(0x9003, 2, dateBytes.length, dateAt),
    ...entry(0x9011, 2, offsetBytes.length, offsetAt),
    ...u32(0),
    ...dateBytes,
    ...offsetBytes,
  ];
  const app1 = [0xff, 0xe1, ...u16(2 + 6 + tiff.length), ...ascii('Exif'), 0, ...tiff];
  return new Uint8Array([0xff, 0xd8, ...app1, 0xff, 0xd9]).buffer;
}

describe('exifTakenAt', () => {
  it('reads DateTimeOriginal with its offset as the instant it names', () => {
    // 08:30 at +08:00 (the file's DateTime, 2021, is only when it was last saved).
    expect(exifTakenAt(fixture('exif-offset.jpg'))).toBe('2019-05-01T00:30:00.000Z');
  });

  it("reads a DateTimeOriginal without an offset as the device's local time", () => {
    expect(exifTakenAt(fixture('exif-local.jpg'))).toBe(new Date(2018, 11, 31, 23, 59, 59).toISOString());
  });

  it('falls back to the file date when the camera wrote no original date', () => {
    expect(exifTakenAt(fixture('exif-datetime-only.jpg'))).toBe(new Date(2017, 6, 7, 7, 7, 7).toISOString());
  });

  it('reads big-endian TIFF as well', () => {
    expect(exifTakenAt(bigEndianJpeg('2020:02:29 12:00:00', '-05:00'))).toBe('2020-02-29T17:00:00.000Z');
  });

  it('answers null, never throws, for no EXIF, other formats, truncated and corrupt bytes', () => {
    expect(exifTakenAt(fixture('no-exif.jpg'))).toBeNull();
    expect(exifTakenAt(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).buffer)).toBeNull();
    expect(exifTakenAt(new ArrayBuffer(0))).toBeNull();
    const whole = new Uint8Array(fixture('exif-offset.jpg'));
    for (const cut of [3, 12, 40, 120, 200]) expect(exifTakenAt(whole.slice(0, cut).buffer)).toBeNull();
    // The Exif IFD pointer aimed far outside the segment.
    const corrupt = new Uint8Array(bigEndianJpeg('2020:02:29 12:00:00', '-05:00'));
    corrupt.set([0x7f, 0xff, 0xff, 0xff], 12 + 8 + 2 + 8);
    expect(exifTakenAt(corrupt.buffer)).toBeNull();
  });
});

describe('exifDateToIso', () => {
  it('refuses blanks, zeros and dates that do not exist', () => {
    expect(exifDateToIso('    :  :     :  :  ', null)).toBeNull();
    expect(exifDateToIso('0000:00:00 00:00:00', null)).toBeNull();
    expect(exifDateToIso('2019:02:30 10:00:00', null)).toBeNull();
    expect(exifDateToIso('2019:13:01 10:00:00', '+08:00')).toBeNull();
    expect(exifDateToIso(null, null)).toBeNull();
  });

  it('ignores a malformed offset and uses local time instead', () => {
    expect(exifDateToIso('2019:05:01 08:30:00', '8h')).toBe(new Date(2019, 4, 1, 8, 30, 0).toISOString());
  });
});

describe('exifCamera', () => {
  it('reads the camera, lens and exposure a camera wrote (fixture written by sharp)', () => {
    expect(exifCamera(fixture('exif-camera.jpg'))).toEqual({
      camera: 'SONY ILCE-7M3',
      lens: 'FE 35mm F1.8',
      focalLength: '35mm',
      aperture: 'f/1.8',
      shutter: '1/250s',
      iso: 200,
    });
  });

  it('is null without camera facts, and for what is no JPEG', () => {
    expect(exifCamera(bigEndianJpeg('2019:05:01 08:30:00', '+08:00'))).toBeNull();
    expect(exifCamera(new ArrayBuffer(0))).toBeNull();
    expect(exifCamera(new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0, 200]).buffer)).toBeNull();
  });
});

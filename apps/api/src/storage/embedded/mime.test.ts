import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sniffMime } from './mime.js';

function ftyp(brand: string): Buffer {
  return Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from(`ftyp${brand}`), Buffer.alloc(12)]);
}

describe('sniffMime', () => {
  it('recognises real images made by sharp', async () => {
    const base = sharp({ create: { width: 8, height: 8, channels: 3, background: '#336699' } });
    expect(sniffMime(await base.clone().jpeg().toBuffer())).toBe('image/jpeg');
    expect(sniffMime(await base.clone().png().toBuffer())).toBe('image/png');
    expect(sniffMime(await base.clone().webp().toBuffer())).toBe('image/webp');
    expect(sniffMime(await base.clone().gif().toBuffer())).toBe('image/gif');
    expect(sniffMime(await base.clone().avif().toBuffer())).toBe('image/avif');
    expect(sniffMime(await base.clone().tiff().toBuffer())).toBe('image/tiff');
  });

  it('tells ISO media brands apart', () => {
    expect(sniffMime(ftyp('heic'))).toBe('image/heic');
    expect(sniffMime(ftyp('mif1'))).toBe('image/heif');
    expect(sniffMime(ftyp('qt  '))).toBe('video/quicktime');
    expect(sniffMime(ftyp('isom'))).toBe('video/mp4');
    expect(sniffMime(ftyp('M4A '))).toBe('audio/mp4');
    expect(sniffMime(ftyp('mp42'))).toBe('video/mp4');
    expect(sniffMime(ftyp('avc1'))).toBe('video/mp4');
  });

  it('knows QuickTime files from before ftyp, and not text that happens to say "free"', () => {
    const atom = (name: string) => Buffer.concat([Buffer.from([0, 0, 0, 8]), Buffer.from(name), Buffer.alloc(8)]);
    expect(sniffMime(atom('moov'))).toBe('video/quicktime');
    expect(sniffMime(atom('wide'))).toBe('video/quicktime');
    expect(sniffMime(Buffer.from('Yes free delivery'))).toBe('text/plain');
  });

  it('falls back to text for clean UTF-8 and octet-stream for binary', () => {
    expect(sniffMime(Buffer.from('宝宝第一次走路'))).toBe('text/plain');
    // A multi-byte character cut at the end of the sample is still text.
    expect(sniffMime(Buffer.from('宝宝').subarray(0, 5))).toBe('text/plain');
    expect(sniffMime(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe('image/svg+xml');
    expect(sniffMime(Buffer.from('<!DOCTYPE html><p>'))).toBe('text/html');
    expect(sniffMime(Buffer.from([0x00, 0x01, 0x02, 0xfe]))).toBe('application/octet-stream');
    expect(sniffMime(Buffer.alloc(0))).toBe('application/octet-stream');
    expect(sniffMime(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
  });
});

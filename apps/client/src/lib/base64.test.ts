import { describe, expect, it } from 'vitest';
import { fromBase64, portableBtoa, toBase64, toUrlSafeBase64 } from './base64';

/** Every byte value, then lengths that end on each padding case. */
const samples = [
  Uint8Array.from({ length: 256 }, (_, i) => i),
  ...[0, 1, 2, 3, 4, 5].map((length) => Uint8Array.from({ length }, (_, i) => (i * 97 + 13) & 0xff)),
];

const binary = (bytes: Uint8Array) => String.fromCharCode(...bytes);

describe('base64', () => {
  it('encodes like btoa (standard) and like Buffer (URL-safe), padding included', () => {
    for (const bytes of samples) {
      expect(toBase64(bytes)).toBe(btoa(binary(bytes)));
      expect(toUrlSafeBase64(bytes)).toBe(
        Buffer.from(bytes).toString('base64').replace(/\+/g, '-').replace(/\//g, '_'),
      );
    }
  });

  it("keeps btoa's contract: the same text for a binary string, and a refusal above U+00FF", () => {
    for (const bytes of samples) expect(portableBtoa(binary(bytes))).toBe(btoa(binary(bytes)));
    expect(() => btoa('小家')).toThrow();
    expect(() => portableBtoa('小家')).toThrow(RangeError);
  });

  it('decodes what it encodes, with or without padding', () => {
    for (const bytes of samples) {
      const text = toBase64(bytes);
      expect(fromBase64(text)).toEqual(bytes);
      expect(fromBase64(text.replace(/=+$/, ''))).toEqual(bytes);
    }
  });

  it('answers null for text that is not base64', () => {
    expect(fromBase64('not base64!')).toBeNull();
    expect(fromBase64('ab-_')).toBeNull(); // the URL-safe alphabet is not this one
    expect(fromBase64('abcde')).toBeNull(); // one character past a whole group
    expect(fromBase64('abcdef=')).toBeNull(); // padding that does not end a group
    expect(fromBase64('ab=c')).toBeNull();
  });
});

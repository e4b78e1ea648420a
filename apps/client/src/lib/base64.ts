/**
 * Base64 without the runtime's btoa / atob: neither the WeChat mini-program nor React Native 0.73's Hermes
 * has them. The standard alphabet for ThumbHashes and data: URLs, the URL-safe one for qetags.
 */
const STANDARD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function encode(bytes: Uint8Array, alphabet: string): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    out += b === undefined ? '=' : alphabet[(n >> 6) & 63];
    out += c === undefined ? '=' : alphabet[n & 63];
  }
  return out;
}

/** Standard base64, padded (what btoa gives). */
export function toBase64(bytes: Uint8Array): string {
  return encode(bytes, STANDARD);
}

/** URL-safe base64, padded. */
export function toUrlSafeBase64(bytes: Uint8Array): string {
  return encode(bytes, URL_SAFE);
}

/**
 * btoa's contract, for libraries that call the global btoa: a "binary string" (one byte per character) to
 * standard base64. Like btoa, it refuses a character above U+00FF.
 */
export function portableBtoa(binary: string): string {
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    const code = binary.charCodeAt(i);
    if (code > 0xff) throw new RangeError('btoa: the string has a character outside Latin-1');
    bytes[i] = code;
  }
  return toBase64(bytes);
}

const VALUE_OF = new Map([...STANDARD].map((char, value) => [char, value]));

/** Standard base64 (padding optional) to its bytes; null when the text is not base64. */
export function fromBase64(text: string): Uint8Array | null {
  const body = text.endsWith('==') ? text.slice(0, -2) : text.endsWith('=') ? text.slice(0, -1) : text;
  if (body.length % 4 === 1 || (body.length !== text.length && text.length % 4 !== 0)) return null;
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let buffered = 0;
  let bits = 0;
  let written = 0;
  for (const char of body) {
    const value = VALUE_OF.get(char);
    if (value === undefined) return null;
    buffered = ((buffered << 6) | value) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[written++] = (buffered >> bits) & 0xff;
    }
  }
  return out;
}

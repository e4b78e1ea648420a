/** Qiniu's signing primitives: HMAC-SHA1 in URL-safe base64 (with padding, as Qiniu's SDKs emit it). */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function hmacSha1UrlSafe(data: string | Buffer, secretKey: string): string {
  return createHmac('sha1', secretKey).update(data).digest('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

export function urlSafeBase64Encode(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

/** Accepts both padded and unpadded URL-safe base64; returns null when the input is not base64 at all. */
export function urlSafeBase64Decode(encoded: string): Buffer | null {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(encoded)) return null;
  return Buffer.from(encoded.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

/** Constant-time comparison of two signatures. */
export function sameSignature(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

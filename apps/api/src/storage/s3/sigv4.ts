/**
 * AWS Signature Version 4 for S3, the pieces both ends need: the S3 provider presigns GETs with them
 * (synchronously: the contract's signedUrl is synchronous and runs for every photo of a page, and the
 * SDK's presigner is async; s3-sign.test.ts checks the URL is the one @aws-sdk/s3-request-presigner makes),
 * and the embedded S3 peer verifies every request with the same canonical forms.
 * Reference: docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html and
 * sigv4-query-string-auth.html.
 */
import { createHmac, hash } from 'node:crypto';

export const ALGORITHM = 'AWS4-HMAC-SHA256';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
/** Longest X-Amz-Expires S3 accepts: seven days. */
export const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

/** One-shot crypto.hash (Node >= 20.12): no Hash object per URL. */
export const sha256Hex = (data: string | Buffer) => hash('sha256', data, 'hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

/** 20261201T101500Z */
export function amzDate(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

/** Parses an X-Amz-Date (basic ISO 8601); NaN when malformed. */
export function parseAmzDate(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return Number.NaN;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

export const credentialScope = (day: string, region: string) => `${day}/${region}/s3/aws4_request`;

export function signingKey(secretKey: string, day: string, region: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secretKey}`, day), region), 's3'), 'aws4_request');
}

const SAFE_PATH = /^[A-Za-z0-9\-._~/]*$/;

/** RFC 3986 encoding as SigV4 wants it (every byte but A-Z a-z 0-9 - _ . ~), keeping "/" when asked. */
export function uriEncode(value: string, keepSlash = false): string {
  // Object keys are h/<uuid>/<yyyy>/<mm>/<uuidv7>.<ext>: nothing to encode, skip the work (BENCHMARKS.md 16a).
  if (keepSlash && SAFE_PATH.test(value)) return value;
  const encoded = encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return keepSlash ? encoded.replace(/%2F/g, '/') : encoded;
}

/** The canonical query string: names and values encoded, sorted by name then value. */
export function canonicalQuery(params: readonly (readonly [string, string])[]): string {
  return params
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

export interface CanonicalRequest {
  method: string;
  /** Already encoded path as it goes on the wire (S3 does not encode it twice). */
  path: string;
  query: readonly (readonly [string, string])[];
  /** Lower-case names of the signed headers with their values. */
  headers: readonly (readonly [string, string])[];
  payloadHash: string;
}

export function stringToSign(request: CanonicalRequest, date: string, scope: string): string {
  const headers = [...request.headers].sort(([a], [b]) => (a < b ? -1 : 1));
  const canonical = [
    request.method,
    request.path,
    canonicalQuery(request.query),
    headers.map(([k, v]) => `${k}:${v.trim().replace(/\s+/g, ' ')}\n`).join(''),
    headers.map(([k]) => k).join(';'),
    request.payloadHash,
  ].join('\n');
  return [ALGORITHM, date, scope, sha256Hex(canonical)].join('\n');
}

export const signatureOf = (key: Buffer, toSign: string) => createHmac('sha256', key).update(toSign).digest('hex');

/**
 * Presigned GETs sharing a signing time, lifetime and extra parameters (a page of photos): everything but
 * the object's host and path is worked out once, so each URL costs one SHA-256 and one HMAC (BENCHMARKS.md 16a).
 */
export class GetPresigner {
  private readonly date: string;
  private readonly scope: string;
  private readonly query: string;

  constructor(
    private readonly accessKey: string,
    /** The signing key of the day of `signedAt` and the region (callers cache it: it changes once a day). */
    private readonly key: Buffer,
    region: string,
    signedAt: Date,
    seconds: number,
    extra: readonly (readonly [string, string])[] = [],
  ) {
    this.date = amzDate(signedAt);
    this.scope = credentialScope(this.date.slice(0, 8), region);
    this.query = canonicalQuery([
      ...extra,
      ['X-Amz-Algorithm', ALGORITHM],
      ['X-Amz-Content-Sha256', UNSIGNED_PAYLOAD],
      ['X-Amz-Credential', `${this.accessKey}/${this.scope}`],
      ['X-Amz-Date', this.date],
      ['X-Amz-Expires', String(seconds)],
      ['X-Amz-SignedHeaders', 'host'],
    ]);
  }

  /** The URL of `path` (already encoded) on `origin` (scheme and host), signed for that host only. */
  sign(origin: string, path: string): string {
    const host = origin.slice(origin.indexOf('://') + 3);
    // stringToSign() for this request, with the constant parts already in canonical form.
    const canonical = `GET\n${path}\n${this.query}\nhost:${host}\n\nhost\n${UNSIGNED_PAYLOAD}`;
    const toSign = `${ALGORITHM}\n${this.date}\n${this.scope}\n${sha256Hex(canonical)}`;
    return `${origin}${path}?${this.query}&X-Amz-Signature=${signatureOf(this.key, toSign)}`;
  }
}

export interface PresignTarget {
  accessKey: string;
  /** The signing key of `day` and the region. */
  key: Buffer;
  region: string;
  /** Origin and encoded path of the object, e.g. https://b.s3.example.com and /h/1/x.jpg */
  origin: string;
  path: string;
}

/**
 * A presigned GET: valid from `signedAt` for `seconds`, for the host of `origin` only. `extra` query
 * parameters (image processing) are signed with it.
 */
export function presignGet(
  target: PresignTarget,
  signedAt: Date,
  seconds: number,
  extra: readonly (readonly [string, string])[] = [],
): string {
  return new GetPresigner(target.accessKey, target.key, target.region, signedAt, seconds, extra).sign(
    target.origin,
    target.path,
  );
}

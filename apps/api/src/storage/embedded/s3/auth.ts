/**
 * SigV4 verification for the embedded S3 peer, as strict as S3: header auth (Authorization with
 * x-amz-date within 15 minutes of the peer's clock, and the payload hash checked against the body) and
 * query auth (presigned URLs: X-Amz-Expires at most 7 days, refused once expired). Every signed header is
 * signed with the value the request really carries, so a changed content type or length fails the signature.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import {
  ALGORITHM,
  credentialScope,
  MAX_PRESIGN_SECONDS,
  parseAmzDate,
  signatureOf,
  signingKey,
  stringToSign,
  UNSIGNED_PAYLOAD,
} from '../../s3/sigv4.js';

/** A refusal in S3's terms: the status and the error Code the SDK turns into its error name. */
export class S3PeerError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface PeerCredentials {
  accessKey: string;
  secretKey: string;
  region: string;
}

const MAX_SKEW_MS = 15 * 60 * 1000;

export interface Authorized {
  /** The payload hash the signature covers: a hex SHA-256 the body must match, or UNSIGNED-PAYLOAD. */
  payloadHash: string;
}

/** Raw path and decoded query pairs of the request line. */
export function splitUrl(url: string): { path: string; query: [string, string][] } {
  const at = url.indexOf('?');
  const path = at < 0 ? url : url.slice(0, at);
  const query: [string, string][] = [];
  if (at >= 0) {
    for (const part of url.slice(at + 1).split('&')) {
      if (!part) continue;
      const eq = part.indexOf('=');
      const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, '%20'));
      query.push(eq < 0 ? [decode(part), ''] : [decode(part.slice(0, eq)), decode(part.slice(eq + 1))]);
    }
  }
  return { path, query };
}

/** Checks the access key and the credential scope (day and region) of `credential`. */
export function checkCredential(credential: string, date: string, keys: PeerCredentials): string {
  const [accessKey, day, region, service, terminal] = credential.split('/');
  if (accessKey !== keys.accessKey) {
    throw new S3PeerError(
      403,
      'InvalidAccessKeyId',
      'The AWS Access Key Id you provided does not exist in our records.',
    );
  }
  if (region !== keys.region) {
    throw new S3PeerError(
      400,
      'AuthorizationHeaderMalformed',
      `The authorization header is malformed; the region '${region}' is wrong; expecting '${keys.region}'`,
    );
  }
  if (!day || day !== date.slice(0, 8) || service !== 's3' || terminal !== 'aws4_request') {
    throw new S3PeerError(400, 'AuthorizationHeaderMalformed', 'The credential scope is malformed');
  }
  return credentialScope(day, region);
}

export function sameSignature(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const headerValue = (req: IncomingMessage, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : (value ?? '');
};

function mismatch(): S3PeerError {
  return new S3PeerError(
    403,
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
  );
}

/** Verifies the request's SigV4 signature (header or query) by the peer's clock; throws S3PeerError. */
export function authorize(req: IncomingMessage, keys: PeerCredentials, now: Date): Authorized {
  const { path, query } = splitUrl(req.url ?? '/');
  const auth = headerValue(req, 'authorization');
  const q = new Map(query);
  if (auth && q.has('X-Amz-Signature')) {
    throw new S3PeerError(400, 'InvalidArgument', 'Only one auth mechanism allowed');
  }
  let date: string;
  let credential: string;
  let signedHeaders: string[];
  let signature: string;
  let payloadHash: string;
  let signedQuery: [string, string][];

  if (auth) {
    const m = /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(
      auth,
    );
    if (!m) throw new S3PeerError(400, 'AuthorizationHeaderMalformed', 'The authorization header is malformed');
    const [, c = '', h = '', sig = ''] = m;
    [credential, signedHeaders, signature] = [c, h.split(';'), sig];
    date = headerValue(req, 'x-amz-date');
    const at = parseAmzDate(date);
    if (Number.isNaN(at))
      throw new S3PeerError(403, 'AccessDenied', 'AWS authentication requires a valid x-amz-date header');
    if (Math.abs(now.getTime() - at) > MAX_SKEW_MS) {
      throw new S3PeerError(
        403,
        'RequestTimeTooSkewed',
        'The difference between the request time and the current time is too large.',
      );
    }
    payloadHash = headerValue(req, 'x-amz-content-sha256');
    if (payloadHash !== UNSIGNED_PAYLOAD && !/^[0-9a-f]{64}$/.test(payloadHash)) {
      throw new S3PeerError(
        400,
        'InvalidArgument',
        'x-amz-content-sha256 must be UNSIGNED-PAYLOAD or a SHA-256 (streaming is not supported)',
      );
    }
    signedQuery = query;
  } else if (q.has('X-Amz-Signature')) {
    if (q.get('X-Amz-Algorithm') !== ALGORITHM) {
      throw new S3PeerError(
        400,
        'AuthorizationQueryParametersError',
        'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"',
      );
    }
    date = q.get('X-Amz-Date') ?? '';
    credential = q.get('X-Amz-Credential') ?? '';
    signedHeaders = (q.get('X-Amz-SignedHeaders') ?? '').split(';');
    signature = q.get('X-Amz-Signature') ?? '';
    const expires = Number(q.get('X-Amz-Expires'));
    const at = parseAmzDate(date);
    if (Number.isNaN(at) || !Number.isInteger(expires) || expires < 1 || expires > MAX_PRESIGN_SECONDS) {
      throw new S3PeerError(400, 'AuthorizationQueryParametersError', 'X-Amz-Date or X-Amz-Expires is malformed');
    }
    if (now.getTime() > at + expires * 1000) throw new S3PeerError(403, 'AccessDenied', 'Request has expired');
    if (at - now.getTime() > MAX_SKEW_MS) throw new S3PeerError(403, 'AccessDenied', 'Request is not valid yet');
    payloadHash = q.get('X-Amz-Content-Sha256') ?? UNSIGNED_PAYLOAD;
    signedQuery = query.filter(([k]) => k !== 'X-Amz-Signature');
  } else {
    throw new S3PeerError(403, 'AccessDenied', 'Access Denied (the bucket is private: sign the request)');
  }

  const scope = checkCredential(credential, date, keys);
  if (!signedHeaders.includes('host'))
    throw new S3PeerError(400, 'AuthorizationHeaderMalformed', 'host must be signed');
  const headers = signedHeaders.map((name) => [name, headerValue(req, name)] as const);
  const toSign = stringToSign(
    { method: req.method ?? 'GET', path, query: signedQuery, headers, payloadHash },
    date,
    scope,
  );
  if (!sameSignature(signature, signatureOf(signingKey(keys.secretKey, date.slice(0, 8), keys.region), toSign))) {
    throw mismatch();
  }
  return { payloadHash };
}

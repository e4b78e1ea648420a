/**
 * S3 browser uploads with a POST policy (docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html):
 * the policy's signature, its expiration, and every condition: each form field but the signature, the
 * policy, `file` and x-ignore-* must be allowed by one ({"f": v}, ["eq", "$f", v], ["starts-with", "$f", p]),
 * and the file's size must fall within content-length-range.
 */
import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import busboy from 'busboy';
import { signatureOf, signingKey } from '../../s3/sigv4.js';
import { checkCredential, type PeerCredentials, S3PeerError, sameSignature } from './auth.js';
import type { S3Object, S3Objects } from './objects.js';
import { noOverwriteOfForm } from './overwrite.js';

type Condition = Record<string, string> | [string, string | number, string | number];

interface Policy {
  expiration: string;
  conditions: Condition[];
}

const MAX_FIELD_BYTES = 20 * 1024;
const EXEMPT = new Set(['x-amz-signature', 'policy', 'file']);

const denied = (message: string) => new S3PeerError(403, 'AccessDenied', `Invalid according to Policy: ${message}`);

function parsePolicy(encoded: string): Policy {
  try {
    const policy = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as Policy;
    if (typeof policy.expiration !== 'string' || !Array.isArray(policy.conditions)) throw new Error('shape');
    return policy;
  } catch {
    throw new S3PeerError(400, 'InvalidPolicyDocument', 'Invalid Policy: Invalid JSON.');
  }
}

/** Checks the fields against the policy; answers the content-length-range (bytes) the file must meet. */
export function checkPolicy(policy: Policy, fields: Map<string, string>, now: Date): { min: number; max: number } {
  const expires = Date.parse(policy.expiration);
  if (Number.isNaN(expires) || now.getTime() > expires) throw denied('Policy expired.');
  const covered = new Set<string>();
  let range = { min: 0, max: Number.POSITIVE_INFINITY };
  for (const condition of policy.conditions) {
    if (Array.isArray(condition)) {
      const [op, a, b] = condition;
      if (String(op).toLowerCase() === 'content-length-range') {
        range = { min: Number(a), max: Number(b) };
        continue;
      }
      const name = String(a).replace(/^\$/, '').toLowerCase();
      const value = fields.get(name) ?? '';
      const ok =
        String(op).toLowerCase() === 'eq'
          ? value === String(b)
          : String(op).toLowerCase() === 'starts-with' && value.startsWith(String(b));
      if (!ok) throw denied(`Policy Condition failed: ["${op}", "$${name}", "${b}"]`);
      covered.add(name);
    } else {
      for (const [name, expected] of Object.entries(condition)) {
        const key = name.toLowerCase();
        if ((fields.get(key) ?? '') !== expected)
          throw denied(`Policy Condition failed: ["eq", "$${key}", "${expected}"]`);
        covered.add(key);
      }
    }
  }
  for (const name of fields.keys()) {
    if (!EXEMPT.has(name) && !name.startsWith('x-ignore-') && !covered.has(name)) {
      throw denied(`Extra input fields: ${name}`);
    }
  }
  return range;
}

/** A POST policy upload to `bucket`; the fields must come before the file, as S3 requires. */
export function postObject(
  req: IncomingMessage,
  bucket: string,
  objects: S3Objects,
  keys: PeerCredentials,
  now: Date,
  maxObjectBytes: number,
): Promise<{ key: string; object: S3Object }> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fieldSize: MAX_FIELD_BYTES, files: 1, fields: 50 } });
    } catch {
      reject(
        new S3PeerError(
          400,
          'MalformedPOSTRequest',
          'The body of your POST request is not well-formed multipart/form-data.',
        ),
      );
      return;
    }
    const fields = new Map<string, string>();
    let sawFile = false;
    const fail = (error: unknown) => {
      req.unpipe(parser);
      req.resume();
      reject(error);
    };
    parser.on('field', (name, value) => fields.set(name.toLowerCase(), value));
    parser.on('file', (_name, stream) => {
      sawFile = true;
      try {
        const policyText = fields.get('policy') ?? '';
        const date = fields.get('x-amz-date') ?? '';
        if (fields.get('x-amz-algorithm') !== 'AWS4-HMAC-SHA256' || !policyText) {
          throw new S3PeerError(400, 'InvalidArgument', 'POST requires a SigV4 policy and its x-amz-* fields');
        }
        checkCredential(fields.get('x-amz-credential') ?? '', date, keys);
        const expected = signatureOf(signingKey(keys.secretKey, date.slice(0, 8), keys.region), policyText);
        if (!sameSignature(fields.get('x-amz-signature') ?? '', expected)) {
          throw new S3PeerError(
            403,
            'SignatureDoesNotMatch',
            'The request signature we calculated does not match the signature you provided.',
          );
        }
        if ((fields.get('bucket') ?? bucket) !== bucket) throw denied('the bucket field is not the bucket posted to');
        const range = checkPolicy(parsePolicy(policyText), fields, now);
        const key = fields.get('key') ?? '';
        if (!key) throw new S3PeerError(400, 'InvalidArgument', 'Bucket POST must contain a field named key.');
        // Pass through a PassThrough so a refusal half-way stops the parser without tearing down busboy.
        const body = stream.pipe(new PassThrough());
        objects
          .write(bucket, key, body, {
            maxBytes: Math.min(range.max, maxObjectBytes),
            minBytes: range.min,
            contentType: fields.get('content-type') ?? 'binary/octet-stream',
            noOverwrite: noOverwriteOfForm(fields),
          })
          .then(
            (object) => resolve({ key, object }),
            (error: unknown) => {
              stream.resume();
              fail(error);
            },
          );
      } catch (error) {
        stream.resume();
        fail(error);
      }
    });
    parser.on('error', () =>
      fail(
        new S3PeerError(
          400,
          'MalformedPOSTRequest',
          'The body of your POST request is not well-formed multipart/form-data.',
        ),
      ),
    );
    parser.on('close', () => {
      if (!sawFile)
        reject(new S3PeerError(400, 'InvalidArgument', 'POST requires exactly one file upload per request.'));
    });
    req.pipe(parser);
  });
}

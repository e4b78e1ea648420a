/**
 * Upload tokens: `AK:urlsafe_b64(hmac_sha1(encodedPolicy, SK)):encodedPolicy`, verified the way Kodo
 * verifies them — signature, deadline, scope (exact key or prefix), then the policy's limits on size and
 * type. Each refusal carries Kodo's status and message.
 */
import { z } from 'zod';
import { KODO, KodoError } from './errors.js';
import type { StoreCredentials } from './keys.js';
import { hmacSha1UrlSafe, sameSignature, urlSafeBase64Decode } from './sign.js';

const zFlag = z.union([z.literal(0), z.literal(1)]);

/** The put-policy fields the embedded store honours. Unknown fields are ignored, as Kodo does. */
const zPutPolicy = z.object({
  scope: z.string().min(1),
  deadline: z.number().int().positive(),
  isPrefixalScope: zFlag.optional(),
  insertOnly: zFlag.optional(),
  endUser: z.string().optional(),
  returnBody: z.string().optional(),
  fsizeMin: z.number().int().nonnegative().optional(),
  fsizeLimit: z.number().int().positive().optional(),
  mimeLimit: z.string().optional(),
  detectMime: z.union([z.literal(-1), z.literal(0), z.literal(1)]).optional(),
  fileType: z.number().int().optional(),
  deleteAfterDays: z.number().int().optional(),
});

export type PutPolicy = z.infer<typeof zPutPolicy>;

/**
 * Policy features that would need the store to call out or run jobs. Kodo would honour them; silently
 * ignoring them would let a caller believe they happened, so they are refused with a clear message.
 */
const UNSUPPORTED_FIELDS = [
  'saveKey',
  'forceSaveKey',
  'returnUrl',
  'callbackUrl',
  'callbackBody',
  'persistentOps',
  'persistentWorkflowTemplateID',
] as const;

export interface VerifiedUploadToken {
  policy: PutPolicy;
  bucket: string;
  /** The key (or key prefix when isPrefixalScope) the scope names; null for a whole-bucket scope. */
  scopeKey: string | null;
}

export function verifyUploadToken(
  token: string | undefined,
  credentials: StoreCredentials,
  bucket: string,
  nowSeconds: number,
): VerifiedUploadToken {
  if (!token) throw new KodoError(KODO.unauthorized, 'token not specified');
  const parts = token.split(':');
  if (parts.length !== 3) throw new KodoError(KODO.unauthorized, 'bad token');
  const [accessKey, signature, encodedPolicy] = parts as [string, string, string];
  if (accessKey !== credentials.accessKey) throw new KodoError(KODO.unauthorized, 'bad token');
  if (!sameSignature(signature, hmacSha1UrlSafe(encodedPolicy, credentials.secretKey))) {
    throw new KodoError(KODO.unauthorized, 'bad token');
  }
  const decoded = urlSafeBase64Decode(encodedPolicy);
  let raw: unknown;
  try {
    raw = decoded ? JSON.parse(decoded.toString('utf8')) : null;
  } catch {
    raw = null;
  }
  const parsed = zPutPolicy.safeParse(raw);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') || 'policy';
    throw new KodoError(KODO.badRequest, `invalid put policy: ${field}`);
  }
  const unsupported = UNSUPPORTED_FIELDS.filter((f) => (raw as Record<string, unknown>)[f] != null);
  if (unsupported.length > 0) {
    throw new KodoError(
      KODO.badRequest,
      `put policy field ${unsupported.join(', ')} is not supported by the embedded store`,
    );
  }
  const policy = parsed.data;
  if (policy.deadline < nowSeconds) throw new KodoError(KODO.unauthorized, 'token out of date');
  const colon = policy.scope.indexOf(':');
  const scopeBucket = colon === -1 ? policy.scope : policy.scope.slice(0, colon);
  const scopeKey = colon === -1 ? null : policy.scope.slice(colon + 1);
  if (scopeBucket !== bucket) throw new KodoError(KODO.noSuchBucket, 'no such bucket');
  return { policy, bucket, scopeKey };
}

/**
 * Whether the token may only add keys. Kodo: a whole-bucket scope never overwrites; `bucket:key` and
 * prefix scopes overwrite unless insertOnly is set.
 */
export function addsOnly(token: VerifiedUploadToken): boolean {
  return token.policy.insertOnly === 1 || token.scopeKey === null;
}

/** Refuses a key the token's scope does not cover. */
export function checkKeyInScope(token: VerifiedUploadToken, key: string): void {
  const { scopeKey, policy } = token;
  if (scopeKey === null) return;
  const ok = policy.isPrefixalScope === 1 ? key.startsWith(scopeKey) : key === scopeKey;
  if (!ok) throw new KodoError(KODO.forbidden, "key doesn't match with scope");
}

/** Kodo's mimeLimit: `image/*;video/mp4` allows those; `!application/json;text/plain` allows all but those. */
export function mimeAllowed(mimeLimit: string | undefined, mime: string): boolean {
  if (!mimeLimit) return true;
  const deny = mimeLimit.startsWith('!');
  const patterns = (deny ? mimeLimit.slice(1) : mimeLimit)
    .split(';')
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean);
  const type = mime.toLowerCase();
  const matches = patterns.some((pattern) => {
    if (pattern === '*' || pattern === '*/*') return true;
    if (pattern.endsWith('/*')) return type.startsWith(pattern.slice(0, -1));
    return type === pattern;
  });
  return deny ? !matches : matches;
}

/** Kodo's answer when the type is outside the token's mimeLimit, or null when it is allowed. */
export function mimeRefusal(mimeLimit: string | undefined, mime: string): KodoError | null {
  return mimeAllowed(mimeLimit, mime)
    ? null
    : new KodoError(KODO.forbidden, `limited mimeType: this file type (${mime}) is forbidden to upload`);
}

/** Kodo keys are at most 750 bytes of UTF-8. */
export function checkKey(key: string): void {
  if (key.length === 0 || Buffer.byteLength(key) > 750) throw new KodoError(KODO.badRequest, 'invalid key');
}

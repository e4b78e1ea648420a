import qiniu from 'qiniu';
import { describe, expect, it } from 'vitest';
import { KodoError } from './errors.js';
import { checkKeyInScope, mimeAllowed, verifyUploadToken } from './policy.js';
import { hmacSha1UrlSafe, urlSafeBase64Encode } from './sign.js';

const credentials = { accessKey: 'A'.repeat(40), secretKey: 'S'.repeat(40) };
const mac = new qiniu.auth.digest.Mac(credentials.accessKey, credentials.secretKey);
const now = Math.floor(Date.now() / 1000);

/** A token over any policy JSON, signed correctly (for policies the SDK would never produce). */
function signed(policy: unknown): string {
  const encoded = urlSafeBase64Encode(JSON.stringify(policy));
  return `${credentials.accessKey}:${hmacSha1UrlSafe(encoded, credentials.secretKey)}:${encoded}`;
}

function refusal(fn: () => unknown): { status: number; message: string } {
  try {
    fn();
  } catch (error) {
    if (error instanceof KodoError) return { status: error.status, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('verifyUploadToken', () => {
  it('accepts an SDK token and reads its scope', () => {
    const token = new qiniu.rs.PutPolicy({ scope: 'bkt:users/1/', isPrefixalScope: 1, expires: 60 }).uploadToken(mac);
    const verified = verifyUploadToken(token, credentials, 'bkt', now);
    expect(verified.scopeKey).toBe('users/1/');
    expect(verified.policy.isPrefixalScope).toBe(1);
    expect(() => checkKeyInScope(verified, 'users/1/a.jpg')).not.toThrow();
    expect(refusal(() => checkKeyInScope(verified, 'users/2/a.jpg')).status).toBe(403);
  });

  it('refuses missing, malformed, foreign and expired tokens with Kodo statuses', () => {
    expect(refusal(() => verifyUploadToken(undefined, credentials, 'bkt', now))).toEqual({
      status: 401,
      message: 'token not specified',
    });
    expect(refusal(() => verifyUploadToken('a:b', credentials, 'bkt', now)).status).toBe(401);
    expect(
      refusal(() => verifyUploadToken(signed({ scope: 'bkt', deadline: now - 1 }), credentials, 'bkt', now)),
    ).toEqual({
      status: 401,
      message: 'token out of date',
    });
    expect(
      refusal(() => verifyUploadToken(signed({ scope: 'other', deadline: now + 60 }), credentials, 'bkt', now)),
    ).toEqual({
      status: 631,
      message: 'no such bucket',
    });
  });

  it('refuses a policy without a deadline or with wrong types, naming the field', () => {
    expect(refusal(() => verifyUploadToken(signed({ scope: 'bkt' }), credentials, 'bkt', now))).toEqual({
      status: 400,
      message: 'invalid put policy: deadline',
    });
    const badLimit = signed({ scope: 'bkt', deadline: now + 60, fsizeLimit: '10' });
    expect(refusal(() => verifyUploadToken(badLimit, credentials, 'bkt', now)).message).toBe(
      'invalid put policy: fsizeLimit',
    );
    const persistent = signed({ scope: 'bkt', deadline: now + 60, persistentOps: 'avthumb/mp4' });
    expect(refusal(() => verifyUploadToken(persistent, credentials, 'bkt', now)).message).toMatch(/persistentOps/);
  });
});

describe('mimeAllowed', () => {
  it('matches allow lists with wildcards', () => {
    expect(mimeAllowed(undefined, 'text/plain')).toBe(true);
    expect(mimeAllowed('image/*;video/mp4', 'image/heic')).toBe(true);
    expect(mimeAllowed('image/*;video/mp4', 'video/mp4')).toBe(true);
    expect(mimeAllowed('image/*;video/mp4', 'video/quicktime')).toBe(false);
    expect(mimeAllowed('image/jpeg', 'IMAGE/JPEG')).toBe(true);
  });

  it('matches deny lists starting with !', () => {
    expect(mimeAllowed('!application/json;text/*', 'text/plain')).toBe(false);
    expect(mimeAllowed('!application/json;text/*', 'application/json')).toBe(false);
    expect(mimeAllowed('!application/json;text/*', 'image/png')).toBe(true);
  });
});

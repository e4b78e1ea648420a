import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { failureFor, signUploadToken } from './kodo.js';

describe('failureFor (Kodo status -> what the binding screen says)', () => {
  it.each([
    [401, 'bad token', 'bad_keys'],
    [403, 'permission denied', 'bad_keys'],
    [631, 'no such bucket', 'no_such_bucket'],
    [612, 'no such file or directory', 'not_found'],
    [400, 'incorrect region, please use rsf-z1.qbox.me', 'wrong_region'],
    [400, 'incorrect zone', 'wrong_region'],
    [-1, undefined, 'unreachable'],
    [0, undefined, 'unreachable'],
    [599, 'server error', 'refused'],
  ])('%i %s -> %s', (status, error, reason) => {
    expect(failureFor(status, error, 'list the bucket').reason).toBe(reason);
  });
});

describe('signUploadToken', () => {
  it('is AK:urlsafe_b64(hmac_sha1(encodedPolicy, SK)):encodedPolicy', () => {
    const policy = { scope: 'b:k', deadline: 1_900_000_000 };
    const token = signUploadToken(policy, 'AK', 'SK');
    const [ak, sign, encoded] = token.split(':');
    expect(ak).toBe('AK');
    expect(JSON.parse(Buffer.from(encoded ?? '', 'base64url').toString())).toEqual(policy);
    const expected = createHmac('sha1', 'SK')
      .update(encoded ?? '')
      .digest('base64')
      .replace(/\+/g, '-')
      .replace(/\//g, '_');
    expect(sign).toBe(expected);
  });
});

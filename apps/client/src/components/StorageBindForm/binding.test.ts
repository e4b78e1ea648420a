import { describe, expect, it } from 'vitest';
import { type BindValues, bindFailure, validateBinding } from './binding';

const good: BindValues = {
  accessKey: 'AK_example-0123456789abcdef',
  secretKey: 'SK_example-0123456789abcdef',
  bucket: 'family-photos',
  domain: 'https://img.example.com/',
  region: 'z0',
};

describe('validateBinding', () => {
  it('accepts a complete binding and normalises it as the server will', () => {
    const result = validateBinding({ ...good, bucket: '  family-photos ', domain: 'HTTPS://Img.Example.com//' });
    expect(result).toEqual({
      ok: true,
      input: { ...good, domain: 'https://img.example.com' },
    });
  });

  it('says "required" for every empty field', () => {
    expect(validateBinding({ accessKey: '', secretKey: ' ', bucket: '', domain: '', region: '' })).toEqual({
      ok: false,
      errors: {
        accessKey: 'storage.error.accessKey.required',
        secretKey: 'storage.error.secretKey.required',
        bucket: 'storage.error.bucket.required',
        domain: 'storage.error.domain.required',
        region: 'storage.error.region.required',
      },
    });
  });

  it.each([
    ['accessKey', 'short'],
    ['accessKey', 'has spaces inside the key value'],
    ['secretKey', `${'x'.repeat(65)}`],
    ['secretKey', 'key+with/slash=0123456789'],
    ['bucket', 'Family'],
    ['bucket', '-photos'],
    ['bucket', 'ab'],
    ['domain', 'img.example.com'],
    ['domain', 'https://img.example.com/photos'],
    ['domain', 'ftp://img.example.com'],
    ['region', 'z9'],
  ] as const)('marks %s = %j as invalid, and only that field', (field, value) => {
    const result = validateBinding({ ...good, [field]: value });
    expect(result).toEqual({ ok: false, errors: { [field]: `storage.error.${field}.invalid` } });
  });
});

describe('bindFailure', () => {
  const serverError = (appCode: string, extra: Record<string, unknown> = {}) =>
    Object.assign(new Error(`refused: ${appCode}`), { data: { appCode, ...extra } });

  it.each([
    ['STORAGE_BAD_KEYS', ['accessKey', 'secretKey']],
    ['STORAGE_NO_SUCH_BUCKET', ['bucket']],
    ['STORAGE_WRONG_REGION', ['region']],
    ['STORAGE_DOMAIN_INVALID', ['domain']],
    ['STORAGE_UNREACHABLE', []],
  ])('reads %s as a refusal pointing at %j', (code, fields) => {
    expect(bindFailure(serverError(code), good)).toEqual({ kind: 'refused', code, fields });
  });

  it('maps BAD_INPUT issues onto the fields they name', () => {
    const error = serverError('BAD_INPUT', { issues: [{ path: 'domain', message: 'bad' }, { path: 'x.bucket' }] });
    expect(bindFailure(error, { ...good, bucket: '' })).toEqual({
      kind: 'fields',
      errors: { domain: 'storage.error.domain.invalid', bucket: 'storage.error.bucket.required' },
    });
  });

  it('keeps any other failure with its code and the error itself', () => {
    const expired = serverError('SESSION_EXPIRED');
    expect(bindFailure(expired, good)).toEqual({ kind: 'other', code: 'SESSION_EXPIRED', error: expired });
    const offline = new TypeError('Network request failed');
    expect(bindFailure(offline, good)).toEqual({ kind: 'other', code: null, error: offline });
    expect(bindFailure(serverError('BAD_INPUT', { issues: [{ path: 'nonsense' }] }), good)).toMatchObject({
      kind: 'other',
      code: 'BAD_INPUT',
    });
  });
});

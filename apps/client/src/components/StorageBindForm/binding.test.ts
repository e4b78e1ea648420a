import { zBindStorageInput } from '@xiaojia/shared';
import { describe, expect, it } from 'vitest';
import {
  type BindValues,
  bindFailure,
  EMPTY_BIND_VALUES,
  formShape,
  REFUSAL_CODES,
  refusalMessageKey,
  refusedFields,
  STORAGE_CHOICES,
  validateBinding,
} from './binding';

const good: BindValues = {
  ...EMPTY_BIND_VALUES,
  accessKey: 'AK_example-0123456789abcdef',
  secretKey: 'SK_example-0123456789abcdef',
  bucket: 'family-photos',
  domain: 'https://img.example.com/',
  region: 'z0',
};
const KEYS = { accessKey: 'AKIDexample0123456789', secretKey: 'secret/key+0123456789=abc' };
const s3 = (values: Partial<BindValues>): BindValues => ({ ...EMPTY_BIND_VALUES, ...KEYS, ...values });

describe('validateBinding: Qiniu', () => {
  it('accepts a complete binding and normalises it as the server will', () => {
    const result = validateBinding({ ...good, bucket: '  family-photos ', domain: 'HTTPS://Img.Example.com//' });
    expect(result).toEqual({
      ok: true,
      input: {
        provider: 'qiniu',
        accessKey: good.accessKey,
        secretKey: good.secretKey,
        bucket: 'family-photos',
        domain: 'https://img.example.com',
        region: 'z0',
      },
    });
  });

  it('says "required" for every empty field', () => {
    expect(validateBinding({ ...EMPTY_BIND_VALUES, secretKey: ' ' })).toEqual({
      ok: false,
      errors: {
        accessKey: { key: 'storage.error.accessKey.required' },
        secretKey: { key: 'storage.error.secretKey.required' },
        bucket: { key: 'storage.error.bucket.required' },
        domain: { key: 'storage.error.domain.required' },
        region: { key: 'storage.error.region.required' },
      },
    });
  });

  it.each([
    ['accessKey', 'short'],
    ['secretKey', 'key+with/slash=0123456789'],
    ['bucket', 'Family'],
    ['bucket', '-photos'],
    ['domain', 'img.example.com'],
    ['domain', 'https://img.example.com/photos'],
    ['region', 'z9'],
  ] as const)('marks %s = %j as invalid, and only that field', (field, value) => {
    const result = validateBinding({ ...good, [field]: value });
    expect(result).toEqual({ ok: false, errors: { [field]: { key: `storage.error.${field}.invalid` } } });
  });
});

describe('validateBinding: S3-compatible storage', () => {
  it.each([
    ['cos', { bucket: 'photos-1250000000', region: 'ap-guangzhou' }, { region: 'ap-guangzhou' }],
    [
      'oss',
      { bucket: 'family-photos', region: 'cn-hangzhou', domain: 'https://img.example.com' },
      { region: 'cn-hangzhou', domain: 'https://img.example.com' },
    ],
    ['aws', { bucket: 'family.photos', region: 'us-east-1' }, { region: 'us-east-1' }],
    [
      'r2',
      { bucket: 'family-photos', accountId: '0123456789abcdef0123456789abcdef' },
      { accountId: '0123456789abcdef0123456789abcdef' },
    ],
    [
      'minio',
      { bucket: 'family-photos', endpoint: 'https://minio.example.com:9000', pathStyle: true },
      { endpoint: 'https://minio.example.com:9000', pathStyle: true },
    ],
    [
      'custom',
      { bucket: 'family-photos', endpoint: 'https://s3.example.com', region: 'eu-1', pathStyle: false },
      { endpoint: 'https://s3.example.com', region: 'eu-1', pathStyle: false },
    ],
  ] as const)('%s: sends exactly the fields of its form, as zBindStorageInput takes them', (preset, values, where) => {
    const result = validateBinding(s3({ choice: preset, ...values }));
    const input = { provider: 's3', preset, ...KEYS, bucket: values.bucket, ...where };
    expect(result).toEqual({ ok: true, input });
    expect(zBindStorageInput.parse(input)).toEqual(input);
  });

  it("names the region's expected shape for the preset chosen", () => {
    expect(validateBinding(s3({ choice: 'cos', bucket: 'photos-1250000000', region: 'guangzhou' }))).toEqual({
      ok: false,
      errors: { region: { key: 'storage.s3.error.region.invalid', params: { example: 'ap-guangzhou' } } },
    });
    expect(validateBinding(s3({ choice: 'oss', bucket: 'photos', region: '' }))).toEqual({
      ok: false,
      errors: { region: { key: 'storage.s3.error.region.required' } },
    });
  });

  it('explains malformed S3 fields with their own messages', () => {
    expect(validateBinding(s3({ choice: 'r2', bucket: 'Ph', accountId: 'not-an-account' }))).toEqual({
      ok: false,
      errors: {
        bucket: { key: 'storage.s3.error.bucket.invalid' },
        accountId: { key: 'storage.s3.error.accountId.invalid' },
      },
    });
    expect(validateBinding(s3({ choice: 'minio', bucket: 'photos', endpoint: 'minio.local/path' }))).toEqual({
      ok: false,
      errors: { endpoint: { key: 'storage.s3.error.endpoint.invalid' } },
    });
    expect(validateBinding(s3({ choice: 'aws', accessKey: 'a b', bucket: 'photos', region: 'us-east-1' }))).toEqual({
      ok: false,
      errors: { accessKey: { key: 'storage.s3.error.accessKey.invalid' } },
    });
  });

  it('asks each provider only for what locates its bucket', () => {
    expect(formShape('qiniu')).toMatchObject({
      text: ['accessKey', 'secretKey', 'bucket', 'domain'],
      regionTyped: false,
    });
    expect(formShape('cos').text).toEqual(['accessKey', 'secretKey', 'bucket', 'region', 'domain']);
    expect(formShape('r2').text).toEqual(['accessKey', 'secretKey', 'bucket', 'accountId', 'domain']);
    expect(formShape('minio')).toMatchObject({
      text: ['accessKey', 'secretKey', 'bucket', 'endpoint', 'region', 'domain'],
      pathStyle: true,
    });
    expect(formShape('aws').regions).toContain('us-east-1');
    expect(STORAGE_CHOICES).toEqual(['qiniu', 'cos', 'oss', 'r2', 'minio', 'aws', 'custom']);
  });
});

describe('bindFailure', () => {
  const serverError = (appCode: string, extra: Record<string, unknown> = {}, message = appCode) =>
    Object.assign(new Error(message), { data: { appCode, ...extra } });

  it.each([
    ['STORAGE_BAD_KEYS', ['accessKey', 'secretKey']],
    ['STORAGE_NO_SUCH_BUCKET', ['bucket']],
    ['STORAGE_WRONG_REGION', ['region']],
    ['STORAGE_DOMAIN_INVALID', ['domain']],
    ['STORAGE_UNREACHABLE', []],
  ])('reads %s as a refusal pointing at %j', (code, fields) => {
    expect(bindFailure(serverError(code), good)).toEqual({ kind: 'refused', code, fields, detail: '' });
  });

  it("points each S3 refusal at the fields that locate that provider's bucket, keeping storage's words", () => {
    const minio = s3({ choice: 'minio' });
    expect(bindFailure(serverError('STORAGE_WRONG_REGION', {}, 'The bucket is in another region'), minio)).toEqual({
      kind: 'refused',
      code: 'STORAGE_WRONG_REGION',
      fields: ['endpoint', 'region', 'pathStyle'],
      detail: 'The bucket is in another region',
    });
    expect(refusedFields('STORAGE_WRONG_REGION', 'r2')).toEqual(['accountId']);
    expect(refusedFields('STORAGE_UNREACHABLE', 'custom')).toEqual(['endpoint']);
    expect(refusedFields('STORAGE_ENDPOINT_NOT_ALLOWED', 'minio')).toEqual(['endpoint']);
    expect(refusedFields('STORAGE_CLOCK_SKEW', 'aws')).toEqual([]);
    expect(refusedFields('STORAGE_CORS_MISSING', 'r2')).toEqual([]);
  });

  it("words every refusal for the provider: Qiniu's own where it has them", () => {
    for (const code of REFUSAL_CODES) expect(refusalMessageKey(code, 'cos')).toBe(`storage.s3.error.${code}`);
    expect(refusalMessageKey('STORAGE_BAD_KEYS', 'qiniu')).toBe('storage.error.STORAGE_BAD_KEYS');
    expect(refusalMessageKey('STORAGE_CLOCK_SKEW', 'qiniu')).toBe('storage.s3.error.STORAGE_CLOCK_SKEW');
  });

  it('maps BAD_INPUT issues onto the fields they name', () => {
    const error = serverError('BAD_INPUT', { issues: [{ path: 'domain', message: 'bad' }, { path: 'x.bucket' }] });
    expect(bindFailure(error, { ...good, bucket: '' })).toEqual({
      kind: 'fields',
      errors: { domain: { key: 'storage.error.domain.invalid' }, bucket: { key: 'storage.error.bucket.required' } },
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

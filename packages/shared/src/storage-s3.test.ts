import { describe, expect, it } from 'vitest';
import { S3_PRESETS, S3PresetError, s3Location, zBindStorageInput } from './storage.js';
import { zUploadTicket } from './uploads.js';

const ACCOUNT = '0123456789abcdef0123456789abcdef';
const s3 = {
  provider: 's3',
  preset: 'cos',
  accessKey: 'AKIDexampleexampleexample',
  secretKey: 'secret/with+base64=chars',
  bucket: 'photos-1250000000',
  region: 'ap-guangzhou',
} as const;

describe('s3Location (presets)', () => {
  it.each([
    ['cos', { region: 'ap-guangzhou' }, 'https://cos.ap-guangzhou.myqcloud.com', 'ap-guangzhou', false],
    ['oss', { region: 'cn-hangzhou' }, 'https://s3.oss-cn-hangzhou.aliyuncs.com', 'cn-hangzhou', false],
    ['aws', { region: 'eu-central-1' }, 'https://s3.eu-central-1.amazonaws.com', 'eu-central-1', false],
    ['r2', { accountId: ACCOUNT.toUpperCase() }, `https://${ACCOUNT}.r2.cloudflarestorage.com`, 'auto', true],
    ['minio', { endpoint: 'http://nas.local:9000/' }, 'http://nas.local:9000', 'us-east-1', true],
    [
      'custom',
      { endpoint: 'https://s3.example.com', region: 'cn-1', pathStyle: false },
      'https://s3.example.com',
      'cn-1',
      false,
    ],
  ] as const)('%s fills the endpoint, signing region and addressing', (preset, typed, endpoint, region, pathStyle) => {
    expect(s3Location({ preset, ...typed })).toEqual({ preset, endpoint, region, pathStyle });
  });

  it.each([
    ['cos', { region: 'guangzhou' }, 'region'],
    ['cos', { region: 'ap-guangzhou.evil.com/x' }, 'region'],
    ['oss', {}, 'region'],
    ['aws', { region: 'us-east' }, 'region'],
    ['r2', { accountId: 'not-an-account' }, 'accountId'],
    ['r2', { accountId: `${ACCOUNT}0` }, 'accountId'],
    ['minio', {}, 'endpoint'],
    ['minio', { endpoint: 'http://nas.local:9000/bucket' }, 'endpoint'],
    ['custom', { endpoint: 'ftp://s3.example.com' }, 'endpoint'],
  ] as const)('%s refuses %o, naming the field', (preset, typed, field) => {
    expect(() => s3Location({ preset, ...typed })).toThrow(S3PresetError);
    try {
      s3Location({ preset, ...typed });
    } catch (error) {
      expect((error as S3PresetError).field).toBe(field);
    }
  });

  it('states what the server relies on for each provider', () => {
    expect(S3_PRESETS.r2).toMatchObject({ postPolicy: false, ifNoneMatch: true, imageProcessing: null });
    expect(S3_PRESETS.cos).toMatchObject({ postPolicy: false, imageProcessing: 'imageMogr2' });
    expect(S3_PRESETS.oss).toMatchObject({ postPolicy: true, imageProcessing: 'x-oss-process' });
    for (const preset of ['minio', 'aws'] as const) {
      expect(S3_PRESETS[preset]).toMatchObject({ postPolicy: true, ifNoneMatch: true, imageProcessing: null });
    }
  });

  it('guards against overwrites the way each provider documents, and only where it does', () => {
    for (const [name, preset] of Object.entries(S3_PRESETS)) {
      // If-None-Match on PUT exactly where the provider honours it.
      expect([name, preset.noOverwrite.put?.[0] === 'if-none-match']).toEqual([name, preset.ifNoneMatch]);
      // Every provider that guards a PUT guards the multipart completion the same way.
      expect([name, preset.noOverwrite.complete]).toEqual([name, preset.noOverwrite.put]);
    }
    expect(S3_PRESETS.oss.noOverwrite).toEqual({
      put: ['x-oss-forbid-overwrite', 'true'],
      post: ['x-oss-forbid-overwrite', 'true'],
      complete: ['x-oss-forbid-overwrite', 'true'],
    });
    expect(S3_PRESETS.cos.noOverwrite).toEqual({
      put: ['x-cos-forbid-overwrite', 'true'],
      post: null,
      complete: ['x-cos-forbid-overwrite', 'true'],
    });
    expect(S3_PRESETS.custom.noOverwrite).toEqual({ put: null, post: null, complete: null });
  });
});

describe('zBindStorageInput (Qiniu and S3)', () => {
  it('still parses a Qiniu input from before S3, without a provider, unchanged', () => {
    const old = {
      accessKey: 'A'.repeat(40),
      secretKey: 'b'.repeat(40),
      bucket: 'family',
      domain: 'https://img.example.com',
      region: 'z0',
    };
    expect(zBindStorageInput.parse(old)).toEqual(old);
    expect(zBindStorageInput.parse({ ...old, provider: 'qiniu' })).toEqual({ ...old, provider: 'qiniu' });
  });

  it('parses an S3 input and normalises its domain', () => {
    expect(zBindStorageInput.parse({ ...s3, domain: 'https://CDN.example.com/' })).toEqual({
      ...s3,
      domain: 'https://cdn.example.com',
    });
  });

  it.each([
    ['a malformed region', { region: 'Guangzhou' }, 'region'],
    ['an R2 binding without account', { preset: 'r2', region: undefined }, 'accountId'],
    ['a MinIO binding without endpoint', { preset: 'minio' }, 'endpoint'],
    ['an unknown preset', { preset: 'b2' }, 'preset'],
    ['a key with spaces', { accessKey: 'has space in it' }, 'accessKey'],
    ['a bucket with capitals', { bucket: 'Photos' }, 'bucket'],
    ['a domain with a path', { domain: 'https://cdn.example.com/photos' }, 'domain'],
  ])('refuses %s at its field', (_label, patch, field) => {
    const result = zBindStorageInput.safeParse({ ...s3, ...patch });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path[0])).toContain(field);
  });

  it('refuses an unknown provider', () => {
    expect(zBindStorageInput.safeParse({ ...s3, provider: 'gcs' }).success).toBe(false);
  });
});

describe('zUploadTicket', () => {
  it('carries a Qiniu form, an S3 POST policy form and an S3 PUT with its signed headers', () => {
    const base = { kind: 'upload', key: 'h/1/k.jpg', expiresAt: '2026-12-01T00:00:00.000Z' } as const;
    expect(
      zUploadTicket.safeParse({ ...base, uploadUrl: 'https://up', fields: { token: 't', key: 'k' } }).success,
    ).toBe(true);
    expect(
      zUploadTicket.safeParse({
        ...base,
        method: 'PUT',
        uploadUrl: 'https://b/k',
        fields: {},
        headers: { 'if-none-match': '*' },
      }).success,
    ).toBe(true);
    expect(zUploadTicket.safeParse({ ...base, method: 'PATCH', uploadUrl: 'https://b/k', fields: {} }).success).toBe(
      false,
    );
  });
});

/**
 * The S3 provider against the embedded S3 peer on loopback (strict SigV4, presign expiry, POST policy
 * conditions): verification and each of its refusals, both upload grants, stat, signed reads, delete.
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { S3_PRESETS, type StorageUnchecked } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../integrations/clock.js';
import { storageRefusal } from '../../test/storage.js';
import { APP_ORIGIN, PEER_BUCKET, PEER_KEYS, peerTarget, startS3Peer, type TestPeer } from '../embedded/s3/testing.js';
import { presignGet, signingKey } from './sigv4.js';
import { S3Storage, type S3Target, variantQuery, videoVariantQuery } from './storage.js';
import { PROBE_KEY, uncheckedNote } from './verify.js';

let peer: TestPeer;
beforeEach(async () => {
  peer = await startS3Peer();
});
afterEach(async () => {
  await peer.close();
});

const target = (patch: Partial<S3Target> = {}): S3Target => peerTarget(peer, patch);
const storage = (patch: Partial<S3Target> = {}, clock = new ManualClock(peer.clock.now())) =>
  new S3Storage(target(patch), clock, { maxAttempts: 2 });

const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Buffer.from('a small photo, honestly')]);
const policy = (key: string, bytes = jpeg.length) => ({
  key,
  expiresAt: new Date(peer.clock.now().getTime() + 15 * 60_000),
  maxBytes: bytes + 16,
  mimeTypes: ['image/jpeg'],
  declared: { mime: 'image/jpeg', bytes },
});

const refusal = storageRefusal;

describe('S3Storage.verify', () => {
  it('passes with the right keys, bucket, region and CORS, and leaves no probe behind', async () => {
    expect(await storage().verify(APP_ORIGIN)).toEqual([]);
    expect(peer.peer.objects.get(PEER_BUCKET, PROBE_KEY)).toBeUndefined();
  });

  it.each([
    ['an unknown access key', { accessKey: 'NOSUCHKEY' }, 'bad_keys', /access key or secret key is wrong/],
    ['a wrong secret key', { secretKey: 'wrong-secret' }, 'bad_keys', /access key or secret key is wrong/],
    ['an unknown bucket', { bucket: 'no-such-bucket' }, 'no_such_bucket', /No such bucket/],
    [
      'the wrong region',
      { region: 'ap-guangzhou' },
      'wrong_region',
      /region 'ap-guangzhou' is wrong; expecting 'us-east-1'/,
    ],
    ['an endpoint nothing answers on', { endpoint: 'http://127.0.0.1:9' }, 'unreachable', /could not be reached/],
  ] as const)('refuses %s', async (_label, patch, reason, message) => {
    const error = await refusal(() => storage(patch).verify(APP_ORIGIN));
    expect(error.reason).toBe(reason);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain(PEER_KEYS.secretKey);
  });

  it('passes a storage without GetBucketCors (MinIO), answering the code corsUnchecked and where to set CORS', async () => {
    peer.peer.setBucketCorsApi(false);
    peer.peer.setCors(PEER_BUCKET, null);
    const minio = await storage().verify(APP_ORIGIN);
    expect(minio).toEqual([{ code: 'corsUnchecked', origin: APP_ORIGIN, setIn: 'minioServer' }]);
    const custom = await storage({ preset: 'custom' }).verify(APP_ORIGIN);
    expect(custom).toEqual([{ code: 'corsUnchecked', origin: APP_ORIGIN, setIn: 'bucketRules' }]);
    // xiaojia doctor says them in English, with the setting to change.
    expect(uncheckedNote(minio[0] as StorageUnchecked)).toMatch(/could not be checked.*MINIO_API_CORS_ALLOW_ORIGIN/);
    expect(uncheckedNote(minio[0] as StorageUnchecked)).toContain(APP_ORIGIN);
    expect(uncheckedNote(custom[0] as StorageUnchecked)).toMatch(/make sure they allow https:\/\/xiaojia/);
    // Other refusals of the CORS read still fail the binding.
    peer.peer.setBucketCorsApi(true);
    expect((await refusal(() => storage().verify(APP_ORIGIN))).reason).toBe('cors_missing');
  });

  it('refuses a server clock 20 minutes off the storage', async () => {
    const skewed = new ManualClock(new Date(peer.clock.now().getTime() - 20 * 60_000));
    const error = await refusal(() => storage({}, skewed).verify(APP_ORIGIN));
    expect(error.reason).toBe('clock_skew');
    expect(error.message).toMatch(/20 minutes behind/);
  });

  it('refuses a bucket without CORS rules, or with rules that leave the app out', async () => {
    peer.peer.setCors(PEER_BUCKET, null);
    expect((await refusal(() => storage().verify(APP_ORIGIN))).reason).toBe('cors_missing');
    peer.peer.setCors(PEER_BUCKET, [{ origins: ['https://other.example.com'], methods: ['POST'] }]);
    expect((await refusal(() => storage().verify(APP_ORIGIN))).message).toMatch(/no rule allows the origin/);
    // R2 uploads are PUTs with Content-Type and If-None-Match: a POST-only rule is not enough.
    peer.peer.setCors(PEER_BUCKET, [{ origins: [APP_ORIGIN], methods: ['POST'], headers: ['*'] }]);
    expect((await refusal(() => storage({ preset: 'r2' }).verify(APP_ORIGIN))).message).toMatch(/allows PUT/);
    peer.peer.setCors(PEER_BUCKET, [
      { origins: ['https://*.example.com'], methods: ['PUT'], headers: ['content-type', 'if-none-match'] },
    ]);
    await storage({ preset: 'r2' }).verify(APP_ORIGIN);
  });
});

describe('S3Storage uploads and reads', () => {
  it('grants a POST policy form for the exact key, then stats, reads and deletes the object', async () => {
    const s3 = storage();
    const grant = await s3.grantUpload(policy('h/1/2026/12/a.jpg'));
    expect(grant.method).toBe('POST');
    const form = new FormData();
    for (const [k, v] of Object.entries(grant.fields)) form.set(k, v);
    form.set('file', new Blob([jpeg]), 'a.jpg');
    expect((await fetch(grant.uploadUrl, { method: 'POST', body: form })).status).toBe(204);

    const stat = await s3.stat('h/1/2026/12/a.jpg');
    expect(stat).toEqual({ size: jpeg.length, etag: expect.stringMatching(/^[0-9a-f]{32}$/), mime: 'image/jpeg' });
    const url = s3.signedUrl('h/1/2026/12/a.jpg', new Date(peer.clock.now().getTime() + 3600_000));
    const read = await fetch(url);
    expect(Buffer.from(await read.arrayBuffer())).toEqual(jpeg);
    const download = await s3.download('h/1/2026/12/a.jpg', new Date(peer.clock.now().getTime() + 60_000));
    expect(download).toMatchObject({ size: jpeg.length, mime: 'image/jpeg' });
    download.body.resume();

    await s3.delete('h/1/2026/12/a.jpg');
    await s3.delete('h/1/2026/12/a.jpg');
    expect(await s3.stat('h/1/2026/12/a.jpg')).toBeNull();
  });

  it('refuses a POST policy form for another key, a bigger file, or another type', async () => {
    const grant = await storage().grantUpload(policy('h/1/b.jpg'));
    const post = async (patch: Record<string, string>, body = jpeg) => {
      const form = new FormData();
      for (const [k, v] of Object.entries({ ...grant.fields, ...patch })) form.set(k, v);
      form.set('file', new Blob([body]), 'b.jpg');
      return (await fetch(grant.uploadUrl, { method: 'POST', body: form })).status;
    };
    expect(await post({ key: 'h/2/b.jpg' })).toBe(403);
    expect(await post({ 'Content-Type': 'text/html' })).toBe(403);
    expect(await post({}, Buffer.concat([jpeg, jpeg]))).toBe(400);
    expect(peer.peer.objects.get(PEER_BUCKET, 'h/1/b.jpg')).toBeUndefined();
  });

  it('grants a presigned PUT where the preset has no POST policy (R2), with type, length and no-overwrite signed', async () => {
    const s3 = storage({ preset: 'r2' });
    const grant = await s3.grantUpload(policy('h/1/c.jpg'));
    expect(grant).toMatchObject({
      method: 'PUT',
      fields: {},
      headers: { 'Content-Type': 'image/jpeg', 'If-None-Match': '*' },
    });
    const put = (body: Buffer, headers = grant.headers) => fetch(grant.uploadUrl, { method: 'PUT', body, headers });
    expect((await put(jpeg, { ...grant.headers, 'Content-Type': 'image/png' })).status).toBe(403);
    expect((await put(Buffer.concat([jpeg, jpeg]))).status).toBe(403);
    expect((await put(jpeg)).status).toBe(200);
    expect((await put(jpeg)).status).toBe(412);
    expect(await s3.stat('h/1/c.jpg')).toMatchObject({ size: jpeg.length, mime: 'image/jpeg' });
  });

  it('pins the provider’s no-overwrite guard: OSS’s form field in the policy, its header on PUTs', async () => {
    const oss = storage({ preset: 'oss', region: 'cn-hangzhou' });
    const post = await oss.grantUpload(policy('h/1/o.jpg'));
    expect(post.fields).toMatchObject({ 'x-oss-forbid-overwrite': 'true', 'Content-Type': 'image/jpeg' });
    const conditions = JSON.parse(Buffer.from(post.fields.Policy ?? '', 'base64').toString()).conditions;
    expect(conditions).toEqual(
      expect.arrayContaining([{ 'x-oss-forbid-overwrite': 'true' }, ['eq', '$Content-Type', 'image/jpeg']]),
    );
    const put = await oss.grantDerivative('h/1/o.jpg.thumb.jpg', new Date(peer.clock.now().getTime() + 60_000));
    expect(put.headers).toEqual({ 'Content-Type': 'image/jpeg', 'x-oss-forbid-overwrite': 'true' });
    expect(new URL(put.uploadUrl).searchParams.get('X-Amz-SignedHeaders')).toBe(
      'content-type;host;x-oss-forbid-overwrite',
    );
    // Custom S3: nothing relied on.
    const custom = await storage({ preset: 'custom' }).grantUpload(policy('h/1/p.jpg'));
    expect(custom.headers).toEqual({ 'Content-Type': 'image/jpeg' });
  });

  it('grants a derivative PUT of any length under the same guard, refused once the key exists', async () => {
    const s3 = storage({ preset: 'r2' });
    const grant = await s3.grantDerivative('h/1/e.jpg.thumb.jpg', new Date(peer.clock.now().getTime() + 60_000));
    expect(new URL(grant.uploadUrl).searchParams.get('X-Amz-SignedHeaders')).toBe('content-type;host;if-none-match');
    const put = (body: Buffer) => fetch(grant.uploadUrl, { method: 'PUT', body, headers: grant.headers });
    expect((await put(Buffer.concat([jpeg, jpeg]))).status).toBe(200);
    expect((await put(jpeg)).status).toBe(412);
  });

  it('signs reads that expire with their deadline', async () => {
    const s3 = storage();
    const grant = await s3.grantUpload(policy('h/1/d.jpg'));
    const form = new FormData();
    for (const [k, v] of Object.entries(grant.fields)) form.set(k, v);
    form.set('file', new Blob([jpeg]), 'd.jpg');
    await fetch(grant.uploadUrl, { method: 'POST', body: form });
    const deadline = new Date(peer.clock.now().getTime() + 30 * 60_000);
    const url = s3.signedUrl('h/1/d.jpg', deadline);
    expect(s3.signedUrl('h/1/d.jpg', deadline)).toBe(url);
    expect((await fetch(url)).status).toBe(200);
    peer.clock.set(new Date(deadline.getTime() + 1000));
    expect((await fetch(url)).status).toBe(403);
  });
});

describe('S3 image variants', () => {
  it('asks COS and OSS for processing, and gives the original elsewhere (client thumbnails: next slice)', () => {
    expect(variantQuery(S3_PRESETS.cos, 'thumb')).toEqual([
      'imageMogr2/auto-orient/thumbnail/480x480/format/webp/quality/75',
      '',
    ]);
    expect(variantQuery(S3_PRESETS.oss, 'preview')).toEqual([
      'x-oss-process',
      'image/auto-orient,1/resize,m_lfit,w_2048,h_2048/format,webp/quality,q_85',
    ]);
    expect(variantQuery(S3_PRESETS.minio, 'thumb')).toBeNull();
    const clock = new ManualClock('2026-12-01T10:07:00Z');
    const oss = new S3Storage(
      target({
        preset: 'oss',
        pathStyle: false,
        endpoint: 'https://s3.oss-cn-hangzhou.aliyuncs.com',
        region: 'cn-hangzhou',
      }),
      clock,
    );
    const url = new URL(oss.signedUrl('h/1/x.jpg', new Date('2026-12-01T11:00:00Z'), 'thumb'));
    expect(url.host).toBe(`${PEER_BUCKET}.s3.oss-cn-hangzhou.aliyuncs.com`);
    expect(url.searchParams.get('x-oss-process')).toContain('resize,m_lfit,w_480');
    const cdn = new S3Storage(target({ domain: 'https://img.example.com' }), clock);
    expect(cdn.signedUrl('h/1/x.jpg', new Date('2026-12-01T11:00:00Z'))).toMatch(
      /^https:\/\/img\.example\.com\/h\/1\/x\.jpg\?/,
    );
  });
});

describe('S3 video variants', () => {
  it('asks COS and OSS for a poster frame at 1 s, upright, and nothing of buckets without processing', () => {
    expect(videoVariantQuery(S3_PRESETS.cos, 'thumb')).toEqual([
      ['ci-process', 'snapshot'],
      ['time', '1'],
      ['width', '480'],
      ['height', '0'],
      ['format', 'jpg'],
      ['rotate', 'auto'],
    ]);
    expect(videoVariantQuery(S3_PRESETS.oss, 'preview')).toEqual([
      ['x-oss-process', 'video/snapshot,t_1000,f_jpg,w_0,h_0,m_fast,ar_auto'],
    ]);
    expect(videoVariantQuery(S3_PRESETS.minio, 'thumb')).toBeNull();
    const clock = new ManualClock('2026-12-01T10:07:00Z');
    const cos = new S3Storage(
      target({
        preset: 'cos',
        pathStyle: false,
        endpoint: 'https://cos.ap-shanghai.myqcloud.com',
        region: 'ap-shanghai',
      }),
      clock,
    );
    const deadline = new Date('2026-12-01T11:00:00Z');
    const poster = new URL(cos.signedUrl('h/1/v.mp4', deadline, 'thumb', 'video'));
    expect(poster.searchParams.get('ci-process')).toBe('snapshot');
    expect(poster.searchParams.get('width')).toBe('480');
    // The same key as an image is asked for an image thumbnail, and its URL is signed apart.
    const image = new URL(cos.signedUrl('h/1/v.mp4', deadline, 'thumb'));
    expect(image.searchParams.get('ci-process')).toBeNull();
    expect(image.search).toContain('imageMogr2');
    // The original plays the video: no processing at all.
    expect(new URL(cos.signedUrl('h/1/v.mp4', deadline, undefined, 'video')).searchParams.get('ci-process')).toBeNull();
  });
});

describe('presignGet', () => {
  it('makes the URL @aws-sdk/s3-request-presigner makes for the same request and time', async () => {
    const signedAt = new Date('2026-12-01T10:00:00Z');
    const client = new S3Client({
      region: 'ap-guangzhou',
      endpoint: 'https://cos.ap-guangzhou.myqcloud.com',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret+example/key' },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    const sdk = await getSignedUrl(
      client,
      new GetObjectCommand({ Bucket: 'photos-1250000000', Key: 'h/1/a b+c.jpg' }),
      {
        expiresIn: 3600,
        signingDate: signedAt,
      },
    );
    const ours = presignGet(
      {
        accessKey: 'AKIDEXAMPLE',
        key: signingKey('secret+example/key', '20261201', 'ap-guangzhou'),
        region: 'ap-guangzhou',
        origin: 'https://photos-1250000000.cos.ap-guangzhou.myqcloud.com',
        path: '/h/1/a%20b%2Bc.jpg',
      },
      signedAt,
      3600,
      [['x-id', 'GetObject']],
    );
    const sorted = (u: string) => {
      const url = new URL(u);
      return { base: `${url.origin}${url.pathname}`, query: [...url.searchParams.entries()].sort() };
    };
    expect(sorted(ours)).toEqual(sorted(sdk));
  });
});

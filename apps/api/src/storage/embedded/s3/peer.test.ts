import {
  DeleteObjectCommand,
  GetBucketCorsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PEER_BUCKET as Bucket, PEER_KEYS, startS3Peer, type TestPeer } from './testing.js';

let peer: TestPeer;
beforeEach(async () => {
  peer = await startS3Peer();
});
afterEach(async () => {
  await peer.close();
});

const bytes = Buffer.from('\xff\xd8\xff\xe0 not really a jpeg but bytes all the same');

async function rejection(promise: Promise<unknown>): Promise<{ name: string; status: number | undefined }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected a refusal');
}

describe('S3 peer with the official SDK (header SigV4)', () => {
  it('heads the bucket, puts, heads, gets and deletes an object', async () => {
    const s3 = peer.client();
    await s3.send(new HeadBucketCommand({ Bucket }));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'a/b c.jpg', Body: bytes, ContentType: 'image/jpeg' }));
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'a/b c.jpg' }));
    expect(head).toMatchObject({ ContentLength: bytes.length, ContentType: 'image/jpeg' });
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'a/b c.jpg' }));
    expect(Buffer.from((await got.Body?.transformToByteArray()) ?? [])).toEqual(bytes);
    await s3.send(new DeleteObjectCommand({ Bucket, Key: 'a/b c.jpg' }));
    expect(await rejection(s3.send(new HeadObjectCommand({ Bucket, Key: 'a/b c.jpg' })))).toMatchObject({
      status: 404,
    });
  });

  it('answers the CORS rules, or NoSuchCORSConfiguration', async () => {
    const s3 = peer.client();
    const cors = await s3.send(new GetBucketCorsCommand({ Bucket }));
    expect(cors.CORSRules?.[0]).toMatchObject({ AllowedMethods: ['GET', 'PUT', 'POST'], AllowedHeaders: ['*'] });
    peer.peer.setCors(Bucket, null);
    expect(await rejection(s3.send(new GetBucketCorsCommand({ Bucket })))).toEqual({
      name: 'NoSuchCORSConfiguration',
      status: 404,
    });
  });

  it.each([
    [
      'a wrong access key',
      { credentials: { accessKeyId: 'NOPE', secretAccessKey: PEER_KEYS.secretKey } },
      'InvalidAccessKeyId',
      403,
    ],
    [
      'a wrong secret',
      { credentials: { accessKeyId: PEER_KEYS.accessKey, secretAccessKey: 'wrong' } },
      'SignatureDoesNotMatch',
      403,
    ],
    ['a wrong region', { region: 'eu-west-1' }, 'AuthorizationHeaderMalformed', 400],
    ['a clock 20 minutes off', { systemClockOffset: 20 * 60 * 1000 }, 'RequestTimeTooSkewed', 403],
  ])('refuses %s', async (_label, config, name, status) => {
    const s3 = peer.client(config);
    expect(await rejection(s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: bytes })))).toEqual({ name, status });
    expect(peer.peer.objects.get(Bucket, 'k')).toBeUndefined();
  });

  it('refuses an unknown bucket, and a payload that does not match its signed hash', async () => {
    const s3 = peer.client();
    expect(await rejection(s3.send(new HeadBucketCommand({ Bucket: 'other-bucket' })))).toMatchObject({ status: 404 });
    const tampered = peer.client();
    tampered.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { body: unknown };
        // Same length as the signed body (Content-Length is signed too), different bytes.
        request.body = Buffer.alloc(bytes.length, 0x41);
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low' },
    );
    const refused = await rejection(tampered.send(new PutObjectCommand({ Bucket, Key: 'k', Body: bytes })));
    expect(refused).toEqual({ name: 'XAmzContentSHA256Mismatch', status: 400 });
    expect(peer.peer.objects.get(Bucket, 'k')).toBeUndefined();
  });

  it('refuses to overwrite with If-None-Match: *', async () => {
    const s3 = peer.client();
    await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: bytes, IfNoneMatch: '*' }));
    expect(
      await rejection(s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: Buffer.from('x'), IfNoneMatch: '*' }))),
    ).toEqual({
      name: 'PreconditionFailed',
      status: 412,
    });
    expect(peer.peer.objects.get(Bucket, 'k')?.size).toBe(bytes.length);
  });
});

describe('S3 peer: presigned URLs (query SigV4)', () => {
  async function presignedGet(expiresIn: number) {
    const s3 = peer.client();
    await s3.send(new PutObjectCommand({ Bucket, Key: 'p.jpg', Body: bytes, ContentType: 'image/jpeg' }));
    return getSignedUrl(s3, new GetObjectCommand({ Bucket, Key: 'p.jpg' }), { expiresIn });
  }

  it('serves a presigned GET until it expires', async () => {
    const url = await presignedGet(60);
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer())).toEqual(bytes);
    peer.clock.advance(61_000);
    const late = await fetch(url);
    expect(late.status).toBe(403);
    expect(await late.text()).toContain('Request has expired');
  });

  it('refuses a tampered signature, key or expiry, and an unsigned request', async () => {
    const url = await presignedGet(60);
    const last = url.at(-1) === '0' ? '1' : '0';
    for (const bad of [
      url.slice(0, -1) + last,
      url.replace('p.jpg', 'q.jpg'),
      url.replace('X-Amz-Expires=60', 'X-Amz-Expires=600'),
    ]) {
      const response = await fetch(bad);
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('SignatureDoesNotMatch');
    }
    expect((await fetch(`${peer.origin}/${Bucket}/p.jpg`)).status).toBe(403);
  });

  it('takes a presigned PUT only with the signed type, length and no-overwrite guard', async () => {
    const s3 = peer.client();
    const url = await getSignedUrl(
      s3,
      new PutObjectCommand({
        Bucket,
        Key: 'u.jpg',
        ContentType: 'image/jpeg',
        ContentLength: bytes.length,
        IfNoneMatch: '*',
      }),
      { expiresIn: 60, signableHeaders: new Set(['content-type', 'content-length', 'if-none-match']) },
    );
    const put = (body: Buffer, headers: Record<string, string>) => fetch(url, { method: 'PUT', body, headers });
    const good = { 'Content-Type': 'image/jpeg', 'If-None-Match': '*' };
    expect((await put(bytes, { ...good, 'Content-Type': 'text/html' })).status).toBe(403);
    expect((await put(Buffer.concat([bytes, bytes]), good)).status).toBe(403);
    expect((await put(bytes, { 'Content-Type': 'image/jpeg' })).status).toBe(403);
    expect(peer.peer.objects.get(Bucket, 'u.jpg')).toBeUndefined();
    expect((await put(bytes, good)).status).toBe(200);
    expect(peer.peer.objects.get(Bucket, 'u.jpg')).toMatchObject({ size: bytes.length, contentType: 'image/jpeg' });
    expect((await put(bytes, good)).status).toBe(412);
    peer.clock.advance(61_000);
    await s3.send(new DeleteObjectCommand({ Bucket, Key: 'u.jpg' }));
    expect((await put(bytes, good)).status).toBe(403);
  });
});

describe('S3 peer: POST policy uploads', () => {
  async function policy(maxBytes = 1024) {
    return createPresignedPost(peer.client(), {
      Bucket,
      Key: 'h/1/post.jpg',
      Conditions: [
        ['content-length-range', 1, maxBytes],
        ['starts-with', '$Content-Type', 'image/'],
      ],
      Fields: { 'Content-Type': 'image/jpeg' },
      Expires: 60,
    });
  }

  function post(
    grant: { url: string; fields: Record<string, string> },
    body: Buffer,
    patch: Record<string, string> = {},
  ) {
    const form = new FormData();
    for (const [k, v] of Object.entries({ ...grant.fields, ...patch })) form.set(k, v);
    form.set('file', new Blob([body]), 'photo.jpg');
    return fetch(grant.url, { method: 'POST', body: form });
  }

  it('stores the file under the exact key with the form type', async () => {
    const response = await post(await policy(), bytes);
    expect(response.status).toBe(204);
    expect(peer.peer.objects.get(Bucket, 'h/1/post.jpg')).toMatchObject({
      size: bytes.length,
      contentType: 'image/jpeg',
    });
  });

  it.each([
    ['another key', { key: 'h/2/elsewhere.jpg' }, 'Policy Condition failed'],
    ['a type outside image/', { 'Content-Type': 'text/html' }, 'Policy Condition failed'],
    ['an extra field', { acl: 'public-read' }, 'Extra input fields'],
    [
      'a tampered policy',
      { Policy: Buffer.from('{"expiration":"2999-01-01T00:00:00Z","conditions":[]}').toString('base64') },
      'SignatureDoesNotMatch',
    ],
    ['a wrong access key', { 'X-Amz-Credential': 'NOPE/20260101/us-east-1/s3/aws4_request' }, 'InvalidAccessKeyId'],
  ])('refuses %s', async (_label, patch, message) => {
    const response = await post(await policy(), bytes, patch);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await response.text()).toContain(message);
    expect(peer.peer.objects.get(Bucket, 'h/1/post.jpg')).toBeUndefined();
    expect(peer.peer.objects.get(Bucket, 'h/2/elsewhere.jpg')).toBeUndefined();
  });

  it('refuses a file past content-length-range, and an expired policy', async () => {
    const tooBig = await post(await policy(8), bytes);
    expect(tooBig.status).toBe(400);
    expect(await tooBig.text()).toContain('EntityTooLarge');
    const grant = await policy();
    peer.clock.advance(61_000);
    const late = await post(grant, bytes);
    expect(late.status).toBe(403);
    expect(await late.text()).toContain('Policy expired');
    expect(peer.peer.objects.get(Bucket, 'h/1/post.jpg')).toBeUndefined();
  });
});

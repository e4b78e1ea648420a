/**
 * COS and OSS refuse overwrites by their own header (x-cos-forbid-overwrite / x-oss-forbid-overwrite), not
 * If-None-Match: an upload under those presets, through the grants and calls the app makes, against the
 * S3 peer (which answers those headers as COS and OSS document: 409 FileAlreadyExists), must leave an
 * object already at its key alone on every path: POST policy form, presigned PUT, CompleteMultipartUpload.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { S3_PRESETS, type S3Preset } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../integrations/clock.js';
import { PEER_BUCKET, peerTarget, startS3Peer, type TestPeer } from '../embedded/s3/testing.js';
import type { UploadGrant } from '../provider.js';
import { S3Storage } from './storage.js';

let peer: TestPeer;
beforeEach(async () => {
  peer = await startS3Peer({ minPartBytes: 1 });
});
afterEach(async () => {
  await peer.close();
});

const EARLIER = Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Buffer.from('the photo already stored')]);
const LATER = Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Buffer.from('other bytes, same key')]);

/** The preset's storage, addressed path-style on the peer (the guard is what is under test, not the host). */
function storage(preset: S3Preset) {
  return new S3Storage(peerTarget(peer, { preset }), new ManualClock(peer.clock.now()), {
    maxAttempts: 1,
  });
}

const policy = (key: string, bytes: number) => ({
  key,
  expiresAt: new Date(peer.clock.now().getTime() + 15 * 60_000),
  maxBytes: bytes + 64,
  mimeTypes: ['image/jpeg'],
  declared: { mime: 'image/jpeg', bytes },
});

async function send(grant: UploadGrant, body: Buffer): Promise<{ status: number; text: string }> {
  if (grant.method === 'PUT') {
    const answer = await fetch(grant.uploadUrl, { method: 'PUT', body, headers: grant.headers });
    return { status: answer.status, text: await answer.text() };
  }
  const form = new FormData();
  for (const [name, value] of Object.entries(grant.fields)) form.set(name, value);
  form.set('file', new Blob([body]), 'a.jpg');
  const answer = await fetch(grant.uploadUrl, { method: 'POST', body: form });
  return { status: answer.status, text: await answer.text() };
}

const stored = (key: string) => peer.peer.objects.get(PEER_BUCKET, key)?.size;

describe.each(['cos', 'oss'] as const)('%s: no upload replaces an object already at its key', (preset) => {
  const [header, value] = S3_PRESETS[preset].noOverwrite.put ?? ['', ''];

  it('presigned PUT: the forbid-overwrite header is signed and sent, and the second PUT is refused 409', async () => {
    const s3 = storage(preset);
    const grant = await s3.grantPut('h/1/put.jpg', 'image/jpeg', EARLIER.length, 600, new Date().toISOString());
    expect(grant.headers).toMatchObject({ [header]: value });
    expect(new URL(grant.uploadUrl).searchParams.get('X-Amz-SignedHeaders')).toContain(header);
    expect((await send(grant, EARLIER)).status).toBe(200);
    const again = await s3.grantPut('h/1/put.jpg', 'image/jpeg', LATER.length, 600, new Date().toISOString());
    const refused = await send(again, LATER);
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('<Code>FileAlreadyExists</Code>');
    expect(stored('h/1/put.jpg')).toBe(EARLIER.length);
  });

  it("the server's own PUT (derivatives it makes) is refused the same way", async () => {
    const s3 = storage(preset);
    await s3.put('h/1/own.jpg', EARLIER, 'image/jpeg');
    await expect(s3.put('h/1/own.jpg', LATER, 'image/jpeg')).rejects.toMatchObject({
      reason: 'refused',
      status: 409,
    });
    expect(stored('h/1/own.jpg')).toBe(EARLIER.length);
  });

  it('CompleteMultipartUpload with the preset’s guard is refused 409 when the key was taken meanwhile', async () => {
    const s3 = storage(preset);
    const key = 'h/1/long.mp4';
    const uploadId = await s3.parts.create(key, 'video/mp4');
    const url = await s3.parts.signPart(key, uploadId, 1, 600);
    const part = await fetch(url, { method: 'PUT', body: LATER });
    const etag = part.headers.get('etag') ?? '';
    // Someone else's object lands at the key before the upload completes.
    await s3.put(key, EARLIER, 'video/mp4');
    const guard = S3_PRESETS[preset].noOverwrite.complete;
    expect(guard).toEqual([header, value]);
    const refused = await s3.parts.complete(key, uploadId, [{ partNumber: 1, etag }], guard).catch((e: unknown) => e);
    expect(refused).toMatchObject({ reason: 'refused', status: 409 });
    expect(stored(key)).toBe(EARLIER.length);
  });
});

describe('POST policy forms', () => {
  it('oss: the policy pins x-oss-forbid-overwrite, and a second POST of the same grant is refused 409', async () => {
    const s3 = storage('oss');
    const grant = await s3.grantUpload(policy('h/1/form.jpg', EARLIER.length));
    expect(grant.method).toBe('POST');
    expect(grant.fields).toMatchObject({ 'x-oss-forbid-overwrite': 'true' });
    expect((await send(grant, EARLIER)).status).toBe(204);
    const refused = await send(grant, LATER);
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('FileAlreadyExists');
    expect(stored('h/1/form.jpg')).toBe(EARLIER.length);
    // The field cannot be dropped or turned off: the policy pins it.
    const { 'x-oss-forbid-overwrite': _dropped, ...unguarded } = grant.fields;
    expect((await send({ ...grant, fields: unguarded }, LATER)).status).toBe(403);
    expect(
      (await send({ ...grant, fields: { ...grant.fields, 'x-oss-forbid-overwrite': 'false' } }, LATER)).status,
    ).toBe(403);
    expect(stored('h/1/form.jpg')).toBe(EARLIER.length);
  });

  it('cos: POST Object has no forbid-overwrite field and overwrites, so COS grants are presigned PUTs', async () => {
    // COS's only guard is a header, which a form cannot carry: every COS upload is a PUT signing it.
    const grant = await storage('cos').grantUpload(policy('h/1/cos-form.jpg', EARLIER.length));
    expect(grant.method).toBe('PUT');
    expect(grant.headers).toMatchObject({ 'x-cos-forbid-overwrite': 'true' });
  });
});

describe('the forbid-overwrite header’s values', () => {
  it.each([
    ['x-oss-forbid-overwrite', 'abc', 400],
    ['x-cos-forbid-overwrite', 'yes', 400],
    ['x-oss-forbid-overwrite', 'FALSE', 200],
  ])('a signed %s: %s is answered %i (true or false only, as OSS documents)', async (name, value, status) => {
    const client = peer.client();
    client.middlewareStack.add(
      (next) => (args) => {
        (args.request as { headers: Record<string, string> }).headers[name] = value;
        return next(args);
      },
      { step: 'build', name: 'oddGuard' },
    );
    const answer = await client
      .send(new PutObjectCommand({ Bucket: PEER_BUCKET, Key: 'h/1/odd.jpg', Body: EARLIER }))
      .then(
        () => 200,
        (e: { $metadata?: { httpStatusCode?: number }; name?: string }) => e.$metadata?.httpStatusCode,
      );
    expect(answer).toBe(status);
    expect(stored('h/1/odd.jpg')).toBe(status === 200 ? EARLIER.length : undefined);
  });
});

/**
 * The peer's multipart uploads with the official AWS SDK: a whole upload (parts through presigned URLs as
 * the client sends them), S3's ETag, and every refusal: unknown or aborted upload, another key, part
 * numbers out of range, parts out of order, a wrong ETag, a small part before the last, If-None-Match.
 * Also byte-range reads.
 */
import { createHash } from 'node:crypto';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListPartsCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PEER_BUCKET as Bucket, startS3Peer, type TestPeer } from './testing.js';

let peer: TestPeer;
beforeEach(async () => {
  // Small parts keep the test light; the rule (all but the last at least this) is S3's.
  peer = await startS3Peer({ minPartBytes: 1024 });
});
afterEach(async () => {
  await peer.close();
});

const Key = 'h/1/big.mp4';
const part1 = Buffer.alloc(1024, 1);
const part2 = Buffer.alloc(300, 2);

async function rejection(promise: Promise<unknown>): Promise<{ name: string; status: number | undefined }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected a refusal');
}

async function start() {
  const s3 = peer.client();
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key, ContentType: 'video/mp4' }));
  if (!UploadId) throw new Error('no UploadId');
  /** One part PUT through a presigned URL, as the app's client sends it. */
  const put = async (partNumber: number, body: Buffer, key = Key, uploadId = UploadId) => {
    const url = await getSignedUrl(
      s3,
      new UploadPartCommand({ Bucket, Key: key, UploadId: uploadId, PartNumber: partNumber }),
      { expiresIn: 60 },
    );
    return fetch(url, { method: 'PUT', body: new Uint8Array(body) });
  };
  const complete = (Parts: { PartNumber: number; ETag: string }[], extra: { IfNoneMatch?: string } = {}) =>
    s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts }, ...extra }));
  return { s3, uploadId: UploadId, put, complete };
}

const md5 = (b: Buffer) => createHash('md5').update(b).digest();

describe('S3 peer: multipart uploads', () => {
  it('joins presigned part PUTs into one object with the declared type and S3’s multipart ETag', async () => {
    const { put, complete } = await start();
    const a = await put(1, part1);
    const b = await put(2, part2);
    expect([a.status, b.status]).toEqual([200, 200]);
    const etags = [a.headers.get('etag') ?? '', b.headers.get('etag') ?? ''];
    const done = await complete([
      { PartNumber: 1, ETag: etags[0] ?? '' },
      { PartNumber: 2, ETag: etags[1] ?? '' },
    ]);
    const expected = `${createHash('md5')
      .update(Buffer.concat([md5(part1), md5(part2)]))
      .digest('hex')}-2`;
    expect(done.ETag).toBe(`"${expected}"`);
    expect(peer.peer.objects.get(Bucket, Key)).toMatchObject({
      size: part1.length + part2.length,
      contentType: 'video/mp4',
      etag: expected,
    });
    const got = await peer.client().send(new GetObjectCommand({ Bucket, Key }));
    expect(Buffer.from((await got.Body?.transformToByteArray()) ?? [])).toEqual(Buffer.concat([part1, part2]));
    expect(peer.peer.multipart.open).toBe(0);
  });

  it('refuses parts out of order, a wrong ETag, a missing part and a small part before the last', async () => {
    const { put, complete } = await start();
    const e1 = (await put(1, part1)).headers.get('etag') ?? '';
    const e2 = (await put(2, part2)).headers.get('etag') ?? '';
    const e3 = (await put(3, part2)).headers.get('etag') ?? '';
    expect(
      await rejection(
        complete([
          { PartNumber: 2, ETag: e2 },
          { PartNumber: 1, ETag: e1 },
        ]),
      ),
    ).toEqual({ name: 'InvalidPartOrder', status: 400 });
    expect(await rejection(complete([{ PartNumber: 1, ETag: '"0123456789abcdef0123456789abcdef"' }]))).toEqual({
      name: 'InvalidPart',
      status: 400,
    });
    expect(await rejection(complete([{ PartNumber: 7, ETag: e1 }]))).toEqual({ name: 'InvalidPart', status: 400 });
    expect(
      await rejection(
        complete([
          { PartNumber: 2, ETag: e2 },
          { PartNumber: 3, ETag: e3 },
        ]),
      ),
    ).toEqual({ name: 'EntityTooSmall', status: 400 });
    expect(peer.peer.objects.get(Bucket, Key)).toBeUndefined();
  });

  it('refuses part numbers outside 1–10000, another key, an aborted or unknown upload', async () => {
    const { s3, uploadId, put, complete } = await start();
    expect((await put(0, part1)).status).toBe(400);
    expect((await put(10_001, part1)).status).toBe(400);
    expect(await (await put(1, part1, 'h/1/other.mp4')).text()).toContain('NoSuchUpload');
    expect(await (await put(1, part1, Key, 'nosuchupload')).text()).toContain('NoSuchUpload');
    const e1 = (await put(1, part1)).headers.get('etag') ?? '';
    await s3.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId: uploadId }));
    expect(peer.peer.multipart.open).toBe(0);
    expect(await rejection(complete([{ PartNumber: 1, ETag: e1 }]))).toEqual({ name: 'NoSuchUpload', status: 404 });
    expect((await put(2, part2)).status).toBe(404);
    expect(await rejection(s3.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId: uploadId })))).toEqual({
      name: 'NoSuchUpload',
      status: 404,
    });
  });

  it('lists the parts in pages by max-parts and part-number-marker, a re-sent part with its new ETag', async () => {
    const { s3, uploadId, put } = await start();
    const etags = [];
    for (const [n, body] of [
      [3, part2],
      [1, part1],
      [2, part1],
    ] as const) {
      etags[n] = (await put(n, body)).headers.get('etag');
    }
    etags[2] = (await put(2, part2)).headers.get('etag');
    const first = await s3.send(new ListPartsCommand({ Bucket, Key, UploadId: uploadId, MaxParts: 2 }));
    expect(first.Parts?.map((p) => [p.PartNumber, p.ETag, p.Size])).toEqual([
      [1, etags[1], part1.length],
      [2, etags[2], part2.length],
    ]);
    expect(etags[2]).toBe(`"${md5(part2).toString('hex')}"`);
    expect([first.IsTruncated, first.NextPartNumberMarker, first.MaxParts]).toEqual([true, '2', 2]);
    expect(first.Parts?.[0]?.LastModified?.getTime()).toBe(peer.clock.now().getTime());
    const rest = await s3.send(
      new ListPartsCommand({
        Bucket,
        Key,
        UploadId: uploadId,
        MaxParts: 2,
        PartNumberMarker: first.NextPartNumberMarker,
      }),
    );
    expect(rest.Parts?.map((p) => p.PartNumber)).toEqual([3]);
    expect(rest.IsTruncated).toBe(false);
    const all = await s3.send(new ListPartsCommand({ Bucket, Key, UploadId: uploadId }));
    expect([all.Parts?.length, all.MaxParts, all.IsTruncated]).toEqual([3, 1000, false]);
  });

  it('refuses ListParts for another key, an unknown, aborted or completed upload, a bad signature, a bad max-parts', async () => {
    const { s3, uploadId, put, complete } = await start();
    const e1 = (await put(1, part1)).headers.get('etag') ?? '';
    const list = (extra: { Key?: string; UploadId?: string; MaxParts?: number } = {}, client = s3) =>
      rejection(client.send(new ListPartsCommand({ Bucket, Key, UploadId: uploadId, ...extra })));
    expect(await list({ Key: 'h/1/other.mp4' })).toEqual({ name: 'NoSuchUpload', status: 404 });
    expect(await list({ UploadId: 'nosuchupload' })).toEqual({ name: 'NoSuchUpload', status: 404 });
    expect(await list({ MaxParts: -1 })).toEqual({ name: 'InvalidArgument', status: 400 });
    const forged = peer.client({ credentials: { accessKeyId: 'XIAOJIATESTACCESSKEY', secretAccessKey: 'wrong' } });
    expect(await list({}, forged)).toEqual({ name: 'SignatureDoesNotMatch', status: 403 });
    await complete([{ PartNumber: 1, ETag: e1 }]);
    expect(await list()).toEqual({ name: 'NoSuchUpload', status: 404 });
    const other = await start();
    await s3.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId: other.uploadId }));
    expect(await list({ UploadId: other.uploadId })).toEqual({ name: 'NoSuchUpload', status: 404 });
  });

  it('refuses a part URL once expired, or used for another part number', async () => {
    const { s3, uploadId } = await start();
    const url = await getSignedUrl(s3, new UploadPartCommand({ Bucket, Key, UploadId: uploadId, PartNumber: 1 }), {
      expiresIn: 60,
    });
    expect((await fetch(url.replace('partNumber=1', 'partNumber=2'), { method: 'PUT', body: part1 })).status).toBe(403);
    peer.clock.advance(61_000);
    expect(await (await fetch(url, { method: 'PUT', body: part1 })).text()).toContain('Request has expired');
  });

  it('completes with If-None-Match: * only while the key is free', async () => {
    const { put, complete } = await start();
    const e1 = (await put(1, part1)).headers.get('etag') ?? '';
    await peer.client().send(new PutObjectCommand({ Bucket, Key, Body: part2 }));
    expect(await rejection(complete([{ PartNumber: 1, ETag: e1 }], { IfNoneMatch: '*' }))).toEqual({
      name: 'PreconditionFailed',
      status: 412,
    });
    expect(peer.peer.objects.get(Bucket, Key)?.size).toBe(part2.length);
  });

  it('serves a byte range with 206 and the whole object without one', async () => {
    const body = Buffer.from('0123456789');
    await peer.client().send(new PutObjectCommand({ Bucket, Key: 'r.bin', Body: body }));
    const ranged = await peer.client().send(new GetObjectCommand({ Bucket, Key: 'r.bin', Range: 'bytes=2-5' }));
    expect(ranged.ContentRange).toBe('bytes 2-5/10');
    expect(Buffer.from((await ranged.Body?.transformToByteArray()) ?? []).toString()).toBe('2345');
    const past = await peer.client().send(new GetObjectCommand({ Bucket, Key: 'r.bin', Range: 'bytes=4-99' }));
    expect(Buffer.from((await past.Body?.transformToByteArray()) ?? []).toString()).toBe('456789');
  });
});

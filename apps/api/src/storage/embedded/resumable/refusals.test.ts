/** Every refusal of the embedded store's resumable upload v2, through the bare client. */
import { createHash } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResumableClient } from './client.js';
import { clientFor, MiB, pngLike, sendParts, tokenFor, useResumableStore } from './fixture.js';

const fx = useResumableStore();

describe('resumable upload v2 refusals', () => {
  it('refuses a token scoped to another key, and a bucket that is not the store', async () => {
    const other = new ResumableClient(
      fx.t.store.endpoints(fx.t.origin).uploadUrl,
      fx.t.store.bucket,
      'mine.png',
      tokenFor(fx, 'theirs.png'),
    );
    expect((await other.init()).status).toBe(403);
    const wrongBucket = new ResumableClient(
      fx.t.store.endpoints(fx.t.origin).uploadUrl,
      'elsewhere',
      'mine.png',
      tokenFor(fx, 'mine.png'),
    );
    expect((await wrongBucket.init()).status).toBe(631);
    const noToken = new ResumableClient(
      fx.t.store.endpoints(fx.t.origin).uploadUrl,
      fx.t.store.bucket,
      'mine.png',
      'garbage',
    );
    expect((await noToken.init()).status).toBe(401);
  });

  it('refuses every request once the token has expired', async () => {
    const key = 'late.png';
    const client = clientFor(fx, key, tokenFor(fx, key, { expires: 60 }));
    const { uploadId } = (await client.init()).body;
    fx.t.clock.advance(61_000);
    const answer = await client.putPart(uploadId, 1, pngLike(MiB));
    expect(answer.status).toBe(401);
    expect(answer.body.error).toBe('token out of date');
  });

  it('refuses the part that takes the upload over fsizeLimit, counting every part', async () => {
    const key = 'limit.png';
    const client = clientFor(fx, key, tokenFor(fx, key, { fsizeLimit: 2.5 * MiB }));
    const data = pngLike(3 * MiB);
    const { uploadId } = await sendParts(client, data, MiB, [1, 2]);
    const third = await client.putPart(uploadId, 3, data.subarray(2 * MiB));
    expect(third.status).toBe(413);
    // A part sent again replaces its old bytes rather than adding to them.
    expect((await client.putPart(uploadId, 2, data.subarray(MiB, 2 * MiB))).status).toBe(200);
    expect((await client.putPart(uploadId, 3, data.subarray(2 * MiB, 2.5 * MiB))).status).toBe(200);
    expect((await client.listParts(uploadId)).body.parts.map((p) => p.partNumber)).toEqual([1, 2, 3]);
  });

  it('refuses a wrong etag, an out-of-order list, a missing part and a short middle part at complete', async () => {
    const key = 'check.png';
    const client = clientFor(fx, key);
    const data = pngLike(3 * MiB);
    const { uploadId, parts } = await sendParts(client, data, MiB, [1, 2, 3]);
    const [p1, p2, p3] = parts as [(typeof parts)[0], (typeof parts)[0], (typeof parts)[0]];
    const wrong = await client.complete(uploadId, [p1, { partNumber: 2, etag: p1.etag }, p3]);
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatch(/etag of part 2/);
    const reversed = await client.complete(uploadId, [p2, p1, p3]);
    expect(reversed.status).toBe(400);
    expect(reversed.body.error).toMatch(/ascending/);
    expect((await client.complete(uploadId, [...parts, { partNumber: 4, etag: 'x' }])).status).toBe(400);
    const small = await client.putPart(uploadId, 2, data.subarray(MiB, MiB + 1000));
    const shortMiddle = await client.complete(uploadId, [
      parts[0],
      { partNumber: 2, etag: small.body.etag },
      parts[2],
    ] as typeof parts);
    expect(shortMiddle.status).toBe(400);
    expect(fx.t.store.stat(key)).toBeNull();
  });

  it('refuses part numbers outside 1..10000 and a Content-MD5 that does not match', async () => {
    const key = 'numbers.png';
    const client = clientFor(fx, key);
    const { uploadId } = (await client.init()).body;
    expect((await client.putPart(uploadId, 0, pngLike(10))).status).toBe(400);
    expect((await client.putPart(uploadId, 10_001, pngLike(10))).status).toBe(400);
    const md5 = await client.putPart(uploadId, 1, pngLike(10), { 'Content-MD5': 'ffffffffffffffffffffffffffffffff' });
    expect(md5.status).toBe(400);
    expect((await client.listParts(uploadId)).body.parts).toEqual([]);
    // Asked for (hex as the SDK sends it, or base64 as RFC 1864 has it), the part's MD5 is checked and
    // answered; not asked for, it is not computed and the answer's md5 is empty.
    const data = pngLike(10);
    const digest = createHash('md5').update(data).digest();
    const hex = await client.putPart(uploadId, 1, data, { 'Content-MD5': digest.toString('hex') });
    expect([hex.status, hex.body.md5]).toEqual([200, digest.toString('hex')]);
    const base64 = await client.putPart(uploadId, 2, data, { 'Content-MD5': digest.toString('base64') });
    expect([base64.status, base64.body.md5]).toEqual([200, digest.toString('hex')]);
    const plain = await client.putPart(uploadId, 3, data);
    expect([plain.status, plain.body.md5]).toEqual([200, '']);
  });

  it('answers 612 for an aborted upload, and deletes its parts', async () => {
    const key = 'aborted.png';
    const client = clientFor(fx, key);
    const { uploadId, parts } = await sendParts(client, pngLike(2 * MiB), MiB, [1, 2]);
    expect((await client.abort(uploadId)).status).toBe(200);
    expect((await client.complete(uploadId, parts)).status).toBe(612);
    expect((await client.listParts(uploadId)).status).toBe(612);
    expect(await readdir(path.join(fx.t.dir, 'multipart'))).toEqual([]);
  });

  it('binds the uploadId to its key: another key with its own valid token answers 612', async () => {
    const { uploadId, parts } = await sendParts(clientFor(fx, 'a.png'), pngLike(MiB + 5), MiB, [1, 2]);
    const b = clientFor(fx, 'b.png');
    expect((await b.putPart(uploadId, 3, pngLike(10))).status).toBe(612);
    expect((await b.complete(uploadId, parts)).status).toBe(612);
    expect((await b.listParts(uploadId)).status).toBe(612);
  });

  it('holds insertOnly at start and at complete, and mimeLimit on the assembled bytes', async () => {
    const key = 'taken.png';
    const first = clientFor(fx, key);
    const second = clientFor(fx, key);
    const a = await sendParts(first, pngLike(MiB + 1), MiB, [1, 2]);
    const b = await sendParts(second, pngLike(MiB + 2), MiB, [1, 2]);
    expect((await first.complete(a.uploadId, a.parts)).status).toBe(200);
    expect((await second.complete(b.uploadId, b.parts)).status).toBe(614);
    expect((await clientFor(fx, key).init()).status).toBe(614);

    const textKey = 'notes.png';
    const text = clientFor(fx, textKey, tokenFor(fx, textKey, { mimeLimit: 'image/*', detectMime: 1 }));
    const t1 = await sendParts(text, Buffer.alloc(MiB + 3, 'a'), MiB, [1, 2]);
    const refused = await text.complete(t1.uploadId, t1.parts, { mimeType: 'image/png' });
    expect(refused.status).toBe(403);
    expect(fx.t.store.stat(textKey)).toBeNull();
  });

  it('sweeps uploads after their expiry', async () => {
    const key = 'forgotten.png';
    const client = clientFor(fx, key, tokenFor(fx, key, { expires: 30 * 24 * 3600 }));
    const { uploadId } = await sendParts(client, pngLike(MiB), MiB, [1]);
    expect(await fx.t.store.sweepExpiredUploads()).toBe(0);
    fx.t.clock.advance(7 * 24 * 3600 * 1000 + 1000);
    expect((await client.listParts(uploadId)).status).toBe(612);
    expect(await fx.t.store.sweepExpiredUploads()).toBe(1);
    expect(await readdir(path.join(fx.t.dir, 'multipart'))).toEqual([]);
  });

  it('forgets an upload whose folder is gone at start-up (a restored backup holds the index only)', async () => {
    const key = 'restored.png';
    const client = clientFor(fx, key);
    const { uploadId } = await sendParts(client, pngLike(MiB), MiB, [1]);
    await rm(path.join(fx.t.dir, 'multipart', uploadId), { recursive: true });
    await fx.t.restart();
    expect((await client.listParts(uploadId)).status).toBe(612);
  });
});

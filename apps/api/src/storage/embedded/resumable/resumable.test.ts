/**
 * Resumable upload v2 against the embedded store: the official qiniu SDK's ResumeUploader (version v2)
 * as the client for whole uploads and resumes from its record file, and the bare ResumableClient for each
 * refusal and for resuming from listParts after the store restarts on the same directory.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import qiniu from 'qiniu';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { qetag } from '../../qetag.js';
import { startTestStore, type TestStore } from '../testing.js';
import { ResumableClient } from './client.js';

const MiB = 1024 * 1024;

let t: TestStore;
let work: string;

beforeEach(async () => {
  t = await startTestStore();
  work = await mkdtemp(path.join(tmpdir(), 'xiaojia-resumable-'));
});
afterEach(async () => {
  await t.close();
  await rm(work, { recursive: true, force: true });
});

/** Random bytes behind a PNG signature, so the store sniffs image/png. */
function pngLike(size: number): Buffer {
  const data = randomBytes(size);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(data);
  return data;
}

async function fileOf(data: Buffer, name = 'big.png'): Promise<string> {
  const file = path.join(work, name);
  await writeFile(file, data);
  return file;
}

function uploadUrl(): string {
  return t.store.endpoints(t.origin).uploadUrl;
}

function tokenFor(key: string, extra: Partial<qiniu.rs.PutPolicyOptions> = {}): string {
  return t.uploadToken({ scope: `${t.store.bucket}:${key}`, insertOnly: 1, ...extra });
}

function clientFor(key: string, token = tokenFor(key)): ResumableClient {
  return new ResumableClient(uploadUrl(), t.store.bucket, key, token);
}

async function downloadSha1(key: string): Promise<string> {
  const response = await fetch(t.downloadUrl(key));
  expect(response.status).toBe(200);
  return createHash('sha1')
    .update(Buffer.from(await response.arrayBuffer()))
    .digest('hex');
}

const sha1 = (data: Buffer) => createHash('sha1').update(data).digest('hex');

function v2Extra(partSize: number, more: Partial<qiniu.resume_up.PutExtra> = {}): qiniu.resume_up.PutExtra {
  return Object.assign(qiniu.resume_up.PutExtra.create(), { version: 'v2', partSize, mimeType: 'image/png', ...more });
}

/** Uploads `count` parts of `data` cut at `partBytes`; answers the uploadId and the etags. */
async function sendParts(client: ResumableClient, data: Buffer, partBytes: number, numbers: number[]) {
  const init = await client.init();
  expect(init.status).toBe(200);
  const parts: Array<{ partNumber: number; etag: string }> = [];
  for (const n of numbers) {
    const answer = await client.putPart(init.body.uploadId, n, data.subarray((n - 1) * partBytes, n * partBytes));
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    parts.push({ partNumber: n, etag: answer.body.etag });
  }
  return { uploadId: init.body.uploadId, parts };
}

describe('resumable upload v2 with the qiniu SDK', () => {
  it.each([
    ['4 MiB parts (aligned to qetag blocks)', 4 * MiB, 9 * MiB + 12_345],
    ['1 MiB parts', MiB, 3 * MiB + 777],
  ])('stores the whole file with its qetag and sha1: %s', async (_name, partSize, size) => {
    const data = pngLike(size);
    const key = 'videos/whole.png';
    const uploader = new qiniu.resume_up.ResumeUploader(t.store.qiniuConfig(t.origin));
    const { data: answer, resp } = await uploader.putFile(tokenFor(key), key, await fileOf(data), v2Extra(partSize));
    expect(resp.statusCode, JSON.stringify(answer)).toBe(200);
    expect(answer).toEqual({ hash: qetag(data), key });
    expect(t.store.stat(key)).toEqual({ size, etag: qetag(data), mime: 'image/png' });
    expect(await downloadSha1(key)).toBe(sha1(data));
    // Nothing of the upload is left behind.
    expect(await readdir(path.join(t.dir, 'multipart'))).toEqual([]);
  });

  it('renders the returnBody with the custom variables of the complete', async () => {
    const data = pngLike(2 * MiB + 10);
    const key = 'rb.png';
    const token = tokenFor(key, { returnBody: '{"key":"$(key)","size":$(fsize),"mime":"$(mimeType)","n":"$(x:n)"}' });
    const uploader = new qiniu.resume_up.ResumeUploader(t.store.qiniuConfig(t.origin));
    const { data: answer } = await uploader.putFile(
      token,
      key,
      await fileOf(data),
      v2Extra(MiB, { params: { 'x:n': 'seven' } }),
    );
    expect(answer).toEqual({ key, size: data.length, mime: 'image/png', n: 'seven' });
  });

  it('resumes from its record file after the store restarts, sending only the missing parts', async () => {
    const data = pngLike(6 * MiB);
    const key = 'resume/sdk.png';
    const file = await fileOf(data);
    const recorder = qiniu.resume_up.createResumeRecorderSync(path.join(work, 'records'));
    const config = t.store.qiniuConfig(t.origin);
    let sent = 0;
    const stopAfterThree = v2Extra(MiB, {
      resumeRecorder: recorder,
      resumeKey: 'one.json',
      progressCallback: () => {
        sent++;
        if (sent === 3) throw new Error('the phone went into a tunnel');
      },
    });
    await expect(
      new qiniu.resume_up.ResumeUploader(config).putFile(tokenFor(key), key, file, stopAfterThree),
    ).rejects.toThrow();
    expect(t.store.stat(key)).toBeNull();

    await t.restart();
    let resent = 0;
    const resume = v2Extra(MiB, { resumeRecorder: recorder, resumeKey: 'one.json', progressCallback: () => resent++ });
    const { resp } = await new qiniu.resume_up.ResumeUploader(t.store.qiniuConfig(t.origin)).putFile(
      tokenFor(key),
      key,
      file,
      resume,
    );
    expect(resp.statusCode).toBe(200);
    expect(resent).toBe(3);
    expect(t.store.stat(key)?.etag).toBe(qetag(data));
  });
});

describe('resumable upload v2 refusals', () => {
  it('refuses a token scoped to another key, and a bucket that is not the store', async () => {
    const other = new ResumableClient(uploadUrl(), t.store.bucket, 'mine.png', tokenFor('theirs.png'));
    expect((await other.init()).status).toBe(403);
    const wrongBucket = new ResumableClient(uploadUrl(), 'elsewhere', 'mine.png', tokenFor('mine.png'));
    expect((await wrongBucket.init()).status).toBe(631);
    const noToken = new ResumableClient(uploadUrl(), t.store.bucket, 'mine.png', 'garbage');
    expect((await noToken.init()).status).toBe(401);
  });

  it('refuses every request once the token has expired', async () => {
    const key = 'late.png';
    const client = clientFor(key, tokenFor(key, { expires: 60 }));
    const { uploadId } = (await client.init()).body;
    t.clock.advance(61_000);
    const answer = await client.putPart(uploadId, 1, pngLike(MiB));
    expect(answer.status).toBe(401);
    expect(answer.body.error).toBe('token out of date');
  });

  it('refuses the part that takes the upload over fsizeLimit, counting every part', async () => {
    const key = 'limit.png';
    const client = clientFor(key, tokenFor(key, { fsizeLimit: 2.5 * MiB }));
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
    const client = clientFor(key);
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
    expect(t.store.stat(key)).toBeNull();
  });

  it('refuses part numbers outside 1..10000 and a Content-MD5 that does not match', async () => {
    const key = 'numbers.png';
    const client = clientFor(key);
    const { uploadId } = (await client.init()).body;
    expect((await client.putPart(uploadId, 0, pngLike(10))).status).toBe(400);
    expect((await client.putPart(uploadId, 10_001, pngLike(10))).status).toBe(400);
    const md5 = await client.putPart(uploadId, 1, pngLike(10), { 'Content-MD5': 'ffffffffffffffffffffffffffffffff' });
    expect(md5.status).toBe(400);
    expect((await client.listParts(uploadId)).body.parts).toEqual([]);
  });

  it('answers 612 for an aborted upload, and deletes its parts', async () => {
    const key = 'aborted.png';
    const client = clientFor(key);
    const { uploadId, parts } = await sendParts(client, pngLike(2 * MiB), MiB, [1, 2]);
    expect((await client.abort(uploadId)).status).toBe(200);
    expect((await client.complete(uploadId, parts)).status).toBe(612);
    expect((await client.listParts(uploadId)).status).toBe(612);
    expect(await readdir(path.join(t.dir, 'multipart'))).toEqual([]);
  });

  it('binds the uploadId to its key: another key with its own valid token answers 612', async () => {
    const { uploadId, parts } = await sendParts(clientFor('a.png'), pngLike(MiB + 5), MiB, [1, 2]);
    const b = clientFor('b.png');
    expect((await b.putPart(uploadId, 3, pngLike(10))).status).toBe(612);
    expect((await b.complete(uploadId, parts)).status).toBe(612);
    expect((await b.listParts(uploadId)).status).toBe(612);
  });

  it('holds insertOnly at start and at complete, and mimeLimit on the assembled bytes', async () => {
    const key = 'taken.png';
    const first = clientFor(key);
    const second = clientFor(key);
    const a = await sendParts(first, pngLike(MiB + 1), MiB, [1, 2]);
    const b = await sendParts(second, pngLike(MiB + 2), MiB, [1, 2]);
    expect((await first.complete(a.uploadId, a.parts)).status).toBe(200);
    expect((await second.complete(b.uploadId, b.parts)).status).toBe(614);
    expect((await clientFor(key).init()).status).toBe(614);

    const textKey = 'notes.png';
    const text = clientFor(textKey, tokenFor(textKey, { mimeLimit: 'image/*', detectMime: 1 }));
    const t1 = await sendParts(text, Buffer.alloc(MiB + 3, 'a'), MiB, [1, 2]);
    const refused = await text.complete(t1.uploadId, t1.parts, { mimeType: 'image/png' });
    expect(refused.status).toBe(403);
    expect(t.store.stat(textKey)).toBeNull();
  });

  it('sweeps uploads after their expiry', async () => {
    const key = 'forgotten.png';
    const client = clientFor(key, tokenFor(key, { expires: 30 * 24 * 3600 }));
    const { uploadId } = await sendParts(client, pngLike(MiB), MiB, [1]);
    expect(await t.store.sweepExpiredUploads()).toBe(0);
    t.clock.advance(7 * 24 * 3600 * 1000 + 1000);
    expect((await client.listParts(uploadId)).status).toBe(612);
    expect(await t.store.sweepExpiredUploads()).toBe(1);
    expect(await readdir(path.join(t.dir, 'multipart'))).toEqual([]);
  });
});

describe('resumable upload v2 across a restart', () => {
  it('lists what is stored after the store restarts on the same directory, and completes from there', async () => {
    const key = 'restart/video.png';
    const data = pngLike(5 * MiB + 99);
    const client = clientFor(key);
    const { uploadId } = await sendParts(client, data, MiB, [1, 3, 2]);
    await t.restart();
    const listed = await client.listParts(uploadId);
    expect(listed.status).toBe(200);
    expect(listed.body.parts.map((p) => [p.partNumber, p.size])).toEqual([
      [1, MiB],
      [2, MiB],
      [3, MiB],
    ]);
    const paged = await client.listParts(uploadId, '?max-parts=2');
    expect(paged.body.partNumberMarker).toBe(2);
    expect((await client.listParts(uploadId, '?part-number-marker=2')).body.parts.map((p) => p.partNumber)).toEqual([
      3,
    ]);

    const parts = listed.body.parts.map(({ partNumber, etag }) => ({ partNumber, etag }));
    for (const n of [4, 5, 6]) {
      const answer = await client.putPart(uploadId, n, data.subarray((n - 1) * MiB, n * MiB));
      parts.push({ partNumber: n, etag: answer.body.etag });
    }
    const done = await client.complete(uploadId, parts);
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ hash: qetag(data), key });
    expect(await downloadSha1(key)).toBe(sha1(data));
  });
});

/**
 * Resumable upload v2 against the embedded store with the official qiniu SDK's ResumeUploader (version v2)
 * as the client: whole uploads, returnBody, and a resume from the SDK's record file after a restart; then
 * the bare client resuming from listParts after a restart, and after a crash in the middle of a complete.
 */

import { readdir, rm, stat, truncate } from 'node:fs/promises';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import qiniu from 'qiniu';
import { describe, expect, it } from 'vitest';
import { qetag } from '../../qetag.js';
import {
  clientFor,
  downloadSha1,
  fileOf,
  MiB,
  pngLike,
  sendParts,
  sha1,
  tokenFor,
  useResumableStore,
} from './fixture.js';

const fx = useResumableStore();

function v2Extra(partSize: number, more: Partial<qiniu.resume_up.PutExtra> = {}): qiniu.resume_up.PutExtra {
  return Object.assign(qiniu.resume_up.PutExtra.create(), { version: 'v2', partSize, mimeType: 'image/png', ...more });
}

describe('resumable upload v2 with the qiniu SDK', () => {
  it.each([
    ['4 MiB parts (aligned to qetag blocks)', 4 * MiB, 9 * MiB + 12_345],
    ['1 MiB parts', MiB, 3 * MiB + 777],
  ])('stores the whole file with its qetag and sha1: %s', async (_name, partSize, size) => {
    const data = pngLike(size);
    const key = 'videos/whole.png';
    const uploader = new qiniu.resume_up.ResumeUploader(fx.t.store.qiniuConfig(fx.t.origin));
    const { data: answer, resp } = await uploader.putFile(
      tokenFor(fx, key),
      key,
      await fileOf(fx, data),
      v2Extra(partSize),
    );
    expect(resp.statusCode, JSON.stringify(answer)).toBe(200);
    expect(answer).toEqual({ hash: qetag(data), key });
    expect(fx.t.store.stat(key)).toEqual({ size, etag: qetag(data), mime: 'image/png' });
    expect(await downloadSha1(fx, key)).toBe(sha1(data));
    // Nothing of the upload is left behind.
    expect(await readdir(path.join(fx.t.dir, 'multipart'))).toEqual([]);
  });

  it('renders the returnBody with the custom variables of the complete', async () => {
    const data = pngLike(2 * MiB + 10);
    const key = 'rb.png';
    const token = tokenFor(fx, key, {
      returnBody: '{"key":"$(key)","size":$(fsize),"mime":"$(mimeType)","n":"$(x:n)"}',
    });
    const uploader = new qiniu.resume_up.ResumeUploader(fx.t.store.qiniuConfig(fx.t.origin));
    const { data: answer } = await uploader.putFile(
      token,
      key,
      await fileOf(fx, data),
      v2Extra(MiB, { params: { 'x:n': 'seven' } }),
    );
    expect(answer).toEqual({ key, size: data.length, mime: 'image/png', n: 'seven' });
  });

  it('resumes from its record file after the store restarts, sending only the missing parts', async () => {
    const data = pngLike(6 * MiB);
    const key = 'resume/sdk.png';
    const file = await fileOf(fx, data);
    const recorder = qiniu.resume_up.createResumeRecorderSync(path.join(fx.work, 'records'));
    const config = fx.t.store.qiniuConfig(fx.t.origin);
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
      new qiniu.resume_up.ResumeUploader(config).putFile(tokenFor(fx, key), key, file, stopAfterThree),
    ).rejects.toThrow();
    expect(fx.t.store.stat(key)).toBeNull();

    await fx.t.restart();
    let resent = 0;
    const resume = v2Extra(MiB, { resumeRecorder: recorder, resumeKey: 'one.json', progressCallback: () => resent++ });
    const { resp } = await new qiniu.resume_up.ResumeUploader(fx.t.store.qiniuConfig(fx.t.origin)).putFile(
      tokenFor(fx, key),
      key,
      file,
      resume,
    );
    expect(resp.statusCode).toBe(200);
    expect(resent).toBe(3);
    expect(fx.t.store.stat(key)?.etag).toBe(qetag(data));
  });
});

describe('resumable upload v2 across a restart', () => {
  it('lists what is stored after the store restarts on the same directory, and completes from there', async () => {
    const key = 'restart/video.png';
    const data = pngLike(5 * MiB + 99);
    const client = clientFor(fx, key);
    const { uploadId } = await sendParts(client, data, MiB, [1, 3, 2]);
    await fx.t.restart();
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
    expect(await downloadSha1(fx, key)).toBe(sha1(data));
  });

  it('after a crash mid-complete, lists no object and resumes from the parts the files still hold', async () => {
    const key = 'crash/complete.png';
    const data = pngLike(4 * MiB);
    const client = clientFor(fx, key);
    const { uploadId, parts } = await sendParts(client, data, MiB, [1, 2, 3, 4]);
    const assembly = path.join(fx.t.dir, 'multipart', uploadId, 'assembly');
    // Killed after cutting the assembly file for a complete of parts 1–2, before it was renamed into place.
    const db = new SQLite(path.join(fx.t.dir, 'index.sqlite'));
    db.prepare("UPDATE multipart_uploads SET state = 'completing' WHERE upload_id = ?").run(uploadId);
    await truncate(assembly, 2 * MiB);
    await fx.t.restart();
    expect(fx.t.store.stat(key)).toBeNull();
    expect((await client.listParts(uploadId)).body.parts.map((p) => p.partNumber)).toEqual([1, 2]);

    // Killed after the rename, before the index knew the object: the data file is an orphan, not an object.
    db.prepare("UPDATE multipart_uploads SET state = 'completing' WHERE upload_id = ?").run(uploadId);
    db.close();
    await rm(assembly);
    await fx.t.restart();
    expect(fx.t.store.stat(key)).toBeNull();
    expect((await client.listParts(uploadId)).body.parts).toEqual([]);
    const again = [];
    for (const n of [1, 2, 3, 4]) {
      const answer = await client.putPart(uploadId, n, data.subarray((n - 1) * MiB, n * MiB));
      again.push({ partNumber: n, etag: answer.body.etag });
    }
    expect(again.map((p) => p.etag)).toEqual(parts.map((p) => p.etag));
    expect((await client.complete(uploadId, again)).status).toBe(200);
    expect(await downloadSha1(fx, key)).toBe(sha1(data));
  });

  it('assembles parts of the stride without a copy: the object is the assembly file itself', async () => {
    const key = 'stride.png';
    const data = pngLike(3 * MiB + 5);
    const client = clientFor(fx, key);
    const { uploadId, parts } = await sendParts(client, data, MiB, [2, 1, 4, 3]);
    const before = await stat(path.join(fx.t.dir, 'multipart', uploadId, 'assembly'));
    expect(
      (
        await client.complete(
          uploadId,
          parts.sort((a, b) => a.partNumber - b.partNumber),
        )
      ).status,
    ).toBe(200);
    const db = new SQLite(path.join(fx.t.dir, 'index.sqlite'), { readonly: true });
    const { file } = db.prepare('SELECT file FROM objects WHERE key = ?').get(key) as { file: string };
    db.close();
    const placed = await stat(path.join(fx.t.dir, 'data', file.slice(0, 2), file));
    expect(placed.ino).toBe(before.ino);
    expect(placed.size).toBe(data.length);
    expect(await downloadSha1(fx, key)).toBe(sha1(data));
  });

  it('streams other layouts into a new file: the short last part first, parts of their own files', async () => {
    const key = 'layout.png';
    const data = pngLike(3 * MiB + 4321);
    const client = clientFor(fx, key);
    // The last part arrives first and sets the stride to its size; the full parts no longer fit it.
    const { uploadId, parts } = await sendParts(client, data, MiB, [4, 1, 2, 3]);
    const done = await client.complete(
      uploadId,
      parts.sort((a, b) => a.partNumber - b.partNumber),
    );
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ hash: qetag(data), key });
    expect(await downloadSha1(fx, key)).toBe(sha1(data));
    expect(await readdir(path.join(fx.t.dir, 'multipart'))).toEqual([]);
  });
});

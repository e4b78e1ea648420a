/**
 * An upload answered 200 is on disk: its bytes are synced (fdatasync) before the answer, and the folder
 * it was renamed into too (fsync), so a power cut after the answer loses nothing (a kill -9 never could:
 * the page cache survives it, a power cut does not). Every sync is recorded by the inode it synced (read
 * through /proc on Linux), then matched with the stored object's data file.
 */
import { fstatSync, readlinkSync } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clientFor, MiB, pngLike, tokenFor, useResumableStore } from './resumable/fixture.js';

interface Synced {
  ino: number;
  path: string;
}

const synced: Synced[] = [];

beforeEach(async () => {
  synced.length = 0;
  const handle = await open(import.meta.filename, 'r');
  type Syncing = { fd: number };
  const prototype = Object.getPrototypeOf(handle) as Record<'sync' | 'datasync', (this: Syncing) => Promise<void>>;
  await handle.close();
  // fsync (folders) and fdatasync (file bytes) both count.
  for (const method of ['sync', 'datasync'] as const) {
    const original = prototype[method];
    vi.spyOn(prototype, method).mockImplementation(function (this: Syncing) {
      synced.push({ ino: fstatSync(this.fd).ino, path: readlinkSync(`/proc/self/fd/${this.fd}`) });
      return original.call(this);
    });
  }
});
afterEach(() => {
  vi.restoreAllMocks();
});

const fx = useResumableStore();

/** The one stored data file (data/<2 hex>/<id>) and its folder. */
async function dataFile(): Promise<{ file: string; ino: number }> {
  const root = path.join(fx.t.dir, 'data');
  const [prefix] = await readdir(root);
  const [name] = await readdir(path.join(root, prefix as string));
  const file = path.join(root, prefix as string, name as string);
  return { file, ino: (await stat(file)).ino };
}

const syncsOf = (ino: number) => synced.filter((s) => s.ino === ino).length;
const dirSynced = (dir: string) => synced.some((s) => s.path === dir);

describe('durability of the embedded store', () => {
  it('a form upload is synced to disk, and so is the folder it is renamed into, before it is answered', async () => {
    const data = pngLike(300_000);
    const up = await fx.t.uploader.put(tokenFor(fx, 'photo.png'), 'photo.png', data, null);
    expect(up.resp.statusCode).toBe(200);
    const { file, ino } = await dataFile();
    expect(syncsOf(ino)).toBeGreaterThanOrEqual(1);
    expect(dirSynced(path.dirname(file))).toBe(true);
    // The first file of its prefix made the prefix's folder: data/ itself is synced too.
    expect(dirSynced(path.join(fx.t.dir, 'data'))).toBe(true);
  });

  it('each resumable part is synced to disk before its answer, and the completed object is placed durably', async () => {
    const partBytes = MiB;
    const data = pngLike(3 * partBytes + 1000);
    const client = clientFor(fx, 'video.png');
    const init = await client.init();
    expect(init.status).toBe(200);
    const parts: Array<{ partNumber: number; etag: string }> = [];
    const syncsAtAnswer: number[] = [];
    for (let n = 1; n <= 4; n++) {
      const answer = await client.putPart(init.body.uploadId, n, data.subarray((n - 1) * partBytes, n * partBytes));
      expect(answer.status).toBe(200);
      parts.push({ partNumber: n, etag: answer.body.etag });
      syncsAtAnswer.push(synced.length);
    }
    const done = await client.complete(init.body.uploadId, parts);
    expect(done.status).toBe(200);
    // Stride parts went straight into the assembly file, which became the object without a copy.
    const { file, ino } = await dataFile();
    expect(syncsOf(ino)).toBeGreaterThanOrEqual(4);
    // By the answer to part n, the file holding it had been synced n times: once per part, before answering.
    expect(syncsAtAnswer.map((count) => synced.slice(0, count).filter((s) => s.ino === ino).length)).toEqual([
      1, 2, 3, 4,
    ]);
    expect(dirSynced(path.dirname(file))).toBe(true);
    // The upload's own folder was made durable when it was started.
    expect(dirSynced(path.join(fx.t.dir, 'multipart'))).toBe(true);
  });
});

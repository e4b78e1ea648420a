/**
 * A large upload streams through the store with flat memory. The store runs in a child process and its
 * resident memory is read from /proc while the upload is in flight.
 *
 * 500 MB by default (about 6 s of upload on a 2-core machine); XIAOJIA_LARGE_UPLOAD_MB sets another size.
 * The body is sent by a small streaming multipart client: the qiniu SDK's form uploader keeps the whole
 * file in memory (to compute crc32), which is fine for photos but not for a test about memory. The token
 * comes from the SDK's PutPolicy and the result is checked with the SDK's BucketManager.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, open, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import qiniu from 'qiniu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QetagHasher } from '../qetag.js';
import { storeEndpoints } from './index.js';
import { streamFormUpload } from './testing.js';

const SIZE_MB = Number(process.env.XIAOJIA_LARGE_UPLOAD_MB || 500);
const MAX_GROWTH_BYTES = 50 * 1024 * 1024;
const here = path.dirname(fileURLToPath(import.meta.url));
/** apps/api, where `tsx` resolves from whatever directory the suite was started in. */
const apiRoot = path.resolve(here, '../../..');
const execFileAsync = promisify(execFile);

/** Resident memory of another process: /proc on Linux, `ps` elsewhere (macOS development machines). */
async function rssOf(pid: number): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {
    // no /proc: ask ps
  }
  const { stdout } = await execFileAsync('ps', ['-o', 'rss=', '-p', String(pid)]);
  const kb = Number(stdout.trim());
  if (!Number.isFinite(kb) || kb <= 0) throw new Error(`cannot read the memory of pid ${pid}`);
  return kb * 1024;
}

/** Writes `bytes` of pseudo-random data by streaming; returns its qetag. */
async function writeRandomFile(file: string, bytes: number): Promise<string> {
  const out = createWriteStream(file);
  const hasher = new QetagHasher();
  const chunk = Buffer.alloc(1024 * 1024);
  for (let written = 0; written < bytes; written += chunk.length) {
    const piece = randomFillSync(Buffer.from(chunk)).subarray(0, Math.min(chunk.length, bytes - written));
    hasher.update(piece);
    if (!out.write(piece)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return hasher.digest();
}

describe(`a ${SIZE_MB} MB upload`, () => {
  let dir: string;
  let child: ChildProcess;
  let ready: { port: number; bucket: string; accessKey: string; secretKey: string };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'xiaojia-large-'));
    child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'large-upload.fixture.ts')], {
      cwd: apiRoot,
      env: { ...process.env, STORE_DIR: path.join(dir, 'store') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [line] = (await once(child.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
    ready = JSON.parse(line.toString());
  });

  afterAll(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('streams to disk with flat memory and the right qetag', { timeout: 180_000 }, async () => {
    const bytes = SIZE_MB * 1024 * 1024;
    const file = path.join(dir, 'big.bin');
    const expectedHash = await writeRandomFile(file, bytes);

    const mac = new qiniu.auth.digest.Mac(ready.accessKey, ready.secretKey);
    const origin = `http://127.0.0.1:${ready.port}`;
    const endpoints = storeEndpoints(origin);
    const token = new qiniu.rs.PutPolicy({ scope: `${ready.bucket}:big.bin`, expires: 600 }).uploadToken(mac);

    // Warm up (modules, sharp, SQLite) so the baseline is the steady state, not a cold process.
    const warm = path.join(dir, 'warm.bin');
    await writeRandomFile(warm, 8 * 1024 * 1024);
    const warmToken = new qiniu.rs.PutPolicy({ scope: `${ready.bucket}:warm.bin`, expires: 600 }).uploadToken(mac);
    expect((await streamFormUpload(endpoints.uploadUrl, warmToken, 'warm.bin', warm, 8 * 1024 * 1024)).status).toBe(
      200,
    );

    const pid = child.pid as number;
    const baseline = await rssOf(pid);
    let peak = baseline;
    const sampler = setInterval(() => {
      rssOf(pid).then(
        (rss) => {
          peak = Math.max(peak, rss);
        },
        () => undefined,
      );
    }, 25);
    const started = Date.now();
    let result: Awaited<ReturnType<typeof streamFormUpload>>;
    try {
      result = await streamFormUpload(endpoints.uploadUrl, token, 'big.bin', file, bytes);
    } finally {
      clearInterval(sampler);
    }
    const seconds = (Date.now() - started) / 1000;
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ hash: expectedHash, key: 'big.bin' });
    const growth = peak - baseline;
    console.info(
      `${SIZE_MB} MB upload: ${seconds.toFixed(1)} s, server RSS baseline ${(baseline / 2 ** 20).toFixed(0)} MB, ` +
        `peak growth ${(growth / 2 ** 20).toFixed(1)} MB`,
    );
    expect(growth).toBeLessThan(MAX_GROWTH_BYTES);

    const config = new qiniu.conf.Config({
      zone: new qiniu.conf.Zone([endpoints.upHost], [], endpoints.ioHost, endpoints.rsHost, endpoints.rsfHost),
    });
    const manager = new qiniu.rs.BucketManager(mac, config);
    const st = await manager.stat(ready.bucket, 'big.bin');
    expect(st.data).toMatchObject({ fsize: bytes, hash: expectedHash });
    expect(await readdir(path.join(dir, 'store', 'tmp'))).toEqual([]);

    // The stored bytes are the bytes sent: compare the last MiB through a signed Range request.
    const url = manager.privateDownloadUrl(endpoints.downloadDomain, 'big.bin', Math.floor(Date.now() / 1000) + 60);
    const tail = await fetch(url, { headers: { range: 'bytes=-1048576' } });
    expect(tail.status).toBe(206);
    const expectedTail = Buffer.alloc(1048576);
    const handle = await open(file, 'r');
    await handle.read(expectedTail, 0, expectedTail.length, bytes - expectedTail.length);
    await handle.close();
    expect(Buffer.from(await tail.arrayBuffer()).equals(expectedTail)).toBe(true);
    await rm(file, { force: true });
  });
});

/**
 * 4. The embedded store inside the API process: a large upload streamed through the form-upload host
 *    against a plain streamed copy of the same file on the same disk, with the server's peak RSS growth
 *    during the upload; a thumbnail of a 12 MP JPEG, rendered (first request) against cached; and a
 *    burst of 50 first-time thumbnails at once (thumbnail-burst.ts).
 */
import { execFile } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import qiniu from 'qiniu';
import { randomKey } from '../../../apps/api/src/integrations/secrets.js';
import { DEFAULT_BUCKET, storeQiniuConfig } from '../../../apps/api/src/storage/embedded/index.js';
import { loadOrCreateKeys } from '../../../apps/api/src/storage/embedded/keys.js';
import { streamFormUpload } from '../../../apps/api/src/storage/embedded/testing.js';
import { signUploadToken, VARIANT_FOPS } from '../../../apps/api/src/storage/kodo.js';
import type { BenchContext } from '../lib/context.js';
import { jpegVariant, photoJpeg } from '../lib/images.js';
import { rssOf, sampleRss, waitForOk } from '../lib/processes.js';
import { startApi } from '../lib/servers.js';
import { alternate, compared, type Figure, median, secondsSince, sleep } from '../lib/stats.js';
import { benchThumbnailBurst } from './thumbnail-burst.js';

const MiB = 1024 * 1024;

/** Everything dirty reaches the disk: no figure pays for the writeback of the one before it. */
export const syncDisk = () => promisify(execFile)('sync');

export async function writeRandomFile(file: string, bytes: number): Promise<void> {
  const out = createWriteStream(file);
  const chunk = Buffer.alloc(MiB);
  for (let written = 0; written < bytes; written += chunk.length) {
    randomFillSync(chunk);
    if (!out.write(Buffer.from(chunk.subarray(0, Math.min(chunk.length, bytes - written))))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  // Its writeback done before anything is timed (the first copy ran at half speed behind it).
  await syncDisk();
}

/** A fresh data dir and work folder, the API on it, and the store's keys so this process can sign for it. */
export async function startStoreServer(ctx: BenchContext, name: string) {
  const dataDir = path.join(ctx.scratch, `${name}-data`);
  const work = path.join(ctx.scratch, `${name}-work`);
  await mkdir(work, { recursive: true });
  // The store's keys, created where the server finds them.
  const keys = await loadOrCreateKeys(path.join(dataDir, 'objects', 'store-keys.json'));
  const api = await startApi(ctx.bundles, { dataDir, serverKey: randomKey() });
  const manager = new qiniu.rs.BucketManager(
    new qiniu.auth.digest.Mac(keys.accessKey, keys.secretKey),
    storeQiniuConfig(api.origin),
  );
  /** Deletes a stored key through the store's own Kodo delete, as the app's purge does. */
  const remove = async (key: string) => {
    const { resp } = await manager.delete(DEFAULT_BUCKET, key);
    if (resp.statusCode !== 200) throw new Error(`delete ${key} answered ${resp.statusCode}`);
  };
  return { work, keys, api, uploadUrl: `${api.origin}/store/up`, remove };
}

export interface AgainstCopy {
  uploadMBs: number[];
  /** The copy made durable as the store makes an upload durable: fsynced before it counts as done. */
  copyMBs: number[];
  /** The same copy left in the page cache (no fsync): what the bytes cost to move, the disk aside. */
  cachedCopyMBs: number[];
  /** The durable copy's CPU (this process, all threads) per MiB. */
  copyCpuMsPerMiB: number[];
  growthMiB: number[];
  baselineRssMiB: number[];
}

/** A streamed copy of `source` on the same disk; `durable`: fsynced before it ends (`flush`). */
async function timedCopy(source: string, copy: string, durable: boolean) {
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  await pipeline(createReadStream(source), createWriteStream(copy, { flush: durable }));
  const seconds = secondsSince(started);
  const cpu = process.cpuUsage(cpuBefore);
  await rm(copy);
  return { seconds, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/**
 * Per run: a streamed copy of `source` on the same disk, fsynced at its end as the store fsyncs every
 * upload before answering (a 200 means the bytes survive a power cut), and the same copy left in the page
 * cache; and `upload(run)` of the same file into the server `pid`, timed, with the server's peak RSS
 * growth sampled from /proc while it runs, then `discard(run)`, untimed, which deletes what the upload
 * stored, as each copy is deleted. (On this VM the kernel's time per MiB written grew run after run while
 * the uploaded gigabytes stayed behind — 1.1, 2.7, 3.7, 5.0 ms/MiB of system time — and stayed at 1.0–1.2
 * when each was deleted: both sides of a pair start from the same page cache.) The pair's order alternates
 * (`alternate`: copies first in the first run, the upload first in the next): on this VM the speed of a write swings with the
 * host (the same copy ran at 200 and 560 MiB/s minutes apart), and whichever side always went second would
 * always meet the state the first left behind.
 */
export async function againstStreamedCopy(
  ctx: BenchContext,
  pid: number,
  source: string,
  bytes: number,
  upload: (run: number) => Promise<void>,
  discard: (run: number) => Promise<void>,
): Promise<AgainstCopy> {
  const result: AgainstCopy = {
    uploadMBs: [],
    copyMBs: [],
    cachedCopyMBs: [],
    copyCpuMsPerMiB: [],
    growthMiB: [],
    baselineRssMiB: [],
  };
  const copies = async () => {
    const r = result.copyMBs.length;
    const cached = await timedCopy(source, `${source}.cached-${r}`, false);
    result.cachedCopyMBs.push(bytes / MiB / cached.seconds);
    // The cached copy's pages reach the disk before the durable copy is timed.
    await syncDisk();
    const durable = await timedCopy(source, `${source}.copy-${r}`, true);
    result.copyMBs.push(bytes / MiB / durable.seconds);
    result.copyCpuMsPerMiB.push(durable.cpuMs / (bytes / MiB));
    await syncDisk();
    ctx.log(
      `  copy ${r + 1}: ${result.copyMBs.at(-1)?.toFixed(0)} MiB/s (page cache ${result.cachedCopyMBs.at(-1)?.toFixed(0)})`,
    );
  };
  const timedUpload = async () => {
    const r = result.uploadMBs.length;
    await sleep(300);
    const before = await rssOf(pid);
    const sampler = sampleRss(pid);
    const started = process.hrtime.bigint();
    await upload(r);
    const seconds = secondsSince(started);
    const peak = await sampler.stop();
    result.uploadMBs.push(bytes / MiB / seconds);
    result.growthMiB.push(Math.max(0, peak - before) / MiB);
    result.baselineRssMiB.push(before / MiB);
    await discard(r);
    await syncDisk();
    ctx.log(
      `  upload ${r + 1}: ${result.uploadMBs.at(-1)?.toFixed(0)} MiB/s, RSS +${result.growthMiB.at(-1)?.toFixed(1)} MiB`,
    );
  };
  await alternate(ctx.runs, copies, timedUpload);
  return result;
}

async function timedGet(url: string): Promise<number> {
  const started = process.hrtime.bigint();
  const response = await fetch(url);
  const body = await response.arrayBuffer();
  if (response.status !== 200 || body.byteLength === 0) throw new Error(`${url}: ${response.status}`);
  return secondsSince(started) * 1000;
}

export async function benchStore(ctx: BenchContext): Promise<Figure[]> {
  const sizeMiB = ctx.quick ? 50 : 500;
  const bytes = sizeMiB * MiB;
  const { work, keys, api, uploadUrl, remove } = await startStoreServer(ctx, 'store');
  const tokenFor = (key: string) =>
    signUploadToken(
      { scope: `${DEFAULT_BUCKET}:${key}`, deadline: Math.floor(Date.now() / 1000) + 3600 },
      keys.accessKey,
      keys.secretKey,
    );
  try {
    await waitForOk(`${api.origin}/healthz`, api.child);
    const source = path.join(work, 'source.bin');
    ctx.log(`  writing a ${sizeMiB} MiB file`);
    await writeRandomFile(source, bytes);
    const warm = path.join(work, 'warm.bin');
    await writeRandomFile(warm, 8 * MiB);
    if ((await streamFormUpload(uploadUrl, tokenFor('warm.bin'), 'warm.bin', warm, 8 * MiB)).status !== 200)
      throw new Error('warm-up upload refused');

    const { uploadMBs, copyMBs, growthMiB, baselineRssMiB } = await againstStreamedCopy(
      ctx,
      api.child.pid,
      source,
      bytes,
      async (r) => {
        const { status } = await streamFormUpload(uploadUrl, tokenFor(`big-${r}.bin`), `big-${r}.bin`, source, bytes);
        if (status !== 200) throw new Error(`large upload answered ${status}`);
      },
      (r) => remove(`big-${r}.bin`),
    );
    await rm(source);

    // Thumbnails: a fresh object per run (a first render each time), then the cached answer.
    const photo = await photoJpeg(4000, 3000, 90);
    const manager = new qiniu.rs.BucketManager(new qiniu.auth.digest.Mac(keys.accessKey, keys.secretKey));
    const firstMs: number[] = [];
    const cachedMs: number[] = [];
    for (let r = 0; r < ctx.runs + 1; r++) {
      const key = `photos/12mp-${r}.jpg`;
      const file = path.join(work, `12mp-${r}.jpg`);
      const variant = jpegVariant(photo, `v${r}`);
      await pipeline(async function* () {
        yield variant;
      }, createWriteStream(file));
      if ((await streamFormUpload(uploadUrl, tokenFor(key), key, file, (await stat(file)).size)).status !== 200)
        throw new Error('photo upload refused');
      const url = manager.privateDownloadUrl(
        `${api.origin}/store/o`,
        `${key}?${VARIANT_FOPS.thumb}`,
        Math.floor(Date.now() / 1000) + 3600,
      );
      const first = await timedGet(url);
      const cached = [];
      for (let i = 0; i < 5; i++) cached.push(await timedGet(url));
      // The first object warms sharp and libvips up; it is not counted.
      if (r === 0) continue;
      firstMs.push(first);
      cachedMs.push(median(cached));
    }
    const burst = await benchThumbnailBurst(
      ctx,
      { origin: api.origin, pid: api.child.pid, tokenFor, manager, work },
      photo,
    );

    return [
      compared(
        {
          id: '4a',
          name: `embedded store: ${sizeMiB} MiB form upload`,
          unit: 'MiB/s',
          baselineName: 'streamed copy of the same file, fsynced',
        },
        uploadMBs,
        copyMBs,
      ),
      {
        ...compared(
          {
            id: '4b',
            name: `embedded store: server peak RSS growth during the ${sizeMiB} MiB upload`,
            unit: 'MiB',
            baselineName: 'server RSS before it',
            note: `largest growth of the ${growthMiB.length} runs: ${Math.max(...growthMiB).toFixed(1)} MiB (the first large upload after start grows most)`,
          },
          growthMiB,
          baselineRssMiB,
        ),
        target: { on: 'value', op: '<', limit: 30 },
      },
      compared(
        {
          id: '4c',
          name: `thumbnail of a 12 MP JPEG (${(photo.length / MiB).toFixed(1)} MiB): first request (rendered)`,
          unit: 'ms',
          baselineName: 'the same URL again (cached)',
          note: `the app's thumb variant: ${VARIANT_FOPS.thumb}`,
        },
        firstMs,
        cachedMs,
      ),
      ...burst,
    ];
  } finally {
    await api.child.stop();
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * 4d-4f. A burst of first-time thumbnails: 50 distinct 12 MP JPEGs asked for at once, as a timeline
 * page on a fresh store does, against a real server process. Reports the answers' p50 and p99 latency
 * against the same 50 URLs asked for again at once (served from the disk cache), and the server's peak
 * RSS growth during the burst against its RSS before it.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type qiniu from 'qiniu';
import { streamFormUpload } from '../../../apps/api/src/storage/embedded/testing.js';
import { VARIANT_FOPS } from '../../../apps/api/src/storage/kodo.js';
import type { BenchContext } from '../lib/context.js';
import { jpegVariant } from '../lib/images.js';
import { rssOf, sampleRss } from '../lib/processes.js';
import { compared, type Figure, secondsSince } from '../lib/stats.js';

const MiB = 1024 * 1024;
const BURST_SIZE = 50;

export interface BurstServer {
  origin: string;
  pid: number;
  tokenFor(key: string): string;
  manager: qiniu.rs.BucketManager;
  /** A folder for the photo files to upload. */
  work: string;
}

/** The value below which `share` of the sorted values fall (nearest rank). */
function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] as number;
}

/** All `urls` at once; each answer's latency in ms. Every answer must be a 200 with a body. */
async function together(urls: string[]): Promise<number[]> {
  return Promise.all(
    urls.map(async (url) => {
      const started = process.hrtime.bigint();
      const response = await fetch(url);
      const body = await response.arrayBuffer();
      if (response.status !== 200 || body.byteLength === 0) {
        throw new Error(`thumbnail burst: ${response.status} ${Buffer.from(body).toString().slice(0, 200)}`);
      }
      return secondsSince(started) * 1000;
    }),
  );
}

/** Uploads `count` distinct copies of `photo` and returns their signed thumbnail URLs. */
async function uploadPhotos(server: BurstServer, photo: Buffer, prefix: string, count: number): Promise<string[]> {
  const urls: string[] = [];
  for (let i = 0; i < count; i++) {
    const key = `burst/${prefix}-${i}.jpg`;
    const variant = jpegVariant(photo, `${prefix}-${i}`);
    const file = path.join(server.work, `${prefix}-${i}.jpg`);
    await writeFile(file, variant);
    const { status } = await streamFormUpload(
      `${server.origin}/store/up`,
      server.tokenFor(key),
      key,
      file,
      variant.length,
    );
    if (status !== 200) throw new Error(`burst photo upload answered ${status}`);
    urls.push(
      server.manager.privateDownloadUrl(
        `${server.origin}/store/o`,
        `${key}?${VARIANT_FOPS.thumb}`,
        Math.floor(Date.now() / 1000) + 3600,
      ),
    );
  }
  return urls;
}

export async function benchThumbnailBurst(ctx: BenchContext, server: BurstServer, photo: Buffer): Promise<Figure[]> {
  const p50: number[] = [];
  const p99: number[] = [];
  const cachedP50: number[] = [];
  const cachedP99: number[] = [];
  const growthMiB: number[] = [];
  const rssBeforeMiB: number[] = [];
  for (let r = 0; r < ctx.runs; r++) {
    const urls = await uploadPhotos(server, photo, `run${r}`, BURST_SIZE);
    const before = await rssOf(server.pid);
    const sampler = sampleRss(server.pid);
    const first = await together(urls);
    const peak = await sampler.stop();
    const cached = await together(urls);
    p50.push(percentile(first, 0.5));
    p99.push(percentile(first, 0.99));
    cachedP50.push(percentile(cached, 0.5));
    cachedP99.push(percentile(cached, 0.99));
    growthMiB.push(Math.max(0, peak - before) / MiB);
    rssBeforeMiB.push(before / MiB);
    ctx.log(
      `  burst ${r + 1}: p50 ${p50.at(-1)?.toFixed(0)} ms, p99 ${p99.at(-1)?.toFixed(0)} ms, RSS +${growthMiB.at(-1)?.toFixed(1)} MiB`,
    );
  }
  const what = `${BURST_SIZE} concurrent first requests for thumbnails of distinct 12 MP JPEGs`;
  return [
    compared(
      { id: '4d', name: `${what}: p50 latency`, unit: 'ms', baselineName: 'the same burst again (cached)' },
      p50,
      cachedP50,
    ),
    compared(
      { id: '4e', name: `${what}: p99 latency`, unit: 'ms', baselineName: 'the same burst again (cached)' },
      p99,
      cachedP99,
    ),
    {
      ...compared(
        {
          id: '4f',
          name: `${what}: server peak RSS growth`,
          unit: 'MiB',
          baselineName: 'server RSS before it',
          note: `largest growth of the ${growthMiB.length} runs: ${Math.max(...growthMiB).toFixed(1)} MiB`,
        },
        growthMiB,
        rssBeforeMiB,
      ),
      target: { on: 'value', op: '<', limit: 300 },
    },
  ];
}

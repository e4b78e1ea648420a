/**
 * poster: a video's grid poster through the embedded store (the app's thumb variant for videos, vframe with
 * ffmpeg), first request (probe + decode + encode) and cached, side by side with the thumbnail of a JPEG of
 * the same size (1920x1080) measured in the same runs. The clip is a few seconds of 1080p H.264 made with
 * ffmpeg here; every run uploads it under a new key, so every first request renders.
 */
import { execFile } from 'node:child_process';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import qiniu from 'qiniu';
import { randomKey } from '../../../apps/api/src/integrations/secrets.js';
import { DEFAULT_BUCKET } from '../../../apps/api/src/storage/embedded/index.js';
import { loadOrCreateKeys } from '../../../apps/api/src/storage/embedded/keys.js';
import { streamFormUpload } from '../../../apps/api/src/storage/embedded/testing.js';
import { signUploadToken, VARIANT_FOPS, VIDEO_VARIANT_FOPS } from '../../../apps/api/src/storage/kodo.js';
import type { BenchContext } from '../lib/context.js';
import { jpegVariant, photoJpeg } from '../lib/images.js';
import { waitForOk } from '../lib/processes.js';
import { startApi } from '../lib/servers.js';
import { compared, type Figure, median, secondsSince } from '../lib/stats.js';

const run = promisify(execFile);
const CACHED_REPEATS = 9;

async function timedGet(url: string, type: string): Promise<number> {
  const started = process.hrtime.bigint();
  const response = await fetch(url);
  const body = await response.arrayBuffer();
  const ms = secondsSince(started) * 1000;
  if (response.status !== 200 || body.byteLength === 0 || !response.headers.get('content-type')?.startsWith(type)) {
    throw new Error(`${url}: ${response.status} ${Buffer.from(body).toString().slice(0, 200)}`);
  }
  return ms;
}

export async function benchPoster(ctx: BenchContext): Promise<Figure[]> {
  const dataDir = path.join(ctx.scratch, 'poster-data');
  const work = path.join(ctx.scratch, 'poster-work');
  await mkdir(work, { recursive: true });
  const clip = path.join(work, '1080p.mp4');
  const seconds = ctx.quick ? 3 : 5;
  ctx.log(`  making a ${seconds} s 1080p H.264 clip with ffmpeg`);
  await run('ffmpeg', [
    '-nostdin',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=1920x1080:rate=30`,
    '-t',
    String(seconds),
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-pix_fmt',
    'yuv420p',
    '-movflags',
    '+faststart',
    clip,
  ]);
  const clipSize = (await stat(clip)).size;
  const keys = await loadOrCreateKeys(path.join(dataDir, 'objects', 'store-keys.json'));
  const api = await startApi(ctx.bundles, { dataDir, serverKey: randomKey() });
  const manager = new qiniu.rs.BucketManager(new qiniu.auth.digest.Mac(keys.accessKey, keys.secretKey));
  const deadline = () => Math.floor(Date.now() / 1000) + 3600;
  const upload = async (key: string, file: string) => {
    const token = signUploadToken(
      { scope: `${DEFAULT_BUCKET}:${key}`, deadline: deadline(), detectMime: 1 },
      keys.accessKey,
      keys.secretKey,
    );
    const { status } = await streamFormUpload(`${api.origin}/store/up`, token, key, file, (await stat(file)).size);
    if (status !== 200) throw new Error(`upload of ${key} answered ${status}`);
  };
  const url = (key: string, fop: string) =>
    manager.privateDownloadUrl(`${api.origin}/store/o`, `${key}?${fop}`, deadline());
  const photo = await photoJpeg(1920, 1080, 90);
  try {
    await waitForOk(`${api.origin}/healthz`, api.child);
    const posterFirst: number[] = [];
    const posterCached: number[] = [];
    const thumbFirst: number[] = [];
    const thumbCached: number[] = [];
    for (let r = 0; r < ctx.runs + 1; r++) {
      const videoKey = `videos/1080p-${r}.mp4`;
      await upload(videoKey, clip);
      const imageKey = `photos/1080p-${r}.jpg`;
      const imageFile = path.join(work, `1080p-${r}.jpg`);
      await writeFile(imageFile, jpegVariant(photo, `p${r}`));
      await upload(imageKey, imageFile);

      const poster = url(videoKey, VIDEO_VARIANT_FOPS.thumb);
      const thumb = url(imageKey, VARIANT_FOPS.thumb);
      const firstPoster = await timedGet(poster, 'image/jpeg');
      const firstThumb = await timedGet(thumb, 'image/webp');
      const cachedPoster: number[] = [];
      const cachedThumb: number[] = [];
      for (let i = 0; i < CACHED_REPEATS; i++) {
        cachedPoster.push(await timedGet(poster, 'image/jpeg'));
        cachedThumb.push(await timedGet(thumb, 'image/webp'));
      }
      ctx.log(
        `  run ${r}: poster ${firstPoster.toFixed(0)} ms first, ${median(cachedPoster).toFixed(2)} ms cached; ` +
          `image thumbnail ${firstThumb.toFixed(0)} ms, ${median(cachedThumb).toFixed(2)} ms`,
      );
      // The first run warms ffmpeg's files into the page cache and sharp up; it is not counted.
      if (r === 0) continue;
      posterFirst.push(firstPoster);
      thumbFirst.push(firstThumb);
      posterCached.push(median(cachedPoster));
      thumbCached.push(median(cachedThumb));
    }
    const mib = (clipSize / 1024 / 1024).toFixed(1);
    return [
      {
        ...compared(
          {
            id: 'poster-a',
            name: `first poster of a ${seconds} s 1080p H.264 clip (${mib} MiB) through the embedded store`,
            unit: 'ms',
            baselineName: 'first thumbnail of a 1920x1080 JPEG',
            note: `the app's video thumb variant: ${VIDEO_VARIANT_FOPS.thumb} (ffprobe, then ffmpeg, as child processes)`,
          },
          posterFirst,
          thumbFirst,
        ),
        target: { on: 'value', op: '<=', limit: 1000 },
      },
      {
        ...compared(
          {
            id: 'poster-b',
            name: 'the same poster again (cached on disk)',
            unit: 'ms',
            baselineName: 'the same image thumbnail again (cached)',
            note: `median of ${CACHED_REPEATS} requests per run`,
          },
          posterCached,
          thumbCached,
        ),
        target: { on: 'value', op: '<=', limit: 5 },
      },
    ];
  } finally {
    await api.child.stop();
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * 3. The upload flow a client runs per photo (uploads.create -> form POST to the store -> uploads.confirm),
 *    round trips per second, against the form POST alone with a token the bench signed; and the cost of
 *    signing alone (an upload token, a download URL) against one round trip.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { ManualClock } from '../../../apps/api/src/integrations/clock.js';
import { DEFAULT_BUCKET } from '../../../apps/api/src/storage/embedded/index.js';
import { KodoStorage, RETURN_BODY, signUploadToken } from '../../../apps/api/src/storage/kodo.js';
import type { BenchContext } from '../lib/context.js';
import { jpegVariant, photoJpeg } from '../lib/images.js';
import { cpuMsOf } from '../lib/load.js';
import { waitForOk } from '../lib/processes.js';
import { startApi } from '../lib/servers.js';
import { alternate, compared, type Figure, mean, secondsSince } from '../lib/stats.js';

const WORKERS = 4;
/** Files per uploads.create call in the batch figure: the most a client may ask for at once. */
const BATCH = 50;
const WIDTH = 1024;
const HEIGHT = 768;

async function trpc(origin: string, procedure: string, token: string, input: unknown): Promise<unknown> {
  const response = await fetch(`${origin}/trpc/${procedure}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { result?: { data: unknown } };
  if (response.status !== 200 || !body.result)
    throw new Error(`${procedure}: ${response.status} ${JSON.stringify(body)}`);
  return body.result.data;
}

async function formPost(uploadUrl: string, token: string, key: string, bytes: Buffer): Promise<void> {
  const form = new FormData();
  form.set('token', token);
  form.set('key', key);
  form.set('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'photo.jpg');
  const response = await fetch(uploadUrl, { method: 'POST', body: form });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`upload refused: ${response.status} ${text}`);
}

/** `WORKERS` loops running `once` for `seconds`; returns completions per second. */
async function rate(seconds: number, once: (n: number) => Promise<void>): Promise<number> {
  let done = 0;
  let next = 0;
  const started = process.hrtime.bigint();
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      while (Date.now() < until) {
        await once(next++);
        done++;
      }
    }),
  );
  return done / secondsSince(started);
}

/** Mean µs of `fn` over enough calls to take about `ms` milliseconds. */
function microseconds(fn: (i: number) => unknown, ms = 300): number {
  let calls = 0;
  const started = process.hrtime.bigint();
  while (Number(process.hrtime.bigint() - started) / 1e6 < ms) {
    for (let i = 0; i < 200; i++) fn(calls + i);
    calls += 200;
  }
  return Number(process.hrtime.bigint() - started) / 1e3 / calls;
}

export async function benchUploads(ctx: BenchContext): Promise<Figure[]> {
  const { seeded, bundles } = ctx;
  const seconds = ctx.quick ? 2 : 5;
  const user = seeded.others[0];
  if (!user) throw new Error('no second user seeded');
  const photo = await photoJpeg(WIDTH, HEIGHT, 85);
  ctx.log(`  photo: ${WIDTH}×${HEIGHT} JPEG, ${(photo.length / 1024).toFixed(0)} KiB`);
  const run = randomUUID().slice(0, 8);

  const api = await startApi(bundles, { dataDir: seeded.dataDir, serverKey: seeded.serverKey });
  try {
    await waitForOk(`${api.origin}/healthz`, api.child);
    const uploadUrl = `${api.origin}/store/up`;
    const { accessKey, secretKey } = seeded.storeCredentials;

    const roundTrip = async (phase: string, n: number) => {
      const bytes = jpegVariant(photo, `rt-${run}-${phase}-${n}`);
      const { tickets } = (await trpc(api.origin, 'uploads.create', user.token, {
        homeId: user.homeId,
        files: [{ filename: `IMG_${n}.jpg`, size: bytes.length, mime: 'image/jpeg' }],
      })) as { tickets: { kind: string; key: string; uploadUrl: string; fields: { token: string; key: string } }[] };
      const ticket = tickets[0];
      if (ticket?.kind !== 'upload') throw new Error('expected an upload ticket');
      await formPost(ticket.uploadUrl, ticket.fields.token, ticket.key, bytes);
      const confirmed = (await trpc(api.origin, 'uploads.confirm', user.token, {
        homeId: user.homeId,
        key: ticket.key,
        width: WIDTH,
        height: HEIGHT,
      })) as { duplicate: boolean };
      if (confirmed.duplicate) throw new Error('confirmed as a duplicate: the variants are not distinct');
    };
    /** The form POST alone, with the token the API would have granted (same policy). */
    const bareUpload = async (phase: string, n: number) => {
      const bytes = jpegVariant(photo, `bare-${run}-${phase}-${n}`);
      const key = `bench/${run}/bare-${phase}-${n}.jpg`;
      const token = signUploadToken(
        {
          scope: `${DEFAULT_BUCKET}:${key}`,
          deadline: Math.floor(Date.now() / 1000) + 900,
          insertOnly: 1,
          fsizeLimit: bytes.length + 65536,
          mimeLimit: 'image/jpeg;image/png;image/webp;image/heic;image/heif;image/gif',
          detectMime: 1,
          returnBody: RETURN_BODY,
        },
        accessKey,
        secretKey,
      );
      await formPost(uploadUrl, token, key, bytes);
    };

    ctx.log('  warming up');
    await rate(1, (n) => roundTrip('warm', n));
    await rate(1, (n) => bareUpload('warm', n));
    const trips: number[] = [];
    const bare: number[] = [];
    for (let r = 0; r < ctx.runs; r++) {
      if (r % 2 === 0) {
        trips.push(await rate(seconds, (n) => roundTrip(`r${r}`, n)));
        bare.push(await rate(seconds, (n) => bareUpload(`r${r}`, n)));
      } else {
        bare.push(await rate(seconds, (n) => bareUpload(`r${r}`, n)));
        trips.push(await rate(seconds, (n) => roundTrip(`r${r}`, n)));
      }
      ctx.log(`  run ${r + 1}: ${trips.at(-1)?.toFixed(1)} round trips/s, ${bare.at(-1)?.toFixed(1)} bare uploads/s`);
    }

    // Signing alone, in this process, through the API's Kodo provider (what uploads.create and every
    // thumbnail URL of photos.list cost), each against one round trip's time measured beside it.
    const provider = new KodoStorage(
      {
        kind: 'qiniu',
        bucket: seeded.binding.bucket,
        domain: seeded.binding.domain,
        accessKey: seeded.binding.accessKey,
        secretKey: seeded.binding.secretKey,
        endpoints: {
          upload: 'https://up.example',
          download: seeded.binding.domain,
          rs: 'https://rs.example',
          rsf: 'https://rsf.example',
          uc: 'https://uc.example',
        },
      },
      new ManualClock(new Date()),
    );
    const expiresAt = new Date(Date.now() + 900_000);
    const grantUs: number[] = [];
    const urlUs: number[] = [];
    const tripUs: number[] = [];
    for (let r = 0; r < ctx.runs; r++) {
      grantUs.push(
        microseconds((i) =>
          provider.grantUpload({
            key: `u/x/2026/01/${i}.jpg`,
            expiresAt,
            maxBytes: 1e7,
            mimeTypes: ['image/jpeg'],
            declared: { mime: 'image/jpeg', bytes: 1e7 },
          }),
        ),
      );
      urlUs.push(microseconds((i) => provider.signedUrl(`u/x/2026/01/${i}.jpg`, expiresAt, 'thumb')));
      tripUs.push((1e6 / (await rate(Math.max(1, seconds / 2), (n) => roundTrip(`sign${r}`, n)))) * WORKERS);
    }

    // A batch: the client sends each file's qetag so the server can answer "already have it" before any
    // byte moves. Server CPU per call (this process waits for each answer): 50 new files against 1.
    const createCall = async (files: number) => {
      await trpc(api.origin, 'uploads.create', user.token, {
        homeId: user.homeId,
        files: Array.from({ length: files }, (_, i) => ({
          filename: `IMG_${i}.jpg`,
          size: 2_000_000,
          mime: 'image/jpeg',
          qetag: `Fq${randomBytes(21).toString('base64url').slice(0, 26)}`,
        })),
      });
    };
    const cpuPerCall = async (files: number, calls: number) => {
      const before = await cpuMsOf(api.child.pid);
      for (let i = 0; i < calls; i++) await createCall(files);
      return ((await cpuMsOf(api.child.pid)) - before) / calls;
    };
    await cpuPerCall(BATCH, 5);
    await cpuPerCall(1, 5);
    const batchMs: number[] = [];
    const singleMs: number[] = [];
    const calls = ctx.quick ? 10 : 25;
    for (let r = 0; r < ctx.runs; r++) {
      const [batch, single] = await alternate(
        4,
        () => cpuPerCall(BATCH, calls),
        () => cpuPerCall(1, calls * 4),
      );
      batchMs.push(mean(batch));
      singleMs.push(mean(single));
    }

    return [
      compared(
        {
          id: '3a',
          name: `uploads.create + form POST (${(photo.length / 1024).toFixed(0)} KiB JPEG) + uploads.confirm, ${WORKERS} at a time`,
          unit: 'round trips/s',
          baselineName: 'the form POST alone',
        },
        trips,
        bare,
      ),
      compared(
        {
          id: '3b',
          name: `uploads.create for ${BATCH} new files with qetags: server CPU per call`,
          unit: 'ms',
          baselineName: 'uploads.create for 1 file',
        },
        batchMs,
        singleMs,
      ),
      compared(
        { id: '3c', name: 'signing an upload token alone (grantUpload)', unit: 'µs', baselineName: 'one round trip' },
        grantUs,
        tripUs,
      ),
      compared(
        {
          id: '3d',
          name: 'signing one thumbnail URL alone (signedUrl, qiniu privateDownloadUrl)',
          unit: 'µs',
          baselineName: 'one round trip',
        },
        urlUs,
        tripUs,
      ),
    ];
  } finally {
    await api.child.stop();
  }
}

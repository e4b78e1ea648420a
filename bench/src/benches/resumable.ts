import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, open, readdir, rm } from 'node:fs/promises';
import { request } from 'node:http';
import path from 'node:path';
import { MULTIPART_PARALLEL_PARTS } from '@xiaojia/shared';
import { WRITE_BUFFER_BYTES } from '../../../apps/api/src/storage/embedded/context.js';
import { DEFAULT_BUCKET } from '../../../apps/api/src/storage/embedded/index.js';
import { ResumableClient } from '../../../apps/api/src/storage/embedded/resumable/client.js';
import { signUploadToken } from '../../../apps/api/src/storage/kodo.js';
import type { BenchContext } from '../lib/context.js';
import { cpuSecondsOf, waitForOk } from '../lib/processes.js';
import { compared, type Figure, median, secondsSince } from '../lib/stats.js';
import { againstStreamedCopy, startStoreServer, syncDisk, writeRandomFile } from './store.js';

const MiB = 1024 * 1024;
const PART = 8 * MiB;
/** As many parts in flight as the app sends. */
const IN_FLIGHT = MULTIPART_PARALLEL_PARTS;

interface Upload {
  client: ResumableClient;
  token: string;
  uploadId: string;
  etags: Map<number, string>;
}

/**
 * Sends the given part numbers, `parallel` at a time, each read whole into its sender's buffer first, as
 * the app reads a part (`readFileRange`) and sends it. (Streaming each part from the file cost this client
 * about 2 ms of CPU per MiB against 0.4 whole, on the two cores the server under test shares with it.)
 */
async function sendParts(upload: Upload, file: string, size: number, numbers: number[], parallel: number) {
  const queue = [...numbers];
  const source = await open(file, 'r');
  try {
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        const buffer = Buffer.allocUnsafeSlow(PART);
        for (let n = queue.shift(); n !== undefined; n = queue.shift()) {
          const length = Math.min(PART, size - (n - 1) * PART);
          const { bytesRead } = await source.read(buffer, 0, length, (n - 1) * PART);
          if (bytesRead !== length) throw new Error(`part ${n}: read ${bytesRead} of ${length} bytes`);
          const answer = await upload.client.putPart(upload.uploadId, n, buffer.subarray(0, length));
          if (answer.status !== 200)
            throw new Error(`part ${n} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
          upload.etags.set(n, answer.body.etag);
        }
      }),
    );
  } finally {
    await source.close();
  }
}

/** Half of part `n` reaches the server, then the connection drops. */
async function cutMidPart(upload: Upload, uploadUrl: string, key: string, n: number): Promise<void> {
  const encoded = Buffer.from(key).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  const req = request(`${uploadUrl}/buckets/${DEFAULT_BUCKET}/objects/${encoded}/uploads/${upload.uploadId}/${n}`, {
    method: 'PUT',
    headers: { Authorization: `UpToken ${upload.token}`, 'Content-Length': PART },
  });
  req.on('error', () => undefined);
  await new Promise<void>((resolve) => req.write(Buffer.alloc(PART / 2, 7), () => resolve()));
  // The half part is on the wire; the cut is done once the socket is closed (whatever of the half the store
  // got, a part that never finished is not one of listParts' answers).
  // (not events.once: it would reject on the 'error' the cut itself raises)
  const closed = new Promise<void>((resolve) => req.once('close', () => resolve()));
  req.destroy();
  await closed;
}

async function complete(upload: Upload): Promise<void> {
  const parts = [...upload.etags].sort(([a], [b]) => a - b).map(([partNumber, etag]) => ({ partNumber, etag }));
  const done = await upload.client.complete(upload.uploadId, parts);
  if (done.status !== 200) throw new Error(`complete answered ${done.status}: ${JSON.stringify(done.body)}`);
}

/**
 * The better-matched baseline for 19a: a plain streaming handler in a process of its own that writes each
 * request body to a file, buffered and synced (fdatasync) as the store writes a part, and answers a fixed
 * body, nothing checked or hashed. The same client sends it the same parts the same way (PUT over loopback,
 * as many in flight), so upload/sink is the cost of the store's own work (token, limits, MD5 and qetag,
 * registry) on top of moving the bytes over HTTP to disk. Every part goes to a new file, and each run's
 * files are deleted after it, as the store keeps an upload until the bench deletes it: overwriting a few
 * recycled files would reuse their pages, a saving the store cannot have.
 */
const SINK = `
const { createServer } = require('node:http');
const { createWriteStream } = require('node:fs');
const { open } = require('node:fs/promises');
const { pipeline } = require('node:stream/promises');
const path = require('node:path');
let n = 0;
async function receive(req, file) {
  await pipeline(req, createWriteStream(file, { highWaterMark: Number(process.argv[2]) }));
  const handle = await open(file, 'r');
  await handle.datasync();
  await handle.close();
}
const server = createServer((req, res) => {
  receive(req, path.join(process.argv[1], 'part-' + n++)).then(
    () => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"etag":"sink","md5":""}'),
    () => res.writeHead(500).end(),
  );
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

async function startSink(dir: string): Promise<{ origin: string; pid: number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['-e', SINK, dir, String(WRITE_BUFFER_BYTES)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(child.stdout, 'data')) as [Buffer];
  return {
    origin: `http://127.0.0.1:${line.toString().trim()}`,
    pid: child.pid as number,
    async stop() {
      child.kill();
      await once(child, 'exit');
    },
  };
}

export async function benchResumable(ctx: BenchContext): Promise<Figure[]> {
  const sizeMiB = ctx.quick ? 128 : 1024;
  const bytes = sizeMiB * MiB;
  const partCount = Math.ceil(bytes / PART);
  const { work, keys, api, uploadUrl, remove } = await startStoreServer(ctx, 'resumable');
  const start = async (key: string): Promise<Upload> => {
    const token = signUploadToken(
      { scope: `${DEFAULT_BUCKET}:${key}`, deadline: Math.floor(Date.now() / 1000) + 3600, insertOnly: 1 },
      keys.accessKey,
      keys.secretKey,
    );
    const client = new ResumableClient(uploadUrl, DEFAULT_BUCKET, key, token);
    const init = await client.init();
    if (init.status !== 200) throw new Error(`init answered ${init.status}`);
    return { client, token, uploadId: init.body.uploadId, etags: new Map() };
  };
  const all = (count: number) => Array.from({ length: count }, (_, i) => i + 1);
  try {
    await waitForOk(`${api.origin}/healthz`, api.child);
    const source = path.join(work, 'source.bin');
    ctx.log(`  writing a ${sizeMiB} MiB file`);
    await writeRandomFile(source, bytes);
    const warm = await start('warm.bin');
    await sendParts(warm, source, 2 * PART, all(2), IN_FLIGHT);
    await complete(warm);

    // CPU per MiB, the store's and the sink's: what each costs whatever else the machine is doing.
    const storeCpuMsPerMiB: number[] = [];
    // Of which the event loop's: the one thread a single upload cannot spread over cores.
    const storeMainMsPerMiB: number[] = [];
    const sinkCpuMsPerMiB: number[] = [];
    const { uploadMBs, copyMBs, cachedCopyMBs, copyCpuMsPerMiB, growthMiB, baselineRssMiB } = await againstStreamedCopy(
      ctx,
      api.child.pid,
      source,
      bytes,
      async (r) => {
        const pid = api.child.pid;
        const cpuBefore = await cpuSecondsOf(pid);
        const mainBefore = await cpuSecondsOf(pid, 'main');
        const upload = await start(`big-${r}.bin`);
        await sendParts(upload, source, bytes, all(partCount), IN_FLIGHT);
        await complete(upload);
        storeCpuMsPerMiB.push((((await cpuSecondsOf(pid)) - cpuBefore) * 1000) / sizeMiB);
        storeMainMsPerMiB.push((((await cpuSecondsOf(pid, 'main')) - mainBefore) * 1000) / sizeMiB);
      },
      (r) => remove(`big-${r}.bin`),
    );

    // The matched baseline: the same parts, the same client, into a plain handler that only writes them.
    const sinkDir = path.join(work, 'sink');
    await mkdir(sinkDir);
    const sink = await startSink(sinkDir);
    const sinkMBs: number[] = [];
    try {
      for (let r = 0; r < ctx.runs; r++) {
        const plain = { client: new ResumableClient(sink.origin, DEFAULT_BUCKET, `sink-${r}`, ''), token: '' };
        const started = process.hrtime.bigint();
        const cpuBefore = await cpuSecondsOf(sink.pid);
        await sendParts({ ...plain, uploadId: 'sink', etags: new Map() }, source, bytes, all(partCount), IN_FLIGHT);
        sinkMBs.push(bytes / MiB / secondsSince(started));
        sinkCpuMsPerMiB.push((((await cpuSecondsOf(sink.pid)) - cpuBefore) * 1000) / sizeMiB);
        ctx.log(`  sink run ${r + 1}: ${sinkMBs.at(-1)?.toFixed(0)} MiB/s`);
        for (const file of await readdir(sinkDir)) await rm(path.join(sinkDir, file));
        await syncDisk();
      }
    } finally {
      await sink.stop();
    }

    // The cut: parts one at a time, as on a phone; the part crossing the middle loses its connection.
    const resent: number[] = [];
    for (let r = 0; r < ctx.runs; r++) {
      const upload = await start(`cut-${r}.bin`);
      const middle = Math.floor(partCount / 2) + 1;
      await sendParts(upload, source, bytes, all(middle - 1), 1);
      await cutMidPart(upload, uploadUrl, `cut-${r}.bin`, middle);
      const listed = await upload.client.listParts(upload.uploadId);
      const stored = new Set(listed.body.parts.map((p) => p.partNumber));
      const missing = all(partCount).filter((n) => !stored.has(n));
      const sentBefore = middle;
      await sendParts(upload, source, bytes, missing, 1);
      await complete(upload);
      // Parts sent before the cut that had to go again.
      resent.push(missing.filter((n) => n <= sentBefore).length);
      ctx.log(`  cut ${r + 1}: ${resent.at(-1)} part(s) sent again`);
    }
    await rm(source);

    return [
      {
        ...compared(
          {
            id: '19a',
            name: `resumable upload (v2, 8 MiB parts, ${IN_FLIGHT} in flight): ${sizeMiB} MiB into the embedded store`,
            unit: 'MiB/s',
            baselineName: 'streamed copy of the same file on the same disk, fsynced',
            note: 'each part is synced to disk (fdatasync) before its answer, as a 200 promises; the copy is fsynced at its end',
          },
          uploadMBs,
          copyMBs,
        ),
        target: { on: 'ratio', op: '>=', limit: 0.8 },
      },
      compared(
        {
          id: '19a4',
          name: `resumable upload (as 19a) against the same copy left in the page cache (no fsync)`,
          unit: 'MiB/s',
          baselineName: 'streamed copy, page cache only',
          note: 'what moving the bytes costs with the disk taken out: the CPU-bound view of 19a',
        },
        uploadMBs,
        cachedCopyMBs,
      ),
      {
        ...compared(
          {
            id: '19a2',
            name: `resumable upload (as 19a) against the same parts PUT over loopback to a plain streaming handler that writes them to disk`,
            unit: 'MiB/s',
            baselineName: 'plain HTTP sink, same client and parts',
          },
          uploadMBs,
          sinkMBs,
        ),
      },
      {
        ...compared(
          {
            id: '19a3',
            name: 'resumable upload (as 19a): server CPU (all threads) per MiB received, against the plain sink of 19a2',
            unit: 'ms/MiB',
            baselineName: 'plain HTTP sink, same parts',
            note: `the store's own work per byte (SHA-1 for the qetag on its hashing thread, limits, registry), whatever the machine's load; ${median(storeMainMsPerMiB).toFixed(2)} ms/MiB of it on the main thread; the streamed copy of 19a costs ${median(copyCpuMsPerMiB).toFixed(2)} ms/MiB in all`,
          },
          storeCpuMsPerMiB,
          sinkCpuMsPerMiB,
        ),
      },
      {
        ...compared(
          {
            id: '19b',
            name: `resumable upload: server peak RSS growth during the ${sizeMiB} MiB upload`,
            unit: 'MiB',
            baselineName: 'server RSS before it',
            note: `largest growth of the ${growthMiB.length} runs: ${Math.max(...growthMiB).toFixed(1)} MiB`,
          },
          growthMiB,
          baselineRssMiB,
        ),
        target: { on: 'value', op: '<', limit: 30 },
      },
      {
        id: '19c',
        name: `resumable upload cut at 50% (${partCount} parts): parts sent again after listParts`,
        unit: 'parts',
        value: median(resent),
        runs: resent,
        note: `worst of the ${resent.length} runs: ${Math.max(...resent)}`,
        target: { on: 'value', op: '<=', limit: 1 },
      },
    ];
  } finally {
    await api.child.stop();
    await rm(work, { recursive: true, force: true });
  }
}

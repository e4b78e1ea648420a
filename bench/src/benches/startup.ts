/**
 * 5. Cold start: from spawning `node main.js` (the API's production bundle, on the seeded data dir) to its
 *    first answered photos.list, against a bare node:http server's spawn to first answer; then resident
 *    memory once idle, against the bare server's.
 */
import type { BenchContext } from '../lib/context.js';
import { freePort, rssOf, startNode, waitForOk } from '../lib/processes.js';
import { startApi } from '../lib/servers.js';
import { compared, type Figure, secondsSince, sleep } from '../lib/stats.js';

const IDLE_WAIT_MS = 3000;
const BARE_SERVER = `
const http = require('node:http');
http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"ok":true}');
}).listen(Number(process.env.BENCH_PORT), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
`;

export async function benchStartup(ctx: BenchContext): Promise<Figure[]> {
  const { seeded } = ctx;
  const listPath = `/trpc/photos.list?input=${encodeURIComponent(JSON.stringify({ homeId: seeded.home.id, limit: 100 }))}`;
  const headers = { authorization: `Bearer ${seeded.main.token}` };
  const runs = Math.max(ctx.runs, 5);
  const apiMs: number[] = [];
  const bareMs: number[] = [];
  const apiRss: number[] = [];
  const bareRss: number[] = [];
  for (let r = 0; r < runs; r++) {
    {
      const started = process.hrtime.bigint();
      const api = await startApi(ctx.bundles, { dataDir: seeded.dataDir, serverKey: seeded.serverKey });
      try {
        await waitForOk(`${api.origin}${listPath}`, api.child, { headers, intervalMs: 2 });
        apiMs.push(secondsSince(started) * 1000);
        await sleep(IDLE_WAIT_MS);
        apiRss.push((await rssOf(api.child.pid)) / 2 ** 20);
      } finally {
        await api.child.stop();
      }
    }
    {
      const port = await freePort();
      const started = process.hrtime.bigint();
      const bare = startNode(['-e', BARE_SERVER], { BENCH_PORT: String(port) });
      try {
        await waitForOk(`http://127.0.0.1:${port}/`, bare, { intervalMs: 2 });
        bareMs.push(secondsSince(started) * 1000);
        await sleep(IDLE_WAIT_MS);
        bareRss.push((await rssOf(bare.pid)) / 2 ** 20);
      } finally {
        await bare.stop();
      }
    }
    ctx.log(
      `  run ${r + 1}: api ${apiMs.at(-1)?.toFixed(0)} ms / ${apiRss.at(-1)?.toFixed(0)} MiB, bare ${bareMs.at(-1)?.toFixed(0)} ms / ${bareRss.at(-1)?.toFixed(0)} MiB`,
    );
  }
  return [
    compared(
      {
        id: '5a',
        name: 'cold start to the first answered photos.list (node main.js, seeded data dir)',
        unit: 'ms',
        baselineName: 'bare node:http to its first answer',
      },
      apiMs,
      bareMs,
    ),
    compared(
      {
        id: '5b',
        name: `idle RSS (${IDLE_WAIT_MS / 1000} s after the first answer)`,
        unit: 'MiB',
        baselineName: 'bare node:http',
      },
      apiRss,
      bareRss,
    ),
  ];
}

/**
 * 7. The windowed timeline on the family home (100,000 photos over ten years), each figure beside the
 * timeline's first page measured the same way in the same run:
 * - photos.buckets for the whole home (its day counts in one GROUP BY over photos_day_counts), one
 *   request at a time, so its latency is its own and not a queue's;
 * - the first page of a month ten years back (photos.list with since/until, as the date scrubber jumps),
 *   under the list bench's load (10 connections), paired and alternating;
 * - both queries alone, in this process, through the API's repositories.
 */
import path from 'node:path';
import { createDb } from '../../../apps/api/src/db/index.js';
import { PhotoDaysRepository } from '../../../apps/api/src/repositories/photo-days.js';
import { PhotosRepository } from '../../../apps/api/src/repositories/photos.js';
import { explainListSql } from '../lib/capture-sql.js';
import type { BenchContext } from '../lib/context.js';
import { getJson, trpcPath } from '../lib/http.js';
import { combine, type LoadResult, load } from '../lib/load.js';
import { waitForOk } from '../lib/processes.js';
import { startApi } from '../lib/servers.js';
import { alternate, compared, type Figure, mean } from '../lib/stats.js';
import { CONNECTIONS, PAGE, timePage } from './list.js';
import { cpuPerCall } from './list-layers.js';

const SLICES = 4;
/** The family's clock: +08:00. */
const UTC_OFFSET_MINUTES = 480;

/**
 * The first whole month (at +08:00) of the seeded ten years, as the scrubber asks for it: from its first
 * local midnight to the next month's.
 */
function monthTenYearsBack(now: Date): { since: string; until: string; label: string } {
  const year = now.getUTCFullYear() - 10;
  const month = now.getUTCMonth() + 2; // the month after this one, ten years ago: wholly seeded
  const start = new Date(Date.UTC(year, month - 1, 1) - UTC_OFFSET_MINUTES * 60_000);
  const end = new Date(Date.UTC(year, month, 1) - UTC_OFFSET_MINUTES * 60_000);
  const label = new Date(start.getTime() + UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 7);
  return { since: start.toISOString(), until: end.toISOString(), label };
}

interface PageAnswer {
  result: { data: { items: { sortAt: string }[] } };
}
interface BucketsAnswer {
  result: { data: { months: unknown[]; total: number } };
}

export async function benchTimeline(ctx: BenchContext): Promise<Figure[]> {
  const { seeded, bundles } = ctx;
  const seconds = ctx.quick ? 2 : 5;
  const homeId = seeded.home.id;
  const dbFile = path.join(seeded.dataDir, 'xiaojia.db');
  const plans = await explainListSql(dbFile, PAGE);
  ctx.log(`  plan of the month's page: ${plans.monthPage}`);
  ctx.log(`  plan of the day counts: ${plans.dayCounts}`);

  const month = monthTenYearsBack(new Date());
  const firstPath = trpcPath('photos.list', { homeId, limit: PAGE });
  const monthPath = trpcPath('photos.list', { homeId, limit: PAGE, since: month.since, until: month.until });
  const bucketsPath = trpcPath('photos.buckets', { homeId, utcOffsetMinutes: UTC_OFFSET_MINUTES });
  const headers = { authorization: `Bearer ${seeded.main.token}` };

  const api = await startApi(bundles, { dataDir: seeded.dataDir, serverKey: seeded.serverKey });
  const db = createDb({ kind: 'sqlite', file: dbFile });
  try {
    await waitForOk(`${api.origin}/healthz`, api.child);
    // The work is what it says: a full page of that month, and a map of the whole timeline.
    const monthPage = (await getJson(api.origin, monthPath, headers)) as PageAnswer;
    const sortAts = monthPage.result.data.items.map((p) => p.sortAt);
    if (sortAts.length !== PAGE || sortAts.some((at) => at < month.since || at >= month.until)) {
      throw new Error(`the page of ${month.label} is not a full page of that month`);
    }
    const buckets = (await getJson(api.origin, bucketsPath, headers)) as BucketsAnswer;
    if (buckets.result.data.total !== seeded.home.livePhotos) {
      throw new Error(`photos.buckets counted ${buckets.result.data.total} of ${seeded.home.livePhotos} photos`);
    }
    const months = buckets.result.data.months.length;
    ctx.log(`  ${month.label}: a full page; buckets: ${months} months, ${buckets.result.data.total} photos`);

    const run = (p: string, connections: number, s: number) => () =>
      load({ url: `${api.origin}${p}`, headers, connections, seconds: s, pid: api.child.pid });
    const paired = async (a: () => Promise<LoadResult>, b: () => Promise<LoadResult>) =>
      (await alternate(SLICES, a, b)).map(combine) as [LoadResult, LoadResult];
    ctx.log('  warming up');
    await run(firstPath, CONNECTIONS, 2)();
    await run(monthPath, CONNECTIONS, 1)();
    await run(bucketsPath, 1, 2)();

    const slice = seconds / SLICES;
    const bucketRuns: LoadResult[] = [];
    const firstOneAtATime: LoadResult[] = [];
    const monthRuns: LoadResult[] = [];
    const firstUnderLoad: LoadResult[] = [];
    for (let r = 0; r < ctx.runs; r++) {
      const [b, f] = await paired(run(bucketsPath, 1, slice), run(firstPath, 1, slice));
      bucketRuns.push(b);
      firstOneAtATime.push(f);
      const [m, g] = await paired(run(monthPath, CONNECTIONS, slice), run(firstPath, CONNECTIONS, slice));
      monthRuns.push(m);
      firstUnderLoad.push(g);
      ctx.log(
        `  run ${r + 1}: buckets p50 ${b.p50} ms (first page ${f.p50} ms); month page ${(m.serverCpuMs / m.requests).toFixed(2)} CPU ms/req (first ${(g.serverCpuMs / g.requests).toFixed(2)})`,
      );
    }

    // The queries alone, in this process.
    const repo = new PhotosRepository(db);
    const days = new PhotoDaysRepository(db);
    const scope = { homeId, trashed: false };
    const calls = ctx.quick ? 50 : 400;
    const window = { since: month.since, until: month.until };
    const sqlFirst: number[] = [];
    const sqlMonth: number[] = [];
    const sqlDays: number[] = [];
    const sqlFirstBesideDays: number[] = [];
    for (let r = 0; r < ctx.runs; r++) {
      const [f, m] = await alternate(
        10,
        () => timePage(repo, homeId, undefined, calls / 10),
        () => timePage(repo, homeId, undefined, calls / 10, window),
      );
      sqlFirst.push(mean(f));
      sqlMonth.push(mean(m));
      const [d, p] = await alternate(
        4,
        () => cpuPerCall(() => days.countsByDay(scope, UTC_OFFSET_MINUTES), ctx.quick ? 2 : 5),
        () => cpuPerCall(() => repo.page(scope, PAGE + 1), 50),
      );
      sqlDays.push(mean(d));
      sqlFirstBesideDays.push(mean(p));
    }

    const cpuPer = (xs: LoadResult[]) => xs.map((x) => x.serverCpuMs / x.requests);
    const home = `home of ${seeded.home.livePhotos.toLocaleString('en')} photos over ten years`;
    const firstAlone = 'the first page of the timeline, one request at a time';
    return [
      compared(
        {
          id: '7a',
          name: `photos.buckets, the whole ${home} (${months} months), one request at a time: p50 latency`,
          unit: 'ms',
          baselineName: firstAlone,
          target: { on: 'value', op: '<', limit: 1000 },
          note: `plan: ${plans.dayCounts}`,
        },
        bucketRuns.map((x) => x.p50),
        firstOneAtATime.map((x) => x.p50),
      ),
      compared(
        { id: '7b', name: 'photos.buckets: server CPU per request', unit: 'ms', baselineName: firstAlone },
        cpuPer(bucketRuns),
        cpuPer(firstOneAtATime),
      ),
      compared(
        {
          id: '7c',
          name: `the first page of ${month.label} (photos.list since/until, ten years back), ${CONNECTIONS} connections: server CPU per request`,
          unit: 'ms',
          baselineName: 'the first page of the timeline',
          target: { on: 'ratio', op: '<=', limit: 1.2 },
          note: `plan: ${plans.monthPage}`,
        },
        cpuPer(monthRuns),
        cpuPer(firstUnderLoad),
      ),
      compared(
        { id: '7d', name: "the month's first page: throughput", unit: 'req/s', baselineName: 'first page' },
        monthRuns.map((x) => x.rps),
        firstUnderLoad.map((x) => x.rps),
      ),
      compared(
        {
          id: '7e',
          name: "the month's first page: the repository query alone (PhotosRepository.page with since/until)",
          unit: 'ms',
          baselineName: 'first page',
          target: { on: 'ratio', op: '<=', limit: 1.2 },
        },
        sqlMonth,
        sqlFirst,
      ),
      compared(
        {
          id: '7f',
          name: 'photos.buckets: the day counts query alone (PhotoDaysRepository.countsByDay), CPU per call',
          unit: 'ms',
          baselineName: 'the first page query',
        },
        sqlDays,
        sqlFirstBesideDays,
      ),
    ];
  } finally {
    await api.child.stop();
    await db.destroy();
  }
}

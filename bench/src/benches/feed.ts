/**
 * 9. The activity feed (动态) of the family home: 100,000 photos in upload batches (one feed entry each),
 * 20,000 comments and 30,000 likes on them, grouped as ActivityService groups them (lib/seed-together.ts).
 * A feed page (activity.list at its default size, every entry's photos signed) against a photos.list page
 * (PAGE photos, signed) in the same run, under the list bench's load, paired and alternating; the badge
 * (activity.unread) beside the same page.
 */
import type { BenchContext } from '../lib/context.js';
import { getJson, trpcPath } from '../lib/http.js';
import { combine, type LoadResult, load } from '../lib/load.js';
import { waitForOk } from '../lib/processes.js';
import { seedTogether } from '../lib/seed-together.js';
import { startApi } from '../lib/servers.js';
import { alternate, compared, type Figure } from '../lib/stats.js';
import { CONNECTIONS, PAGE } from './list.js';

const SLICES = 4;

interface FeedAnswer {
  result: { data: { items: { photos: { thumbUrl: string | null }[] }[] } };
}

export async function benchFeed(ctx: BenchContext): Promise<Figure[]> {
  const { seeded, bundles } = ctx;
  const seconds = ctx.quick ? 2 : 5;
  const homeId = seeded.home.id;
  const comments = ctx.quick ? 4_000 : 20_000;
  const together = await seedTogether(seeded, { comments, likes: Math.round(comments * 1.5) });
  ctx.log(
    `  seeded ${together.entries.toLocaleString('en')} feed entries (${together.uploadBatches.toLocaleString('en')} upload batches), ${together.comments.toLocaleString('en')} comments, ${together.likes.toLocaleString('en')} likes`,
  );

  const feedPath = trpcPath('activity.list', { homeId });
  const unreadPath = trpcPath('activity.unread', { homeId });
  const listPath = trpcPath('photos.list', { homeId, limit: PAGE });
  const headers = { authorization: `Bearer ${seeded.main.token}` };
  const api = await startApi(bundles, { dataDir: seeded.dataDir, serverKey: seeded.serverKey });
  try {
    await waitForOk(`${api.origin}/healthz`, api.child);
    // The work is what it says: a full page of entries with their grids signed, and a badge to count.
    const feed = (await getJson(api.origin, feedPath, headers)) as FeedAnswer;
    const entries = feed.result.data.items;
    const photos = entries.reduce((n, e) => n + e.photos.length, 0);
    if (entries.length !== 20 || photos < 20 || entries.some((e) => e.photos.some((p) => p.thumbUrl === null))) {
      throw new Error(
        `the feed page is not a full page of signed entries (${entries.length} entries, ${photos} photos)`,
      );
    }
    const unread = (await getJson(api.origin, unreadPath, headers)) as { result: { data: { count: number } } };
    ctx.log(`  feed page: ${entries.length} entries showing ${photos} photos; badge ${unread.result.data.count}`);

    const run = (p: string, s: number) => () =>
      load({ url: `${api.origin}${p}`, headers, connections: CONNECTIONS, seconds: s, pid: api.child.pid });
    const paired = async (a: () => Promise<LoadResult>, b: () => Promise<LoadResult>) =>
      (await alternate(SLICES, a, b)).map(combine) as [LoadResult, LoadResult];
    ctx.log('  warming up');
    await run(listPath, 2)();
    await run(feedPath, 2)();
    await run(unreadPath, 1)();

    const slice = seconds / SLICES;
    const feedRuns: LoadResult[] = [];
    const listBesideFeed: LoadResult[] = [];
    const unreadRuns: LoadResult[] = [];
    const listBesideUnread: LoadResult[] = [];
    const cpu = (x: LoadResult) => (x.serverCpuMs / x.requests).toFixed(2);
    for (let r = 0; r < ctx.runs; r++) {
      const [f, l] = await paired(run(feedPath, slice), run(listPath, slice));
      feedRuns.push(f);
      listBesideFeed.push(l);
      const [u, m] = await paired(run(unreadPath, slice), run(listPath, slice));
      unreadRuns.push(u);
      listBesideUnread.push(m);
      ctx.log(
        `  run ${r + 1}: feed ${cpu(f)} CPU ms/req, ${f.rps.toFixed(0)} req/s (photos.list ${cpu(l)}, ${l.rps.toFixed(0)} req/s); unread ${cpu(u)} (photos.list ${cpu(m)})`,
      );
    }

    const cpuPer = (xs: LoadResult[]) => xs.map((x) => x.serverCpuMs / x.requests);
    const home = `home of ${seeded.home.livePhotos.toLocaleString('en')} photos, ${together.comments.toLocaleString('en')} comments, ${together.entries.toLocaleString('en')} entries`;
    const listName = `a photos.list page (${PAGE} photos, signed)`;
    return [
      compared(
        {
          id: '9a',
          name: `activity.list, a page of 20 entries (${photos} photos signed), ${CONNECTIONS} connections, ${home}: server CPU per request`,
          unit: 'ms',
          baselineName: listName,
          target: { on: 'ratio', op: '<=', limit: 1.2 },
        },
        cpuPer(feedRuns),
        cpuPer(listBesideFeed),
      ),
      compared(
        { id: '9b', name: 'activity.list: throughput', unit: 'req/s', baselineName: listName },
        feedRuns.map((x) => x.rps),
        listBesideFeed.map((x) => x.rps),
      ),
      compared(
        { id: '9c', name: 'activity.list: p50 latency', unit: 'ms', baselineName: listName },
        feedRuns.map((x) => x.p50),
        listBesideFeed.map((x) => x.p50),
      ),
      compared(
        {
          id: '9d',
          name: `activity.unread (the badge, ${unread.result.data.count} unread): server CPU per request`,
          unit: 'ms',
          baselineName: listName,
        },
        cpuPer(unreadRuns),
        cpuPer(listBesideUnread),
      ),
    ];
  } finally {
    await api.child.stop();
  }
}

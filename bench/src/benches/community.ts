/**
 * 17. 维扣图元's feeds (issue 17): 100,000 works and 1,000,000 likes (lib/seed-community.ts) on the family
 * home's photos. feeds.hot against feeds.latest (a page of 20 works, covers signed) paired and alternating
 * in the same run, and page 50 of each (reached by cursor) against its first page: the hot feed is an index
 * scan on works_hot like latest on works_latest, so neither its cost nor its depth should show. And
 * feeds.following for the family home's owner, who follows 200 quiet accounts (one old work each, under all
 * 100,000), against feeds.latest's first page: the feed starts from the follows, so the depth of those works
 * under the rest should not show either.
 */
import type { BenchContext } from '../lib/context.js';
import { getJson, trpcPath } from '../lib/http.js';
import { combine, type LoadResult, load } from '../lib/load.js';
import { waitForOk } from '../lib/processes.js';
import { seedCommunity } from '../lib/seed-community.js';
import { startApi } from '../lib/servers.js';
import { alternate, compared, type Figure } from '../lib/stats.js';
import { CONNECTIONS } from './list.js';

const SLICES = 4;
const FEED_PAGE = 20;
const DEEP = 50;
const QUIET_AUTHORS = 200;

interface FeedAnswer {
  result: { data: { items: { cover: { url: string | null } }[]; nextCursor: string | null } };
}

export async function benchCommunity(ctx: BenchContext): Promise<Figure[]> {
  const { seeded, bundles } = ctx;
  const seconds = ctx.quick ? 2 : 5;
  // The sizes even under --quick (which shortens the loads and the photo seed: works then wrap round
  // the fewer photos, which the feeds do not notice).
  const counts = { works: 100_000, likes: 1_000_000, likers: 2_000, quietAuthors: QUIET_AUTHORS };
  ctx.log(`  seeding ${counts.works.toLocaleString('en')} works and ${counts.likes.toLocaleString('en')} likes`);
  const community = await seedCommunity(seeded, counts);
  const headers = { authorization: `Bearer ${seeded.main.token}` };
  const api = await startApi(bundles, { dataDir: seeded.dataDir, serverKey: seeded.serverKey });
  try {
    await waitForOk(`${api.origin}/healthz`, api.child);
    const pathOf = (feed: 'hot' | 'latest' | 'following', cursor?: string) =>
      trpcPath(`feeds.${feed}`, cursor ? { limit: FEED_PAGE, cursor } : { limit: FEED_PAGE });
    // Page DEEP of each, by walking the cursors as a client scrolling would; every page full and signed.
    const deepPath = async (feed: 'hot' | 'latest') => {
      let cursor: string | undefined;
      for (let page = 1; page < DEEP; page++) {
        const answer = (await getJson(api.origin, pathOf(feed, cursor), headers)) as FeedAnswer;
        const { items, nextCursor } = answer.result.data;
        if (items.length !== FEED_PAGE || items.some((w) => w.cover.url === null) || !nextCursor) {
          throw new Error(`feeds.${feed} page ${page} is not a full page of signed covers`);
        }
        cursor = nextCursor;
      }
      return pathOf(feed, cursor);
    };
    const paths = {
      hot: pathOf('hot'),
      latest: pathOf('latest'),
      hotDeep: await deepPath('hot'),
      latestDeep: await deepPath('latest'),
      following: pathOf('following'),
    };
    const followingPage = (await getJson(api.origin, paths.following, headers)) as FeedAnswer;
    if (
      followingPage.result.data.items.length !== FEED_PAGE ||
      followingPage.result.data.items.some((w) => w.cover.url === null)
    ) {
      throw new Error('feeds.following is not a full page of signed covers');
    }
    const run = (p: string, s: number) => () =>
      load({ url: `${api.origin}${p}`, headers, connections: CONNECTIONS, seconds: s, pid: api.child.pid });
    const paired = async (a: () => Promise<LoadResult>, b: () => Promise<LoadResult>) =>
      (await alternate(SLICES, a, b)).map(combine) as [LoadResult, LoadResult];
    ctx.log('  warming up');
    for (const p of Object.values(paths)) await run(p, 1)();

    const slice = seconds / SLICES;
    const runs = {
      hot: [] as LoadResult[],
      latest: [] as LoadResult[],
      hotDeep: [] as LoadResult[],
      hot1: [] as LoadResult[],
    };
    const latestDeep: LoadResult[] = [];
    const latest1: LoadResult[] = [];
    const following: LoadResult[] = [];
    const latestF: LoadResult[] = [];
    const cpu = (x: LoadResult) => (x.serverCpuMs / x.requests).toFixed(2);
    for (let r = 0; r < ctx.runs; r++) {
      const [h, l] = await paired(run(paths.hot, slice), run(paths.latest, slice));
      runs.hot.push(h);
      runs.latest.push(l);
      const [hd, h1] = await paired(run(paths.hotDeep, slice), run(paths.hot, slice));
      runs.hotDeep.push(hd);
      runs.hot1.push(h1);
      const [ld, l1] = await paired(run(paths.latestDeep, slice), run(paths.latest, slice));
      latestDeep.push(ld);
      latest1.push(l1);
      const [f, lf] = await paired(run(paths.following, slice), run(paths.latest, slice));
      following.push(f);
      latestF.push(lf);
      ctx.log(
        `  run ${r + 1}: hot ${cpu(h)} CPU ms/req (latest ${cpu(l)}); hot page ${DEEP} ${cpu(hd)} (page 1 ${cpu(h1)}); latest page ${DEEP} ${cpu(ld)} (page 1 ${cpu(l1)}); following ${cpu(f)} (latest ${cpu(lf)})`,
      );
    }
    const cpuPer = (xs: LoadResult[]) => xs.map((x) => x.serverCpuMs / x.requests);
    const data = `${community.works.toLocaleString('en')} works, ${community.likes.toLocaleString('en')} likes`;
    const target = { on: 'ratio', op: '<=', limit: 1.2 } as const;
    return [
      compared(
        {
          id: '18a',
          name: `feeds.hot, a page of ${FEED_PAGE} (covers signed), ${CONNECTIONS} connections, ${data}: server CPU per request`,
          unit: 'ms',
          baselineName: 'feeds.latest, the same page size',
          target,
        },
        cpuPer(runs.hot),
        cpuPer(runs.latest),
      ),
      compared(
        { id: '18b', name: 'feeds.hot: throughput', unit: 'req/s', baselineName: 'feeds.latest' },
        runs.hot.map((x) => x.rps),
        runs.latest.map((x) => x.rps),
      ),
      compared(
        {
          id: '18c',
          name: `feeds.hot page ${DEEP} (by cursor): server CPU per request`,
          unit: 'ms',
          baselineName: 'feeds.hot page 1',
          target,
        },
        cpuPer(runs.hotDeep),
        cpuPer(runs.hot1),
      ),
      compared(
        {
          id: '18d',
          name: `feeds.latest page ${DEEP} (by cursor): server CPU per request`,
          unit: 'ms',
          baselineName: 'feeds.latest page 1',
          target,
        },
        cpuPer(latestDeep),
        cpuPer(latest1),
      ),
      compared(
        {
          id: '18e',
          name: `feeds.following, a page of ${FEED_PAGE}, for someone following ${community.quietAuthors} quiet authors (one old work each, under all ${data}): server CPU per request`,
          unit: 'ms',
          baselineName: 'feeds.latest, the same page size',
          target,
        },
        cpuPer(following),
        cpuPer(latestF),
      ),
    ];
  } finally {
    await api.child.stop();
  }
}

/**
 * All on the family home (100,000 photos on its timeline, one home among many sharing the table):
 * 1. photos.list (page of 100, signed thumbnail URLs) under concurrent load, the API against the bare
 *    node:http baseline doing the same work (bench/src/baseline-server.ts: session, membership, page,
 *    bindings, signing, with the SQL captured from the API's repositories), as the home's owner;
 *    and the same page asked for by a member of the home against the owner asking for it.
 * 2. Deep pagination: the page after the 50,000th photo (a keyset cursor) against the first page, over
 *    HTTP and for the repository's query alone.
 */
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { createDb } from '../../../apps/api/src/db/index.js';
import { PhotosRepository, type SortWindow } from '../../../apps/api/src/repositories/photos.js';
import { encodeCursor } from '../../../apps/api/src/services/photos.js';
import { captureListSql, explainListSql } from '../lib/capture-sql.js';
import type { BenchContext } from '../lib/context.js';
import { getJson, trpcPath } from '../lib/http.js';
import { combine, type LoadResult, load } from '../lib/load.js';
import { waitForOk } from '../lib/processes.js';
import { startApi, startBaseline } from '../lib/servers.js';
import { alternate, compared, type Figure, mean } from '../lib/stats.js';
import { measureLayers } from './list-layers.js';

export const PAGE = 100;
export const CONNECTIONS = 10;
/** Each paired run alternates the two sides in this many slices. */
const SLICES = 4;
/** Both servers see the same Host, so embedded-store URLs (signed over the origin) come out identical. */
const HOST = 'photos.bench.local';

const listPath = (input: object) => trpcPath('photos.list', input);

/** Mean time of one full `page()` call in ms, over `calls` calls (a cursor, or a since/until window). */
export async function timePage(
  repo: PhotosRepository,
  homeId: string,
  after: Parameters<PhotosRepository['page']>[2],
  calls: number,
  window?: SortWindow,
) {
  const started = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) {
    const rows = await repo.page({ homeId, trashed: false }, PAGE + 1, after, window);
    if (rows.length !== PAGE + 1) throw new Error(`page returned ${rows.length} rows`);
  }
  return Number(process.hrtime.bigint() - started) / 1e6 / calls;
}

export async function benchList(ctx: BenchContext): Promise<Figure[]> {
  const { seeded, bundles } = ctx;
  const seconds = ctx.quick ? 2 : 5;
  const dbFile = path.join(seeded.dataDir, 'xiaojia.db');
  const sql = await captureListSql(dbFile, PAGE);
  ctx.log(`  baseline SQL (from the repositories): ${sql.membership.sql}; ${sql.page.sql}`);
  const plans = await explainListSql(dbFile, PAGE);
  for (const [name, plan] of Object.entries(plans)) ctx.log(`  plan of ${name}: ${plan}`);

  // The keyset of the home's photo half-way down its timeline: the deep page starts right after it.
  const db = createDb({ kind: 'sqlite', file: dbFile });
  const homeId = seeded.home.id;
  const depth = Math.floor(seeded.home.livePhotos / 2);
  const at = await db
    .selectFrom('photos')
    .select(['sort_at', 'id'])
    .where('home_id', '=', homeId)
    .where('deleted_at', 'is', null)
    .where('purge_requested_at', 'is', null)
    .orderBy('sort_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .offset(depth - 1)
    .executeTakeFirstOrThrow();
  const after = { sortAt: at.sort_at, id: at.id };
  const firstPath = listPath({ homeId, limit: PAGE });
  const deepPath = listPath({ homeId, limit: PAGE, cursor: encodeCursor(after) });

  const api = await startApi(bundles, { dataDir: seeded.dataDir, serverKey: seeded.serverKey });
  const baseline = await startBaseline(bundles, { dataDir: seeded.dataDir, serverKey: seeded.serverKey, sql });
  const headers = { authorization: `Bearer ${seeded.main.token}`, host: HOST };
  const memberHeaders = { authorization: `Bearer ${seeded.member.token}`, host: HOST };
  try {
    await waitForOk(`${api.origin}/healthz`, api.child);
    await waitForOk(`${baseline.origin}${firstPath}`, baseline.child, { headers });

    // Same work, checked: both answer the same bytes' worth of JSON (ids, fields, signed URLs).
    const fromApi = await getJson(api.origin, firstPath, headers);
    const fromBaseline = await getJson(baseline.origin, firstPath, headers);
    if (!isDeepStrictEqual(fromApi, fromBaseline)) {
      throw new Error(
        `the baseline answers differently from the API:\n${JSON.stringify(fromApi).slice(0, 600)}\n${JSON.stringify(fromBaseline).slice(0, 600)}`,
      );
    }
    // The member sees the very page the owner sees (same home, same photos, same URLs).
    const fromMember = await getJson(api.origin, firstPath, memberHeaders);
    if (!isDeepStrictEqual(fromApi, fromMember)) throw new Error("the member's page differs from the owner's");
    const byMember = (fromApi as { result: { data: { items: { uploaderId: string }[] } } }).result.data.items.filter(
      (p) => p.uploaderId === seeded.member.id,
    ).length;
    ctx.log(`  first page: ${byMember} of ${PAGE} photos uploaded by the member`);
    const deep = (await getJson(api.origin, deepPath, headers)) as { result: { data: { items: unknown[] } } };
    if (deep.result.data.items.length !== PAGE) throw new Error('the deep page is not full');

    const run =
      (server: { origin: string; child: { pid: number } }, p: string, s = seconds, as = headers) =>
      () =>
        load({ url: `${server.origin}${p}`, headers: as, connections: CONNECTIONS, seconds: s, pid: server.child.pid });
    ctx.log('  warming up');
    await run(api, firstPath, 2)();
    await run(baseline, firstPath, 2)();
    await run(api, deepPath, 1)();
    await run(api, firstPath, 1, memberHeaders)();

    const real: LoadResult[] = [];
    const bare: LoadResult[] = [];
    const asMember: LoadResult[] = [];
    const asOwner: LoadResult[] = [];
    const first: LoadResult[] = [];
    const deeper: LoadResult[] = [];
    const rate = (x: LoadResult | undefined) =>
      `${x?.rps.toFixed(0)} req/s, ${x ? (x.serverCpuMs / x.requests).toFixed(2) : ''} CPU ms/req`;
    /** One paired run of two loads, alternating in slices; each side's slices combined. */
    const paired = async (a: () => Promise<LoadResult>, b: () => Promise<LoadResult>) =>
      (await alternate(SLICES, a, b)).map(combine) as [LoadResult, LoadResult];
    const slice = seconds / SLICES;
    for (let r = 0; r < ctx.runs; r++) {
      const [a, b] = await paired(run(api, firstPath, slice), run(baseline, firstPath, slice));
      real.push(a);
      bare.push(b);
      ctx.log(`  list run ${r + 1}: api ${rate(a)}; baseline ${rate(b)}`);
      const [m, o] = await paired(run(api, firstPath, slice, memberHeaders), run(api, firstPath, slice));
      asMember.push(m);
      asOwner.push(o);
      ctx.log(`  member run ${r + 1}: member ${rate(m)}; owner ${rate(o)}`);
      const [d, f] = await paired(run(api, deepPath, slice), run(api, firstPath, slice));
      deeper.push(d);
      first.push(f);
      ctx.log(`  deep run ${r + 1}: deep ${rate(d)}; first ${rate(f)}`);
    }

    // The query alone, in this process, through the API's repository.
    const repo = new PhotosRepository(db);
    const calls = ctx.quick ? 50 : 400;
    await timePage(repo, homeId, after, 20);
    await timePage(repo, homeId, undefined, 20);
    const sqlFirst: number[] = [];
    const sqlDeep: number[] = [];
    for (let r = 0; r < ctx.runs; r++) {
      const [f, d] = await alternate(
        10,
        () => timePage(repo, homeId, undefined, calls / 10),
        () => timePage(repo, homeId, after, calls / 10),
      );
      sqlFirst.push(mean(f));
      sqlDeep.push(mean(d));
    }

    // The servers stop before the in-process layers run on the same data dir.
    await api.child.stop();
    await baseline.child.stop();
    const layers = await measureLayers(ctx, PAGE, sql);

    const bareName = 'bare node:http, same SQL (membership, page, bindings) + signing';
    const homeName = `the owner, home of ${seeded.home.livePhotos.toLocaleString('en')} photos`;
    const cpuPer = (xs: LoadResult[]) => xs.map((x) => x.serverCpuMs / x.requests);
    return [
      compared(
        {
          id: '1a',
          name: `photos.list, ${PAGE} per page, ${CONNECTIONS} connections, ${homeName}: throughput`,
          unit: 'req/s',
          baselineName: bareName,
          target: { on: 'ratio', op: '>=', limit: 0.7 },
          note: `plans: membership ${plans.membership}; page ${plans.firstPage}`,
        },
        real.map((x) => x.rps),
        bare.map((x) => x.rps),
      ),
      compared(
        { id: '1b', name: 'photos.list: p50 latency', unit: 'ms', baselineName: bareName },
        real.map((x) => x.p50),
        bare.map((x) => x.p50),
      ),
      compared(
        { id: '1c', name: 'photos.list: p99 latency', unit: 'ms', baselineName: bareName },
        real.map((x) => x.p99),
        bare.map((x) => x.p99),
      ),
      compared(
        {
          id: '1d',
          name: 'photos.list: server CPU time per request',
          unit: 'ms',
          baselineName: bareName,
          note: 'CPU time is what a busy machine disturbs least: 1 ÷ this ratio is the throughput ratio on a core of its own',
        },
        cpuPer(real),
        cpuPer(bare),
      ),
      compared(
        {
          id: '1e',
          name: 'photos.list in process: the tRPC procedure (session lookup, membership, zod input, middlewares, service), CPU per call',
          unit: 'ms',
          baselineName: 'PhotosService.list alone (SQL, bindings, signing, DTOs)',
        },
        layers.procedure,
        layers.service,
      ),
      compared(
        {
          id: '1f',
          name: 'photos.list in process: zod validation of one page (what a router .output() would add; the list skips it)',
          unit: 'ms',
          baselineName: 'PhotosService.list alone',
        },
        layers.outputValidation,
        layers.service,
      ),
      compared(
        {
          id: '1g',
          name: 'photos.list in process: the page query through the repository (Kysely)',
          unit: 'ms',
          baselineName: 'the same SQL, cached better-sqlite3 statement',
        },
        layers.pageViaKysely,
        layers.pageRaw,
      ),
      compared(
        {
          id: '1h',
          name: 'photos.list in process: the membership lookup through HomeAccess.require (HomesRepository.membership, Kysely)',
          unit: 'ms',
          baselineName: 'the same SQL, cached better-sqlite3 statement',
        },
        layers.membershipViaKysely,
        layers.membershipRaw,
      ),
      compared(
        {
          id: '1i',
          name: `photos.list as a member of the home (${seeded.home.memberUploads.toLocaleString('en')} of its photos uploaded by them), the same page: server CPU per request`,
          unit: 'ms',
          baselineName: 'the owner asking for the same page',
          target: { on: 'ratio', op: '<=', limit: 1.1 },
        },
        cpuPer(asMember),
        cpuPer(asOwner),
      ),
      compared(
        { id: '1j', name: 'photos.list as a member: throughput', unit: 'req/s', baselineName: 'the owner' },
        asMember.map((x) => x.rps),
        asOwner.map((x) => x.rps),
      ),
      compared(
        {
          id: '2a',
          name: `page after ${depth.toLocaleString('en')} photos (home of ${seeded.home.livePhotos.toLocaleString('en')}; ${seeded.totalPhotos.toLocaleString('en')} rows, ${seeded.totalHomes} homes): server CPU per request`,
          unit: 'ms',
          baselineName: 'first page',
          target: { on: 'ratio', op: '<=', limit: 1.2 },
        },
        cpuPer(deeper),
        cpuPer(first),
      ),
      compared(
        { id: '2b', name: 'deep page: throughput', unit: 'req/s', baselineName: 'first page' },
        deeper.map((x) => x.rps),
        first.map((x) => x.rps),
      ),

      compared(
        {
          id: '2c',
          name: 'deep page: the repository query alone (PhotosRepository.page)',
          unit: 'ms',
          baselineName: 'first page',
          target: { on: 'ratio', op: '<=', limit: 1.2 },
          note: `plan of the page after a cursor: ${plans.deepPage}`,
        },
        sqlDeep,
        sqlFirst,
      ),
    ];
  } finally {
    await api.child.stop();
    await baseline.child.stop();
    await db.destroy();
  }
}

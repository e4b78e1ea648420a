/**
 * `pnpm bench`: seeds a temp data dir, bundles the servers, runs every bench, prints the table and writes
 * bench/results/latest.md + latest.json, and on a full run also the results section of BENCHMARKS.md (between
 * its bench:results markers). Options:
 *   --only=list,timeline,uploads,store,startup,client,timeline-client,feed,s3,poster,community,resumable
 *                                               run some benches (results go to bench/results/partial.*)
 *   --runs=N                                    paired runs per figure (default 3, at least 3 for latest.*)
 *   --quick                                     smaller data and shorter loads (results go to partial.*)
 *   --build-client                              build the client (weapp, H5, RN: minutes) before measuring it
 *                                               (timeline-client builds the H5 site alone, also when it is missing)
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { benchClient } from './benches/client.js';
import { benchCommunity } from './benches/community.js';
import { benchFeed } from './benches/feed.js';
import { benchList } from './benches/list.js';
import { benchPoster } from './benches/poster.js';
import { benchResumable } from './benches/resumable.js';
import { benchS3 } from './benches/s3.js';
import { benchStartup } from './benches/startup.js';
import { benchStore } from './benches/store.js';
import { benchTimeline } from './benches/timeline.js';
import { benchTimelineClient } from './benches/timeline-client.js';
import { benchUploads } from './benches/uploads.js';
import { buildBundles, repoRoot } from './lib/build.js';
import type { BenchContext } from './lib/context.js';
import type { Figure } from './lib/stats.js';
import { markdownReport, markdownTable, runInfo } from './report.js';
import { seed } from './seed.js';

const BENCHES = {
  list: benchList,
  timeline: benchTimeline,
  uploads: benchUploads,
  store: benchStore,
  startup: benchStartup,
  client: benchClient,
  'timeline-client': benchTimelineClient,
  feed: benchFeed,
  s3: benchS3,
  poster: benchPoster,
  community: benchCommunity,
  resumable: benchResumable,
} satisfies Record<string, (ctx: BenchContext) => Promise<Figure[]>>;
type BenchName = keyof typeof BENCHES;

function parseArgs(argv: string[]) {
  let only: BenchName[] | null = null;
  let runs = 3;
  let quick = false;
  let buildClient = false;
  for (const arg of argv) {
    if (arg === '--') continue;
    if (arg === '--quick') quick = true;
    else if (arg === '--build-client') buildClient = true;
    else if (arg.startsWith('--runs=')) {
      runs = Number(arg.slice('--runs='.length));
      if (!Number.isInteger(runs) || runs < 1 || runs > 20)
        throw new Error('--runs must be a whole number from 1 to 20');
    } else if (arg.startsWith('--only=')) {
      const names = arg.slice('--only='.length).split(',');
      const unknown = names.filter((n) => !(n in BENCHES));
      if (unknown.length > 0)
        throw new Error(`unknown bench ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
      only = names as BenchName[];
    } else {
      throw new Error(`unknown option ${arg} (see bench/src/main.ts)`);
    }
  }
  return { only, runs, quick, buildClient };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const started = new Date();
  const loadBefore = loadavg();
  const names = options.only ?? (Object.keys(BENCHES) as BenchName[]);
  const log = (message: string) => process.stderr.write(`${message}\n`);
  const scratch = mkdtempSync(path.join(tmpdir(), 'xiaojia-bench-'));
  const figures: Figure[] = [];
  try {
    log('bundling the API and the baseline');
    const bundles = await buildBundles();
    const needsData = names.some(
      (n) =>
        n === 'list' || n === 'timeline' || n === 'uploads' || n === 'startup' || n === 'feed' || n === 'community',
    );
    const mainHomePhotos = options.quick ? 20_000 : 100_000;
    log(needsData ? `seeding a home of ${mainHomePhotos} photos among 21 homes` : 'no seeded data needed');
    const seeded = needsData
      ? await seed({
          dataDir: path.join(scratch, 'data'),
          mainHomePhotos,
          memberShare: 0.2,
          otherUsers: 19,
          otherUserPhotos: options.quick ? 1_000 : 5_000,
        })
      : null;
    for (const name of names) {
      log(`== ${name}`);
      const ctx: BenchContext = {
        bundles,
        // Benches that need no data never read it.
        seeded: seeded as NonNullable<typeof seeded>,
        runs: options.runs,
        quick: options.quick,
        scratch,
        buildClient: options.buildClient,
        log,
      };
      figures.push(...(await BENCHES[name](ctx)));
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  const info = runInfo(repoRoot, started, { runs: options.runs, quick: options.quick, benches: names }, loadBefore);
  const full = !options.quick && options.only === null && options.runs >= 3;
  const resultsDir = path.join(repoRoot, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const base = path.join(resultsDir, full ? 'latest' : 'partial');
  writeFileSync(`${base}.md`, markdownReport(figures, info));
  writeFileSync(`${base}.json`, `${JSON.stringify({ info, figures }, null, 2)}\n`);
  if (full) updateBenchmarksDoc(markdownReport(figures, info, 3));
  process.stdout.write(`\n${markdownTable(figures)}\n\nwritten to ${path.relative(repoRoot, base)}.md and .json\n`);
}

const RESULTS_START = '<!-- bench:results:start (written by pnpm bench) -->';
const RESULTS_END = '<!-- bench:results:end -->';

/** Puts the latest full results into BENCHMARKS.md between its markers (left alone if they are missing). */
function updateBenchmarksDoc(report: string): void {
  const doc = path.join(repoRoot, 'BENCHMARKS.md');
  if (!existsSync(doc)) return;
  const text = readFileSync(doc, 'utf8');
  const start = text.indexOf(RESULTS_START);
  const end = text.indexOf(RESULTS_END);
  if (start === -1 || end < start) return;
  writeFileSync(doc, `${text.slice(0, start + RESULTS_START.length)}\n\n${report.trim()}\n\n${text.slice(end)}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

/**
 * 8. The timeline in the browser: the H5 build served by the API, driven in headless Chromium on a phone
 *    (390×844, touch, Asia/Shanghai), over a family library of 30,000 photos spread over ten years, seeded
 *    through the database with a real object in the embedded store behind every photo (lib/timeline-library.ts).
 *
 *    - Each run opens the timeline signed in (auth.signIn through the API, the token put where the app keeps
 *      it) and scrolls one screen at a time (window.scrollBy, then waiting until the view shows cells and no
 *      month placeholder) until the 200th, 2,000th and 20,000th photo is on screen. There it reads the DOM's
 *      element count and the JS heap after a forced GC, twice: on arrival, and once the parts left behind
 *      have been forgotten (part-queries.ts drops a month's part PART_GC_MS after it left the window: the bench
 *      waits for that deadline, counted from its last scroll). The second is the steady state the targets
 *      compare; the first shows what the bench's fast scrolling keeps for those seconds.
 *    - Time to append a page, at each depth: from the scroll that brings a part of a month not loaded yet
 *      (at most 50 photos, pages/timeline/parts.ts) into the grid's window to that part rendered as cells
 *      (no placeholder left anywhere in the window).
 *    - Scrub: a touch drag down #timeline-scrubber to its bottom, the oldest month (ten years back); time
 *      from the last touch move until that month's cells are on screen.
 *    - Pick to queue: 9 camera-sized JPEGs (~3.2 MB) set on the upload page's file input; time from the
 *      input's change event until 9 queue rows are painted (the member's own home, so nothing it uploads
 *      afterwards lands on the family's timeline).
 *
 *    Run it alone: `pnpm bench --only=timeline-client` (add `--build-client` to rebuild the H5 site first; it
 *    is built when apps/client/dist/h5 is missing). `--quick`: 6,000 photos, depths 200 / 2,000 / 5,000.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { trpc } from '../../../e2e/src/api-process.js';
import { launchBrowser } from '../../../e2e/src/browser.js';
import { h5Dir } from '../../../e2e/src/paths.js';
import type { Region, StepResult } from '../browser/timeline-probe.js';
import { repoRoot } from '../lib/build.js';
import { buildClient, builtAt } from '../lib/client-build.js';
import type { BenchContext } from '../lib/context.js';
import { jpegVariant, photoJpeg } from '../lib/images.js';
import { heapAfterGc, openPhonePage, type PhonePage, probeScript, touchDrag, within } from '../lib/phone-page.js';
import { waitForOk } from '../lib/processes.js';
import { startApi } from '../lib/servers.js';
import { compared, type Figure, median, sleep } from '../lib/stats.js';
import { type Library, PASSWORD, seedLibrary } from '../lib/timeline-library.js';

/** Appends timed at each depth (each a month's part coming into the window). */
const APPENDS = 3;
const PICKED_FILES = 9;
const MiB = 2 ** 20;

/** part-queries.ts's PART_GC_MS, read from the source so the bench's wait cannot drift from the app's rule. */
function partGcMs(): number {
  const source = readFileSync(path.join(repoRoot, 'apps/client/src/pages/timeline/part-queries.ts'), 'utf8');
  const value = /const PART_GC_MS = ([\d_]+);/.exec(source)?.[1];
  if (!value) throw new Error('part-queries.ts has no `const PART_GC_MS = <number>;` any more: update the bench');
  return Number(value.replaceAll('_', ''));
}

interface DepthReading {
  domArrival: number;
  heapArrival: number;
  dom: number;
  heap: number;
  /** Median of APPENDS appends right after this depth. */
  appendMs: number;
}

const step = (phone: PhonePage, region: Region, photoId: string) =>
  within(
    phone.page.evaluate(([r, id]) => window.timelineProbe.step(r, id), [region, photoId] as const),
    60_000,
    'a screen of the timeline',
  );

/** Scrolls from the top through `depths` photos, reading DOM, heap and append times at each. */
async function walk(phone: PhonePage, targets: string[], gcMs: number, log: (m: string) => void) {
  await phone.page.goto('/pages/timeline/index');
  await within(
    phone.page.evaluate(() => window.timelineProbe.settle('window')),
    60_000,
    'the timeline opening',
  );
  const readings: DepthReading[] = [];
  const stepMs: number[] = [];
  for (const target of targets) {
    let last: StepResult;
    do {
      last = await step(phone, 'view', target);
      stepMs.push(last.ms);
    } while (!last.reached);
    const lastScroll = Date.now();
    await phone.page.evaluate(() => window.timelineProbe.settle('window'));
    const domArrival = await phone.page.evaluate(() => window.timelineProbe.domNodes());
    const heapArrival = await heapAfterGc(phone.cdp);
    // The parts that left the window with the last scroll are dropped PART_GC_MS later (plus a timer's lateness).
    await sleep(Math.max(0, lastScroll + gcMs + 1000 - Date.now()));
    const dom = await phone.page.evaluate(() => window.timelineProbe.domNodes());
    const heap = await heapAfterGc(phone.cdp);
    const appends: number[] = [];
    while (appends.length < APPENDS) {
      const next = await step(phone, 'window', target);
      if (next.newMonth) appends.push(next.ms);
    }
    readings.push({ domArrival, heapArrival, dom, heap, appendMs: median(appends) });
    log(
      `    ${stepMs.length} screens: ${dom} nodes, ${(heap / MiB).toFixed(1)} MiB (on arrival ${domArrival}, ${(heapArrival / MiB).toFixed(1)} MiB), appends ${appends.map((ms) => ms.toFixed(0)).join(' / ')} ms`,
    );
  }
  return { readings, medianStepMs: median(stepMs), screens: stepMs.length };
}

/** Drags the scrubber from its top to its bottom; ms until the oldest month's cells are on screen. */
async function scrub(phone: PhonePage, oldestIds: string[]): Promise<number> {
  await phone.page.goto('/pages/timeline/index');
  await within(
    phone.page.evaluate(() => window.timelineProbe.settle('window')),
    60_000,
    'the timeline opening',
  );
  const track = await phone.page.locator('#timeline-scrubber').boundingBox();
  if (!track) throw new Error('no #timeline-scrubber on the timeline');
  await phone.page.evaluate(() => window.timelineProbe.armScrub());
  const shown = phone.page.evaluate((ids) => window.timelineProbe.scrubbed(ids), oldestIds);
  const x = track.x + track.width / 2;
  await touchDrag(phone.cdp, { x, y: track.y + 2 }, { x, y: track.y + track.height }, 8);
  return within(shown, 30_000, 'the oldest month after the scrub');
}

/** Picks `files` on the upload page; ms from the input's change event to their queue rows painted. */
async function pick(phone: PhonePage, files: string[]): Promise<number> {
  await phone.page.goto('/pages/upload/index');
  await phone.page.locator('#pick-album').waitFor();
  await phone.page.evaluate(() => window.timelineProbe.armPick());
  const chooser = phone.page.waitForEvent('filechooser');
  await phone.page.locator('#pick-album').click();
  const queued = phone.page.evaluate((rows) => window.timelineProbe.queued(rows), files.length);
  await (await chooser).setFiles(files);
  return within(queued, 30_000, 'the picked files in the queue');
}

/** Nine camera-sized JPEGs (4000×3000, 3.15 MB each, each its own bytes), written to `dir`. */
async function cameraFiles(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const photo = await photoJpeg(4000, 3000, 93);
  return Promise.all(
    Array.from({ length: PICKED_FILES }, async (_, i) => {
      const file = path.join(dir, `IMG_${1001 + i}.jpg`);
      await writeFile(file, jpegVariant(photo, `bench ${i}`));
      return file;
    }),
  );
}

async function signIn(origin: string, username: string): Promise<string> {
  const answer = await trpc<{ token: string }>(origin, 'mutation', 'auth.signIn', {
    username,
    password: PASSWORD,
    device: 'bench Chromium',
  });
  return answer.token;
}

/** Opens a page, runs `use`, and fails the bench if anything went wrong on the page meanwhile. */
async function onPhone<T>(
  browser: Browser,
  origin: string,
  token: string,
  probe: string,
  use: (p: PhonePage) => Promise<T>,
) {
  const phone = await openPhonePage(browser, origin, token, probe);
  try {
    const result = await use(phone);
    if (phone.problems.length > 0) throw new Error(`the page had problems:\n${phone.problems.slice(0, 10).join('\n')}`);
    return { result, refetched: phone.refetchedPages() };
  } finally {
    await phone.close();
  }
}

export async function benchTimelineClient(ctx: BenchContext): Promise<Figure[]> {
  if (ctx.buildClient || !existsSync(path.join(h5Dir, 'index.html'))) buildClient('build:h5', ctx.log);
  const photos = ctx.quick ? 6_000 : 30_000;
  const depths = ctx.quick ? [200, 2_000, 5_000] : [200, 2_000, 20_000];
  const gcMs = partGcMs();
  ctx.log(`  seeding a library of ${photos.toLocaleString('en')} photos over ten years, with objects`);
  const library: Library = await seedLibrary(path.join(ctx.scratch, 'timeline-client'), photos);
  const targets = await Promise.all(depths.map((n) => library.photoAt(n)));
  const oldest = await library.oldestMonth();
  const files = await cameraFiles(path.join(ctx.scratch, 'timeline-client-picks'));
  const probe = await probeScript();
  const { seeded } = library;
  const api = await startApi(ctx.bundles, {
    dataDir: seeded.dataDir,
    serverKey: seeded.serverKey,
    logLevel: 'warn',
    env: { XIAOJIA_H5_DIR: h5Dir },
  });
  const browser = await launchBrowser();
  try {
    await waitForOk(`${api.origin}/healthz`, api.child);
    const familyToken = await signIn(api.origin, 'family');
    const memberToken = await signIn(api.origin, 'grandma');
    const walks: Awaited<ReturnType<typeof walk>>[] = [];
    const scrubs: number[] = [];
    const picks: number[] = [];
    const refetched: string[] = [];
    for (let r = 0; r < ctx.runs; r++) {
      ctx.log(`  run ${r + 1}: scrolling through ${depths.map((n) => n.toLocaleString('en')).join(', ')} photos`);
      const walked = await onPhone(browser.browser, api.origin, familyToken, probe, (p) =>
        walk(p, targets, gcMs, ctx.log),
      );
      walks.push(walked.result);
      refetched.push(...walked.refetched);
      const scrubbed = await onPhone(browser.browser, api.origin, familyToken, probe, (p) => scrub(p, oldest.ids));
      scrubs.push(scrubbed.result);
      const picked = await onPhone(browser.browser, api.origin, memberToken, probe, (p) => pick(p, files));
      picks.push(picked.result);
      ctx.log(
        `    a screen settles in ${walked.result.medianStepMs.toFixed(0)} ms (median of ${walked.result.screens}); scrub ${scrubbed.result.toFixed(0)} ms; pick to queue ${picked.result.toFixed(0)} ms`,
      );
    }
    return figures({ walks, scrubs, picks, depths, oldestMonth: oldest.month, refetched, photos });
  } finally {
    await browser.stop();
    await api.child.stop();
    await library.close();
  }
}

function figures(all: {
  walks: { readings: DepthReading[] }[];
  scrubs: number[];
  picks: number[];
  depths: number[];
  oldestMonth: string;
  refetched: string[];
  photos: number;
}): Figure[] {
  const { walks, depths } = all;
  const at = (i: number, read: (d: DepthReading) => number) => walks.map((w) => read(w.readings[i] as DepthReading));
  const n = (i: number) => (depths[i] as number).toLocaleString('en');
  const first = `after ${n(0)} photos`;
  const deepest = depths.length - 1;
  const build = builtAt(path.join(h5Dir, 'index.html'));
  const refetchNote =
    all.refetched.length === 0 ? 'no part was fetched twice' : `${all.refetched.length} part pages fetched twice`;
  const library = `a library of ${all.photos.toLocaleString('en')} photos over ten years`;
  const perDepth = (
    i: number,
    id: string,
    what: string,
    unit: string,
    read: (d: DepthReading) => number,
    target?: Figure['target'],
  ) =>
    compared(
      {
        id,
        name: `${what} after scrolling through ${n(i)} photos`,
        unit,
        baselineName: first,
        ...(target ? { target } : {}),
      },
      at(i, read),
      at(0, read),
    );
  const mib = (d: DepthReading) => d.heap / MiB;
  return [
    {
      ...perDepth(deepest, '8a', 'DOM elements (steady)', 'nodes', (d) => d.dom, { on: 'ratio', op: '<=', limit: 1.2 }),
      note: `${library}; H5 ${build}`,
    },
    perDepth(1, '8b', 'DOM elements (steady)', 'nodes', (d) => d.dom),
    perDepth(deepest, '8c', 'JS heap after GC (steady: parts left forgotten)', 'MiB', mib, {
      on: 'ratio',
      op: '<=',
      limit: 1.2,
    }),
    perDepth(1, '8d', 'JS heap after GC (steady)', 'MiB', mib),
    perDepth(
      deepest,
      '8e',
      'JS heap after GC on arrival (parts left in the last seconds still kept)',
      'MiB',
      (d) => d.heapArrival / MiB,
    ),
    {
      ...perDepth(deepest, '8f', 'time to append a part', 'ms', (d) => d.appendMs, {
        on: 'ratio',
        op: '<=',
        limit: 1.2,
      }),
      note: refetchNote,
    },
    perDepth(1, '8g', 'time to append a part', 'ms', (d) => d.appendMs),
    {
      id: '8h',
      name: `scrub to the bottom (${all.oldestMonth}, ten years back): last touch move to its cells on screen`,
      unit: 'ms',
      value: median(all.scrubs),
      runs: all.scrubs,
      target: { on: 'value', op: '<', limit: 500 },
    },
    {
      id: '8i',
      name: `pick ${PICKED_FILES} JPEGs of ~3.2 MB: change event to ${PICKED_FILES} queue rows painted`,
      unit: 'ms',
      value: median(all.picks),
      runs: all.picks,
      target: { on: 'value', op: '<', limit: 300 },
    },
  ];
}

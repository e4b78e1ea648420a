/**
 * A phone-sized, touch, Chinese page of the H5 app in headless Chromium (e2e/src/browser.ts), signed in,
 * with the timeline probe (browser/timeline-probe.ts) in every document, a CDP session for the heap and
 * for touch input, and a record of what went wrong on the way (HTTP errors, failed images, page errors),
 * so a measurement never silently includes a retry.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { PHONE, useSession } from '../../../e2e/src/browser.js';
import { TIME_ZONE } from './timeline-library.js';

const probeEntry = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'browser', 'timeline-probe.ts');

/** The probe as one script for the page (an IIFE: no module loader there). */
export async function probeScript(): Promise<string> {
  const result = await build({
    entryPoints: [probeEntry],
    bundle: true,
    format: 'iife',
    target: 'chrome120',
    write: false,
    logLevel: 'warning',
  });
  return result.outputFiles[0]?.text ?? '';
}

export interface PhonePage {
  page: Page;
  cdp: CDPSession;
  /** HTTP answers >= 400, failed requests (other than ones the page cancelled) and page errors so far. */
  problems: string[];
  /** photos.list pages asked for more than once (a month fetched again), by their input. */
  refetchedPages(): string[];
  close(): Promise<void>;
}

/** The inputs of the photos.list calls in a tRPC URL (batched or not). */
function listInputs(url: URL): string[] {
  const procedures = url.pathname.replace(/^\/trpc\//, '').split(',');
  const raw = url.searchParams.get('input');
  if (!raw || !procedures.includes('photos.list')) return [];
  const input = JSON.parse(raw) as Record<string, unknown>;
  const batched = url.searchParams.get('batch') === '1';
  return procedures.flatMap((name, i) =>
    name === 'photos.list' ? [JSON.stringify(batched ? input[String(i)] : input)] : [],
  );
}

export async function openPhonePage(
  browser: Browser,
  origin: string,
  token: string,
  probe: string,
): Promise<PhonePage> {
  const context: BrowserContext = await browser.newContext({ ...PHONE, timezoneId: TIME_ZONE, baseURL: origin });
  await useSession(context, token);
  await context.addInitScript({ content: probe });
  const page = await context.newPage();
  const problems: string[] = [];
  const listCalls = new Map<string, number>();
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => {
    // A thumbnail scrolled out of the window is removed, and the browser cancels its download.
    const error = request.failure()?.errorText ?? '';
    if (!error.includes('ERR_ABORTED')) problems.push(`${error} ${request.url()}`);
  });
  page.on('request', (request) => {
    for (const input of listInputs(new URL(request.url()))) listCalls.set(input, (listCalls.get(input) ?? 0) + 1);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  const cdp = await context.newCDPSession(page);
  return {
    page,
    cdp,
    problems,
    refetchedPages: () => [...listCalls].filter(([, n]) => n > 1).map(([input]) => input),
    close: () => context.close(),
  };
}

/** The page's JS heap in use after a full garbage collection, bytes. */
export async function heapAfterGc(cdp: CDPSession): Promise<number> {
  // A second collection frees what the first only made unreachable (finalizers, weak maps).
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

/** Drags a finger from `from` to `to` (page pixels) in `moves` steps, as a real touch sequence. */
export async function touchDrag(
  cdp: CDPSession,
  from: { x: number; y: number },
  to: { x: number; y: number },
  moves: number,
): Promise<void> {
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [from] });
  for (let i = 1; i <= moves; i++) {
    const f = i / moves;
    const point = { x: from.x + (to.x - from.x) * f, y: from.y + (to.y - from.y) * f };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

/** `promise`, or an error naming `what` once `ms` passed: a page that never settles must fail the bench, not hang it. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not done within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

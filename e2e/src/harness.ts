/**
 * The e2e harness: the real, built API server serving the real H5 build, and headless Debian Chromium
 * driven through playwright-core. Every e2e test file uses it as:
 *
 *   const app = await startApp();          // server on a free port, fresh data dir
 *   const page = await app.newPage();      // fresh browser context each time
 *   ...
 *   await app.stop();                      // in afterAll: browser, server, temp dir
 *
 * The browser itself (Chromium, the phone, the session in storage) is browser.ts, which the bench uses too.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { expect } from 'vitest';
import { type ApiProcess, startApi } from './api-process.js';
import { launchBrowser, type RunningBrowser } from './browser.js';
import { artifactsDir, h5Dir, repoRoot, serverEntry } from './paths.js';

export {
  CHROMIUM_PATH,
  findChromium,
  launchBrowser,
  PHONE,
  type RunningBrowser,
  sessionToken,
  useHome,
  useSession,
} from './browser.js';
export { artifactsDir, freePort, h5Dir, repoRoot, serverEntry } from './paths.js';

function requireBuilt(file: string, how: string): void {
  if (!existsSync(file)) throw new Error(`e2e: ${path.relative(repoRoot, file)} is missing; build it first: ${how}`);
}

export interface RunningServer {
  url: string;
  dataDir: string;
  /** Everything the server wrote to stdout and stderr, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts apps/api/dist/main.js on a free port with a fresh data dir, serving the H5 build. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  requireBuilt(serverEntry, 'pnpm --filter @xiaojia/api build');
  requireBuilt(path.join(h5Dir, 'index.html'), 'pnpm --filter @xiaojia/client build:h5');
  const dataDir = await mkdtemp(path.join(tmpdir(), 'xiaojia-e2e-'));
  let api: ApiProcess;
  try {
    api = await startApi(
      { HOME: process.env.HOME ?? dataDir, XIAOJIA_DATA_DIR: dataDir, XIAOJIA_H5_DIR: h5Dir, ...env },
      { cwd: dataDir },
    );
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: api.url,
    dataDir,
    output: api.output,
    async stop() {
      await api.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type TrackedPage = Page & { consoleErrors: string[]; failedResponses: string[] };

export interface App {
  server: RunningServer;
  browser: Browser;
  /**
   * A page in a fresh context (own storage), collecting console errors and HTTP answers >= 400; `options`
   * shape the context (PHONE for a Chinese phone), its baseURL is the server.
   */
  newPage(options?: BrowserContextOptions): Promise<TrackedPage>;
  /** Saves a full-page PNG under e2e/artifacts/<name>.png and returns its path. */
  screenshot(page: Page, name: string): Promise<string>;
  /** Stops browser and server; safe to call more than once and after a failed start. */
  stop(): Promise<void>;
}

export async function startApp(env: Record<string, string> = {}): Promise<App> {
  const server = await startServer(env);
  let running: RunningBrowser;
  try {
    running = await launchBrowser();
  } catch (error) {
    await server.stop();
    throw error;
  }
  const contexts: BrowserContext[] = [];
  let stopped = false;
  return {
    server,
    browser: running.browser,
    async newPage(options = {}) {
      const context = await running.browser.newContext({ ...options, baseURL: server.url });
      contexts.push(context);
      const page: TrackedPage = Object.assign(await context.newPage(), {
        consoleErrors: [] as string[],
        failedResponses: [] as string[],
      });
      page.on('response', (response) => {
        if (response.status() >= 400) page.failedResponses.push(`${response.status()} ${response.url()}`);
      });
      page.on('console', (message) => {
        // Chromium logs every HTTP error answer too; those are in failedResponses, with their URL.
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
          page.consoleErrors.push(message.text());
        }
      });
      page.on('pageerror', (error) => page.consoleErrors.push(error.message));
      return page;
    },
    async screenshot(page, name) {
      mkdirSync(artifactsDir, { recursive: true });
      const file = path.join(artifactsDir, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const context of contexts) await context.close().catch(() => undefined);
      await running.stop();
      await server.stop();
    },
  };
}

/** Taro's H5 router switches pages with history.pushState: poll the URL instead of waiting for a load. */
export async function atPage(page: Page, name: string, timeout = 15_000): Promise<void> {
  await expect.poll(() => new URL(page.url()).pathname, { timeout }).toBe(`/pages/${name}/index`);
}

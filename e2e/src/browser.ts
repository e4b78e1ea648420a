/**
 * Headless Debian Chromium through playwright-core, a phone-shaped context, and the H5 app's session in
 * its storage: what the e2e harness and the client bench (bench/src/benches/timeline-client.ts) share.
 * Nothing here depends on vitest, so the bench can import it.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Without the background-networking flags Chromium keeps calling home on a closed network. */
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Fails (never skips): a missing browser must not turn the e2e suite green. */
export function findChromium(executable = CHROMIUM_PATH): string {
  if (!existsSync(executable)) {
    throw new Error(
      `e2e: Chromium not found at ${executable}. Install it with \`apt-get install -y chromium\` (Debian, as root), then run the tests again.`,
    );
  }
  return executable;
}

export interface RunningBrowser {
  browser: Browser;
  stop(): Promise<void>;
}

/** Headless Debian Chromium with a throwaway profile. */
export async function launchBrowser(): Promise<RunningBrowser> {
  const executablePath = findChromium();
  const profileDir = await mkdtemp(path.join(tmpdir(), 'xiaojia-chromium-'));
  // A persistent context is the only way to choose the profile dir; its browser() hosts further contexts.
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath,
      headless: true,
      args: CHROMIUM_FLAGS,
    });
  } catch (error) {
    await rm(profileDir, { recursive: true, force: true });
    throw error;
  }
  const browser = context.browser();
  if (!browser) {
    await context.close();
    throw new Error('e2e: Chromium started without a browser handle');
  }
  return {
    browser,
    stop: async () => {
      await context.close().catch(() => undefined);
      await rm(profileDir, { recursive: true, force: true });
    },
  };
}

/** A phone held by a Chinese-speaking user (Chromium's own default is a desktop in en-US). */
export const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  hasTouch: true,
  isMobile: true,
  locale: 'zh-CN',
};

/** Where the H5 app keeps the bearer token (Taro's setStorage wraps each value as `{ data }`). */
const SESSION_KEY = 'xiaojia.sessionToken';

/** The bearer token the H5 app keeps in localStorage. */
export async function sessionToken(page: Page): Promise<string> {
  const raw = await page.evaluate((key) => localStorage.getItem(key), SESSION_KEY);
  const value = raw ? (JSON.parse(raw) as { data?: unknown }).data : null;
  if (typeof value !== 'string') throw new Error(`no session token in storage: ${raw}`);
  return value;
}

/** Signs the page (or every page of the context) in as `token` from its first script on, as a sign-in leaves it. */
export async function useSession(target: Page | BrowserContext, token: string): Promise<void> {
  await target.addInitScript(([key, value]) => localStorage.setItem(key, JSON.stringify({ data: value })), [
    SESSION_KEY,
    token,
  ] as const);
}

/** Opens the app on `homeId` (as choosing that home, or joining it, leaves the app). */
export async function useHome(target: Page | BrowserContext, homeId: string): Promise<void> {
  await target.addInitScript(([key, value]) => localStorage.setItem(key, JSON.stringify({ data: value })), [
    'xiaojia.currentHomeId',
    homeId,
  ] as const);
}

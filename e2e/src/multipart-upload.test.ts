/**
 * Large files in parts through the H5 app into the embedded store (Qiniu's resumable upload v2): a photo
 * over the threshold goes as 8 MiB parts and arrives whole; then the server is killed (SIGKILL) while an
 * upload is half sent and the page closed, and after a restart on the same origin the reopened page lists
 * the interrupted upload, and picking the same file again sends only the parts the store does not hold.
 * Between the two, the network drops mid-upload (the browser goes offline): the upload says it waits,
 * sends nothing meanwhile, and when the network returns sends only the parts that had not arrived.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiProcess, ownHomeId, readOriginal, startApi, tinyJpeg, trpc } from './api-process.js';
import { atPage, freePort, h5Dir, launchBrowser, PHONE, type RunningBrowser, useSession } from './harness.js';

const MiB = 1024 * 1024;
const sha1 = (bytes: Buffer) => createHash('sha1').update(bytes).digest('hex');

describe('large uploads in parts (H5, embedded store)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'xiaojia-multipart-'));
  const dataDir = path.join(dir, 'data');
  const env = { XIAOJIA_DATA_DIR: dataDir, XIAOJIA_H5_DIR: h5Dir, HOME: dir };
  let port = 0;
  let server: ApiProcess | null = null;
  let browser: RunningBrowser | null = null;
  let context: BrowserContext | null = null;
  let token = '';
  let homeId = '';

  beforeAll(async () => {
    port = await freePort();
    server = await startApi(env, { cwd: dir, port });
    ({ token } = await trpc<{ token: string }>(server.url, 'mutation', 'auth.signUp', {
      username: `parts${Date.now() % 100000}`,
      password: 'first steps on video',
    }));
    homeId = await ownHomeId(server.url, token);
    browser = await launchBrowser();
    context = await browser.browser.newContext({ ...PHONE, baseURL: server.url });
    await useSession(context, token);
  }, 60_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.stop();
    await server?.kill9();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A decodable JPEG of `size` bytes (the tail after its end marker is random), written to disk to pick. */
  function bigPhoto(name: string, size: number): { file: string; bytes: Buffer } {
    const head = tinyJpeg(name);
    const bytes = Buffer.concat([head, randomBytes(size - head.length)]);
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    return { file, bytes };
  }

  async function uploadPage(): Promise<Page> {
    const page = await (context as BrowserContext).newPage();
    await page.goto('/');
    await page.locator('#open-upload').click();
    await atPage(page, 'upload');
    return page;
  }

  async function pick(page: Page, file: string): Promise<void> {
    const chooser = page.waitForEvent('filechooser');
    await page.locator('#pick-album').click();
    await (await chooser).setFiles([file]);
  }

  /** Part requests to the store as "PUT 2", "GET", "POST init", "POST complete". */
  function partRequests(page: Page): string[] {
    const seen: string[] = [];
    page.on('request', (request) => {
      const match = /\/uploads(?:\/([^/?]+)(?:\/(\d+))?)?(?:\?|$)/.exec(request.url());
      if (!match) return;
      const method = request.method();
      if (method === 'OPTIONS') return;
      if (match[2]) seen.push(`${method} ${match[2]}`);
      else if (match[1]) seen.push(method === 'POST' ? 'POST complete' : method);
      else seen.push('POST init');
    });
    return seen;
  }

  async function storedRecords(page: Page): Promise<{ parts: unknown[] }[]> {
    return page.evaluate(() =>
      Object.keys(localStorage)
        .filter((key) => key.startsWith('xiaojia.multipart:'))
        .map((key) => JSON.parse(JSON.parse(localStorage.getItem(key) as string).data)),
    );
  }

  async function photoNamed(filename: string): Promise<string> {
    const listed = await trpc<{ items: { id: string; filename: string; size: number }[] }>(
      (server as ApiProcess).url,
      'query',
      'photos.list',
      { homeId, limit: 50 },
      token,
    );
    const found = listed.items.filter((p) => p.filename === filename);
    expect(found).toHaveLength(1);
    return (found[0] as { id: string }).id;
  }

  it('sends a photo over the threshold in 8 MiB parts, and it arrives whole', async () => {
    const { file, bytes } = bigPhoto('big-one.jpg', 20 * MiB + 123);
    const page = await uploadPage();
    const requests = partRequests(page);
    await pick(page, file);
    await expect.poll(() => page.locator('#upload-overall-text').textContent(), { timeout: 90_000 }).toBe('上传完成');
    expect(requests.filter((r) => r.startsWith('PUT')).sort()).toEqual(['PUT 1', 'PUT 2', 'PUT 3']);
    expect(requests[0]).toBe('POST init');
    expect(requests.at(-1)).toBe('POST complete');
    const original = await readOriginal((server as ApiProcess).url, token, homeId, await photoNamed('big-one.jpg'));
    expect(sha1(original)).toBe(sha1(bytes));
    // Done: nothing kept on the device.
    expect(await storedRecords(page)).toEqual([]);
    await page.close();
  }, 120_000);

  it('the network drops mid-upload: the upload waits, says so, and carries on from its parts when it returns', async () => {
    const { file, bytes } = bigPhoto('big-offline.jpg', 20 * MiB + 99);
    const page = await uploadPage();
    const requests = partRequests(page);
    // Parts 2 and 3 are held on their way, as a dying connection holds them, until the network goes.
    const held: Route[] = [];
    const holding = /\/uploads\/[^/]+\/[23]$/;
    await page.route(holding, (route) => {
      held.push(route);
    });
    await pick(page, file);
    await expect.poll(() => storedRecords(page).then((r) => r[0]?.parts.length ?? 0), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => held.length, { timeout: 30_000 }).toBeGreaterThan(0);

    // Offline: the browser fires 'offline', the uploader cuts what is in flight and waits.
    await (context as BrowserContext).setOffline(true);
    for (const route of held) await route.abort('internetdisconnected').catch(() => undefined);
    await page.unroute(holding);
    const status = page.locator('.upload-item__status');
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe('网络断开了，恢复后自动继续');
    // Nothing is retried while offline, and nothing is lost: part 1 stays recorded on the device.
    const whileOffline = requests.length;
    expect((await storedRecords(page))[0]?.parts).toHaveLength(1);

    await (context as BrowserContext).setOffline(false);
    await expect.poll(() => page.locator('#upload-overall-text').textContent(), { timeout: 90_000 }).toBe('上传完成');
    const after = requests.slice(whileOffline);
    // The same upload went on: no new init, part 1 not sent again, parts 2 and 3 sent once each.
    expect(after).not.toContain('POST init');
    expect(after.filter((r) => r.startsWith('PUT')).sort()).toEqual(['PUT 2', 'PUT 3']);
    expect(requests.filter((r) => r === 'PUT 1')).toHaveLength(1);
    const original = await readOriginal((server as ApiProcess).url, token, homeId, await photoNamed('big-offline.jpg'));
    expect(sha1(original)).toBe(sha1(bytes));
    expect(await storedRecords(page)).toEqual([]);
    await page.close();
  }, 180_000);

  it('after kill -9 mid-upload and a restart, the reopened page resumes from the stored parts', async () => {
    const { file, bytes } = bigPhoto('big-two.jpg', 20 * MiB + 7);
    const first = await uploadPage();
    const firstRequests = partRequests(first);
    // Parts 2 and 3 never leave the browser: the server dies while they are "on their way".
    const held: Route[] = [];
    await first.route(/\/uploads\/[^/]+\/[23]$/, (route) => {
      held.push(route);
    });
    await pick(first, file);
    await expect.poll(() => storedRecords(first).then((r) => r[0]?.parts.length ?? 0), { timeout: 60_000 }).toBe(1);
    expect(firstRequests).toContain('PUT 1');
    await (server as ApiProcess).kill9();
    for (const route of held) await route.abort().catch(() => undefined);
    await first.close();

    server = await startApi(env, { cwd: dir, port });
    const page = await uploadPage();
    await expect
      .poll(() => page.locator('#upload-interrupted').textContent(), { timeout: 15_000 })
      .toContain('big-two.jpg · 已传 1/3 段');
    const requests = partRequests(page);
    await pick(page, file);
    await expect.poll(() => page.locator('#upload-overall-text').textContent(), { timeout: 90_000 }).toBe('上传完成');
    // The store was asked what it holds, and only the missing parts went; no new upload was started.
    expect(requests).toContain('GET');
    expect(requests).not.toContain('POST init');
    expect(requests.filter((r) => r.startsWith('PUT')).sort()).toEqual(['PUT 2', 'PUT 3']);
    expect(await page.locator('#upload-interrupted').count()).toBe(0);
    const original = await readOriginal(server.url, token, homeId, await photoNamed('big-two.jpg'));
    expect(sha1(original)).toBe(sha1(bytes));
    expect(await storedRecords(page)).toEqual([]);
    // Nothing half-written is listed: exactly the three photos.
    const listed = await trpc<{ items: unknown[] }>(server.url, 'query', 'photos.list', { homeId, limit: 50 }, token);
    expect(listed.items).toHaveLength(3);
    await page.close();
  }, 180_000);
});

/** The H5 server-status page (pages/home), served by the real server, reaches the API through the tRPC link. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, startApp } from './harness.js';

describe('H5 home page against the real server', () => {
  let app: App | undefined;
  let version = '';

  beforeAll(async () => {
    app = await startApp();
    const health = (await (await fetch(`${app.server.url}/healthz`)).json()) as { version: string };
    version = health.version;
  });

  afterAll(async () => {
    await app?.stop();
  });

  function running(): App {
    if (!app) throw new Error('the app did not start');
    return app;
  }

  it('shows the health.check answer and loads without errors', async () => {
    const page = await running().newPage();
    const scripts: { url: string; bytes: number; encoded: number }[] = [];
    page.on('requestfinished', async (request) => {
      if (request.resourceType() !== 'script') return;
      const sizes = await request.sizes();
      const body = await (await request.response())?.body();
      scripts.push({ url: request.url(), bytes: body?.length ?? 0, encoded: sizes.responseBodySize });
    });
    await page.goto('/pages/home/index');
    const status = page.locator('#health-status');
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe(`在线 · xiaojia ${version}`);
    await expect.poll(() => page.locator('#health-time').textContent()).toMatch(/服务器时间 \d{4}-\d\d-\d\dT/);
    await running().screenshot(page, 'home-health');

    const raw = scripts.reduce((sum, s) => sum + s.bytes, 0);
    const encoded = scripts.reduce((sum, s) => sum + s.encoded, 0);
    console.log(
      `H5 first load: ${scripts.length} scripts, ${(raw / 1024).toFixed(1)} KiB raw, ${(encoded / 1024).toFixed(1)} KiB transferred`,
    );
    expect(scripts.length).toBeGreaterThan(0);
    expect(page.failedResponses).toEqual([]);
    expect(page.consoleErrors).toEqual([]);
  });

  it('round-trips text through health.echo', async () => {
    const page = await running().newPage();
    await page.goto('/pages/home/index');
    await expect.poll(() => page.locator('#health-status').textContent(), { timeout: 15_000 }).toContain('在线');

    const text = `e2e 回声 ${Date.now()}`;
    await page.locator('#echo-input input').fill(text);
    await page.locator('#echo-send').click();
    await expect
      .poll(() => page.locator('#echo-result').textContent(), { timeout: 10_000 })
      .toBe(`服务器回答：${text}`);
    await running().screenshot(page, 'home-echo');
  });

  it('refuses empty echo text in the page before calling the server', async () => {
    const page = await running().newPage();
    await page.goto('/pages/home/index');
    await page.locator('#echo-input input').fill('');
    await page.locator('#echo-send').click();
    await expect.poll(() => page.locator('#echo-result').textContent()).toBe('发送失败：请输入 1 到 200 个字');
  });

  it('serves the page at its client route (SPA fallback for the browser router)', async () => {
    const page = await running().newPage();
    const response = await page.goto('/pages/home/index');
    expect(response?.status()).toBe(200);
    await expect.poll(() => page.locator('#health-status').textContent(), { timeout: 15_000 }).toContain('在线');
  });
});

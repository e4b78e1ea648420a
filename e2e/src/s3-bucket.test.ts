/**
 * An S3-compatible bucket end to end: the embedded S3 peer (SigV4-verifying, with the bucket's CORS rules)
 * on loopback stands in for MinIO or any custom endpoint. The owner binds it on the storage screen (the
 * server runs with XIAOJIA_S3_OWN_ENDPOINTS=true): first refused for missing CORS with the rule to paste,
 * then bound once the rule is there; then a photo goes from the browser to the bucket by presigned PUT.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../apps/api/src/integrations/clock.js';
import { S3Peer } from '../../apps/api/src/storage/embedded/s3/peer.js';
import { PEER_BUCKET, PEER_KEYS } from '../../apps/api/src/storage/embedded/s3/testing.js';
import { ownHomeId, tinyJpeg, trpc } from './api-process.js';
import { type App, atPage, PHONE, sessionToken, startApp, type TrackedPage } from './harness.js';

describe('an S3-compatible bucket', () => {
  let app: App | undefined;
  let server: Server | undefined;
  let endpoint = '';
  const dir = mkdtempSync(path.join(tmpdir(), 'xiaojia-s3-e2e-'));
  // No CORS rules yet: the first binding attempt must say so.
  const peer = new S3Peer({
    ...PEER_KEYS,
    dir: path.join(dir, 'peer'),
    clock: systemClock,
    buckets: { [PEER_BUCKET]: null },
  });
  const puts: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.method === 'PUT') puts.push(req.url ?? '');
      peer.handle(req, res).catch(() => res.destroy());
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    app = await startApp({ XIAOJIA_S3_OWN_ENDPOINTS: 'true' });
  });
  afterAll(async () => {
    await app?.stop();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  function running(): App {
    if (!app) throw new Error('the app did not start');
    return app;
  }
  const text = (page: TrackedPage, selector: string) => page.locator(selector).first().textContent();

  it(
    'binds the bucket on the storage screen and uploads a photo to it by PUT from the browser',
    { timeout: 120_000 },
    async () => {
      const page = await running().newPage(PHONE);
      const origin = running().server.url;
      await page.goto('/');
      await page.locator('#auth-switch').click();
      await page.locator('#username input').fill(`s3owner${Date.now() % 100000}`);
      await page.locator('#password input').fill('s3 bucket album 2026');
      await page.locator('#display-name input').fill('妈妈');
      await page.locator('#auth-submit').click();
      await atPage(page, 'timeline');

      await page.goto('/pages/storage/index');
      await expect.poll(() => text(page, '#storage-provider'), { timeout: 20_000 }).toBe('服务器自带存储');
      await page.locator('#bind-provider-custom').click();
      expect(await text(page, '#storage-guide')).toContain('XIAOJIA_S3_OWN_ENDPOINTS=true');
      expect(await text(page, '#storage-guide-cors')).toContain(origin);
      await page.locator('#bind-accessKey input').fill(PEER_KEYS.accessKey);
      await page.locator('#bind-secretKey input').fill(PEER_KEYS.secretKey);
      await page.locator('#bind-bucket input').fill(PEER_BUCKET);
      await page.locator('#bind-endpoint input').fill(endpoint);
      await running().screenshot(page, 's3-bind-form');
      await page.locator('#bind-submit').click();
      await expect
        .poll(() => text(page, '#bind-error'), { timeout: 20_000 })
        .toContain(`存储桶的跨域（CORS）规则不允许网页版从 ${origin} 上传`);
      expect(await text(page, '#bind-error-cors')).toContain('"ExposeHeaders"');
      await page.locator('#bind-error').scrollIntoViewIfNeeded();
      await running().screenshot(page, 's3-bind-cors-missing');

      // The owner pastes the rule: the bucket now allows the app's origin.
      peer.setCors(PEER_BUCKET, [
        { origins: [origin], methods: ['PUT', 'POST', 'GET', 'HEAD'], headers: ['*'], exposeHeaders: ['ETag'] },
      ]);
      await page.locator('#bind-submit').click();
      await expect
        .poll(() => text(page, '#storage-notice'), { timeout: 20_000 })
        .toBe(`已绑定空间「${PEER_BUCKET}」，验证通过`);
      expect(await text(page, '#storage-provider')).toBe('其他 S3 兼容（你的存储桶）');
      expect(await text(page, '#storage-endpoint')).toBe(endpoint);
      await running().screenshot(page, 's3-bound');

      // A photo through the page's file input: a presigned PUT straight to the bucket.
      const file = path.join(dir, 'garden.jpg');
      writeFileSync(file, tinyJpeg('garden'));
      await page.goto('/pages/timeline/index');
      await page.locator('#open-upload').click();
      await atPage(page, 'upload');
      const chooser = page.waitForEvent('filechooser');
      await page.locator('#pick-album').click();
      await (await chooser).setFiles([file]);
      await expect.poll(() => page.locator('#upload-overall-text').textContent(), { timeout: 30_000 }).toBe('上传完成');
      await running().screenshot(page, 's3-upload-done');
      expect(puts.some((url) => url.startsWith(`/${PEER_BUCKET}/`) && url.includes('X-Amz-Signature='))).toBe(true);

      const token = await sessionToken(page);
      const homeId = await ownHomeId(origin, token);
      const listed = await trpc<{ items: { filename: string; availability: string }[] }>(
        origin,
        'query',
        'photos.list',
        { homeId },
        token,
      );
      expect(listed.items.map((p) => [p.filename, p.availability])).toEqual([['garden.jpg', 'ok']]);
      await page.locator('#upload-back').click();
      await atPage(page, 'timeline');
      await expect.poll(() => page.locator('.photo-grid__cell').count(), { timeout: 15_000 }).toBe(1);
      await running().screenshot(page, 's3-timeline');
      expect(page.consoleErrors).toEqual([]);
    },
  );
});

/**
 * The albums, trash, storage and account screens of the H5 build against the real server: what a parent
 * does there, through the UI, checked against the server's own answers afterwards.
 */
import type { BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownHomeId, TrpcError, tinyJpeg, trpc, uploadAndConfirm } from './api-process.js';
import { type App, PHONE, startApp, type TrackedPage, useSession } from './harness.js';

interface Album {
  id: string;
  name: string;
  photoCount: number;
}
interface PhotoPage {
  items: { id: string }[];
}

describe('albums, trash, storage and account screens (H5, real server)', () => {
  let app: App | undefined;
  /** The session of a script (another "device"); the browser gets its own. */
  let scriptToken = '';
  let browserToken = '';
  /** The home sign-up made for grandma: every photo and album call names it. */
  let homeId = '';
  const photoIds: string[] = [];

  function running(): App {
    if (!app) throw new Error('the app did not start');
    return app;
  }

  const call = <T>(kind: 'query' | 'mutation', procedure: string, input?: unknown, token = scriptToken) =>
    trpc<T>(running().server.url, kind, procedure, input, token);

  beforeAll(async () => {
    app = await startApp();
    const url = app.server.url;
    ({ token: scriptToken } = await trpc<{ token: string }>(url, 'mutation', 'auth.signUp', {
      username: 'grandma',
      password: 'family photos 2026',
      displayName: '外婆',
      device: 'Setup script',
    }));
    ({ token: browserToken } = await trpc<{ token: string }>(url, 'mutation', 'auth.signIn', {
      username: 'grandma',
      password: 'family photos 2026',
      device: 'Chromium e2e',
    }));
    homeId = await ownHomeId(url, scriptToken);
    for (let i = 0; i < 4; i++) {
      photoIds.push(await uploadAndConfirm(url, scriptToken, homeId, tinyJpeg(`settings ${i}`)));
    }
  });

  afterAll(async () => {
    await app?.stop();
  });

  /** A phone (Chinese unless `options` say otherwise) signed in as the browser's device, opened at `route`. */
  async function signedIn(route: string, options: BrowserContextOptions = PHONE): Promise<TrackedPage> {
    const page = await running().newPage(options);
    await useSession(page, browserToken);
    await page.goto(route);
    return page;
  }

  const text = (page: TrackedPage, selector: string) => page.locator(selector).first().textContent();

  /** How far (px) the typed text's line sits from the middle of its input box: Taro's H5 input put it at the top. */
  const offCentre = (page: TrackedPage, field: string) =>
    page.evaluate((selector) => {
      const box = (document.querySelector(selector) as Element).getBoundingClientRect();
      const line = (document.querySelector(`${selector} input`) as Element).getBoundingClientRect();
      return Math.abs(box.top + box.height / 2 - (line.top + line.height / 2));
    }, field);

  it('follows an English phone in dark mode from the first page, tab bar and title included', async () => {
    const page = await signedIn('/pages/albums/index', { ...PHONE, locale: 'en-US', colorScheme: 'dark' });
    await expect.poll(() => page.title(), { timeout: 15_000 }).toBe('Albums');
    const colours = () =>
      page.evaluate(() => ({
        page: getComputedStyle(document.querySelector('#albums-page') as Element).backgroundColor,
        tabBar: getComputedStyle(document.querySelector('.weui-tabbar') as Element).backgroundColor,
        tabs: Array.from(document.querySelectorAll('.weui-tabbar__label'), (label) => label.textContent),
      }));
    await expect.poll(colours, { timeout: 15_000 }).toEqual({
      page: 'rgb(23, 19, 15)',
      tabBar: 'rgb(35, 29, 24)',
      tabs: ['Timeline', 'Albums', 'Discover', 'Activity', 'Me'],
    });
    await running().screenshot(page, 'albums-dark-en');
    // The phone turns light while the app is open.
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(colours).toEqual({
      page: 'rgb(255, 250, 243)',
      tabBar: 'rgb(255, 255, 255)',
      tabs: ['Timeline', 'Albums', 'Discover', 'Activity', 'Me'],
    });
    expect(page.consoleErrors).toEqual([]);
  });

  it('creates, fills, renames and deletes an album through the UI', async () => {
    const page = await signedIn('/pages/albums/index');
    await expect.poll(() => text(page, '#albums-empty'), { timeout: 15_000 }).toContain('还没有相册');
    await running().screenshot(page, 'albums-empty');

    await page.locator('#albums-create').click();
    await page.locator('#album-name-dialog-confirm').click();
    await expect.poll(() => text(page, '#album-name-dialog-error')).toBe('请给相册起个名字');
    await page.locator('#album-name-dialog-input input').fill('宝宝满月');
    expect(await offCentre(page, '#album-name-dialog-input')).toBeLessThan(1);
    await running().screenshot(page, 'albums-create-dialog');
    await page.locator('#album-name-dialog-confirm').click();
    await expect.poll(() => text(page, '#albums-notice')).toBe('已新建相册「宝宝满月」');
    const [created] = (await call<{ items: Album[] }>('query', 'albums.list', { homeId })).items;
    expect(created).toMatchObject({ name: '宝宝满月', photoCount: 0 });
    if (!created) throw new Error('no album');

    // Into the album, then add two photos picked from the timeline.
    await page.locator(`#album-${created.id}`).click();
    await expect.poll(() => text(page, '#album-name'), { timeout: 10_000 }).toBe('宝宝满月');
    await page.locator('#album-add').click();
    await page.locator(`#pick-grid #photo-${photoIds[0]}`).click();
    await page.locator(`#pick-grid #photo-${photoIds[2]}`).click();
    await expect.poll(() => text(page, '#selection-count')).toBe('已选 2 张');
    await running().screenshot(page, 'album-pick');
    await page.locator('#album-add-selected').click();
    await expect.poll(() => text(page, '#album-notice')).toBe('已加入 2 张');
    await expect.poll(() => text(page, '#album-count')).toBe('共 2 张');
    await expect.poll(() => page.locator('#album-grid [id^="photo-"]').count()).toBe(2);
    await running().screenshot(page, 'album-view');

    await page.locator('#album-rename').click();
    await page.locator('#album-name-dialog-input input').fill('满月');
    await page.locator('#album-name-dialog-confirm').click();
    await expect.poll(() => text(page, '#album-name')).toBe('满月');

    await page.locator('#album-delete').click();
    await expect.poll(() => text(page, '#album-delete-dialog')).toContain('里面的 2 张照片仍保留在时间线里');
    await running().screenshot(page, 'album-delete-confirm');
    await page.locator('#album-delete-dialog-confirm').click();
    // Back on the list, which no longer has it.
    await expect.poll(() => text(page, '#albums-empty'), { timeout: 10_000 }).toContain('还没有相册');
    // The line that announced it went with it.
    expect(await page.locator('#albums-notice').count()).toBe(0);
    expect((await call<{ items: Album[] }>('query', 'albums.list', { homeId })).items).toEqual([]);
    const timeline = await call<PhotoPage>('query', 'photos.list', { homeId, limit: 50 });
    expect(timeline.items.map((p) => p.id).sort()).toEqual([...photoIds].sort());
    expect(page.consoleErrors).toEqual([]);
  });

  it('restores from the trash and deletes forever through the UI', async () => {
    const [keep, purgeA, purgeB] = photoIds.slice(1);
    await call('mutation', 'photos.trash', { homeId, ids: [keep, purgeA, purgeB] });
    const page = await signedIn('/pages/trash/index');
    await expect.poll(() => page.locator('#trash-grid [id^="photo-"]').count(), { timeout: 15_000 }).toBe(3);
    expect(await text(page, '#trash-rule')).toContain('删除的照片会在回收站保留 30 天');
    expect(await text(page, '#trash-soonest')).toBe('最早放进来的一张将在 30 天后永久删除。');
    await running().screenshot(page, 'trash');

    await page.locator(`#photo-${keep}`).click();
    await page.locator('#trash-restore').click();
    await expect.poll(() => text(page, '#trash-notice')).toBe('已恢复 1 张，回到了时间线');
    await expect.poll(() => page.locator('#trash-grid [id^="photo-"]').count()).toBe(2);
    const timeline = await call<PhotoPage>('query', 'photos.list', { homeId, limit: 50 });
    expect(timeline.items.map((p) => p.id)).toContain(keep);

    await page.locator('#selection-all').click();
    await page.locator('#trash-purge').click();
    await expect.poll(() => text(page, '#purge-dialog')).toContain('永久删除 2 张照片？');
    await running().screenshot(page, 'trash-purge-confirm');
    await page.locator('#purge-dialog-confirm').click();
    await expect.poll(() => text(page, '#trash-notice')).toBe('已永久删除 2 张');
    await expect.poll(() => text(page, '#trash-empty')).toBe('回收站是空的。');
    await running().screenshot(page, 'trash-empty');
    expect((await call<PhotoPage>('query', 'photos.list', { homeId, trashed: true })).items).toEqual([]);
    await expect(call('query', 'photos.get', { homeId, id: purgeA })).rejects.toMatchObject({ appCode: 'NOT_FOUND' });
    expect(page.consoleErrors).toEqual([]);
  });

  it(
    'shows the embedded store and refuses a malformed binding in the page with a clear message',
    { timeout: 60_000 },
    async () => {
      const page = await signedIn('/pages/storage/index');
      const bindCalls: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('storage.bind')) bindCalls.push(request.url());
      });
      await expect.poll(() => text(page, '#storage-provider'), { timeout: 15_000 }).toBe('服务器自带存储');
      expect(await text(page, '#storage-guide')).toContain('访问控制一定选“私有”');
      await running().screenshot(page, 'storage-embedded');

      await page.locator('#bind-accessKey input').fill('AK-too-short');
      await page.locator('#bind-secretKey input').fill('secret with spaces in it!');
      await page.locator('#bind-bucket input').fill('Family_Photos');
      await page.locator('#bind-domain input').fill('img.example.com/photos');
      expect(await page.locator('#bind-secretKey input').getAttribute('type')).toBe('password');
      for (const field of ['accessKey', 'secretKey', 'bucket', 'domain']) {
        expect(await offCentre(page, `#bind-${field}`), field).toBeLessThan(1);
      }
      await page.locator('#bind-submit').click();
      await expect
        .poll(() => text(page, '#bind-error-accessKey'))
        .toBe('AccessKey 应是 20–64 位字母、数字、“_”或“-”，请从七牛控制台完整复制');
      expect(await text(page, '#bind-error-bucket')).toBe(
        '空间名称是 3–63 位小写字母、数字或“-”，且不能以“-”开头或结尾',
      );
      expect(await text(page, '#bind-error-domain')).toBe(
        '域名要带 http:// 或 https://，且只写到域名为止，例如 https://img.example.com',
      );
      await page.locator('#bind-submit').scrollIntoViewIfNeeded();
      await running().screenshot(page, 'storage-invalid');
      expect(bindCalls).toEqual([]);
      expect(page.consoleErrors).toEqual([]);
    },
  );

  it('lists the devices with this browser marked, and signs the other one out', async () => {
    const page = await signedIn('/pages/account/index');
    await expect.poll(() => text(page, '#account-name'), { timeout: 15_000 }).toBe('外婆');
    const devices = (await call<{ items: { id: string; label: string }[] }>('query', 'auth.devices')).items;
    const browser = devices.find((d) => d.label === 'Chromium e2e');
    const script = devices.find((d) => d.label === 'Setup script');
    if (!browser || !script) throw new Error(`unexpected devices ${JSON.stringify(devices)}`);
    await expect.poll(() => text(page, `#device-${browser.id} #device-current`)).toBe('本机');
    expect(await page.locator(`#device-${script.id} #device-current`).count()).toBe(0);
    expect(await page.locator(`#device-revoke-${browser.id}`).count()).toBe(0);
    // The revoke button stands beside the device's name on one line, as wide as its words.
    const label = await page.locator(`#device-${script.id} .account__device-label`).boundingBox();
    const revoke = await page.locator(`#device-revoke-${script.id}`).boundingBox();
    expect(label && revoke && label.width > 60 && revoke.width < 200 && revoke.x > label.x + label.width).toBe(true);
    await running().screenshot(page, 'account');

    await page.locator(`#device-revoke-${script.id}`).click();
    await expect.poll(() => text(page, '#revoke-dialog')).toContain('让「Setup script」退出登录？');
    await page.locator('#revoke-dialog-confirm').click();
    await expect.poll(() => text(page, '#account-notice')).toBe('已让该设备退出');
    await expect.poll(() => page.locator(`#device-${script.id}`).count()).toBe(0);
    const revoked = await call('query', 'auth.me').catch((error: unknown) => error);
    expect(revoked).toBeInstanceOf(TrpcError);
    expect(['UNAUTHENTICATED', 'SESSION_EXPIRED']).toContain((revoked as TrpcError).appCode);
    expect(page.consoleErrors).toEqual([]);
  });
});

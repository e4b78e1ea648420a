/**
 * Dark mode on what Taro draws outside our pages' own stylesheets, in the real browser: the navigation bar
 * above pages that are not tabs (welcome, an album) and a plain button (the album picker's Cancel) take
 * the theme's dark colours (theme.json, theme.css) and return to the light ones when the phone turns light.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownHomeId, tinyJpeg, trpc, uploadAndConfirm } from './api-process.js';
import { type App, atPage, PHONE, startApp, type TrackedPage } from './harness.js';

const DARK_PHONE = { ...PHONE, colorScheme: 'dark' as const };
/** theme.json's navBgColor and theme.css's --xj-surface-2 and --xj-text, as the browser computes them. */
const DARK = { bar: 'rgb(23, 19, 15)', barText: 'rgb(255, 255, 255)' };
const LIGHT = { bar: 'rgb(255, 250, 243)', barText: 'rgb(0, 0, 0)' };
const DARK_BUTTON = { background: 'rgb(46, 38, 32)', text: 'rgb(242, 233, 223)' };

describe('dark mode outside the pages (H5, real server)', () => {
  let app: App | undefined;
  let token = '';
  let homeId = '';
  let photoId = '';
  let albumId = '';

  function running(): App {
    if (!app) throw new Error('the app did not start');
    return app;
  }

  beforeAll(async () => {
    app = await startApp();
    const url = app.server.url;
    ({ token } = await trpc<{ token: string }>(url, 'mutation', 'auth.signUp', {
      username: 'night_owl',
      password: 'family photos 2026',
      displayName: '夜猫子',
      device: 'Setup script',
    }));
    homeId = await ownHomeId(url, token);
    photoId = await uploadAndConfirm(url, token, homeId, tinyJpeg('dark mode'));
    ({ id: albumId } = await trpc<{ id: string }>(url, 'mutation', 'albums.create', { homeId, name: '夜景' }, token));
  });

  afterAll(async () => {
    await app?.stop();
  });

  const navigationBar = (page: TrackedPage) =>
    page.evaluate(() => {
      const bar = getComputedStyle(document.querySelector('#taro-navigation-bar') as Element);
      return { bar: bar.backgroundColor, barText: bar.color };
    });

  async function signedIn(route: string): Promise<TrackedPage> {
    const page = await running().newPage(DARK_PHONE);
    await page.addInitScript(
      (value) => localStorage.setItem('xiaojia.sessionToken', JSON.stringify({ data: value })),
      token,
    );
    await page.goto(route);
    return page;
  }

  it("paints the welcome page's top bar dark, and light again when the phone turns light", async () => {
    const page = await running().newPage(DARK_PHONE);
    await page.goto('/');
    await expect.poll(() => page.locator('#auth-submit').count()).toBe(1);
    await expect.poll(() => navigationBar(page)).toEqual(DARK);
    await running().screenshot(page, 'welcome-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => navigationBar(page)).toEqual(LIGHT);
    expect(page.consoleErrors).toEqual([]);
  });

  it("paints an album's top bar dark once the album has loaded", async () => {
    const page = await signedIn(`/pages/album/index?id=${albumId}&home=${homeId}`);
    await expect.poll(() => page.locator('#album-name').textContent()).toBe('夜景');
    await expect.poll(() => navigationBar(page)).toEqual(DARK);
    expect(page.consoleErrors).toEqual([]);
  });

  it("draws the album picker's Cancel in the dark palette", async () => {
    const page = await signedIn(`/pages/viewer/index?id=${photoId}&home=${homeId}`);
    await atPage(page, 'viewer');
    await page.locator('#viewer-album').click();
    await expect.poll(() => page.locator('.viewer__album', { hasText: '夜景' }).count()).toBe(1);
    const cancel = () =>
      page.evaluate(() => {
        const style = getComputedStyle(document.querySelector('.viewer__picker-cancel') as Element);
        return { background: style.backgroundColor, text: style.color };
      });
    await expect.poll(cancel).toEqual(DARK_BUTTON);
    await running().screenshot(page, 'album-picker-dark');
    await page.locator('.viewer__picker-cancel').click();
    await expect.poll(() => page.locator('#album-picker').count()).toBe(0);
    expect(page.consoleErrors).toEqual([]);
  });
});

/**
 * The viewer and the pages around it under real touch input (Chromium's own touch pipeline through CDP,
 * not events made up in the page, so the browser's gestures, taps and clicks take part): a swipe right
 * shows the previous photo and stays in the viewer; the back button of the album and upload pages
 * returns (and, on a page opened first from a link, goes to its tab); the grid's thumbnail is in the
 * viewer while the preview is still held back; a long-press's sheet is still open once the finger lifts.
 */
import type { CDPSession, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownHomeId, tinyJpeg, trpc, uploadAndConfirm } from './api-process.js';
import { type App, atPage, PHONE, startApp, type TrackedPage } from './harness.js';

const USER = { username: `touch${Date.now() % 100000}`, password: 'tiny fingers 2026' };

interface Detail {
  previewUrl: string | null;
  prevId: string | null;
  nextId: string | null;
}

/** A finger on the touch screen, through the browser's input pipeline. */
class Finger {
  private constructor(private readonly cdp: CDPSession) {}

  static async of(page: Page): Promise<Finger> {
    return new Finger(await page.context().newCDPSession(page));
  }

  down(x: number, y: number) {
    return this.cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  }

  async moveTo(x: number, y: number) {
    await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y }] });
  }

  up() {
    return this.cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  }

  /** A drag from (x0, y) to (x1, y) in steps, as a finger moves. */
  async swipe(x0: number, x1: number, y: number) {
    await this.down(x0, y);
    for (let step = 1; step <= 8; step += 1) await this.moveTo(x0 + ((x1 - x0) * step) / 8, y);
    await this.up();
  }

  /**
   * Waits until the page has received a key pressed after everything this finger did: input reaches the
   * page in order, so whatever the browser made of the touches (a click, a context menu) has arrived too.
   */
  async settled(page: Page) {
    await page.evaluate(() => {
      (window as unknown as { keySeen: boolean }).keySeen = false;
      window.addEventListener('keydown', () => {
        (window as unknown as { keySeen: boolean }).keySeen = true;
      });
    });
    await this.cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Shift', code: 'ShiftLeft' });
    await this.cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Shift', code: 'ShiftLeft' });
    await expect.poll(() => page.evaluate(() => (window as unknown as { keySeen: boolean }).keySeen)).toBe(true);
  }
}

describe('the viewer under touch', () => {
  let app: App | undefined;
  let token = '';
  let homeId = '';
  /** Newest first, as the timeline lists them. */
  const photoIds: string[] = [];

  beforeAll(async () => {
    app = await startApp();
    const base = app.server.url;
    ({ token } = await trpc<{ token: string }>(base, 'mutation', 'auth.signUp', USER));
    homeId = await ownHomeId(base, token);
    for (const name of ['one', 'two', 'three'])
      photoIds.unshift(await uploadAndConfirm(base, token, homeId, tinyJpeg(name)));
  });

  afterAll(async () => {
    await app?.stop();
  });

  /** The back button of the page on screen (Taro keeps the pages under it in the document). */
  const backButton = (page: Page) => page.locator('#page-back:visible').first();

  function running(): App {
    if (!app) throw new Error('the app did not start');
    return app;
  }

  /** A phone already signed in (the token where the H5 app keeps it). */
  async function signedInPhone(): Promise<TrackedPage> {
    const page = await running().newPage(PHONE);
    await page.addInitScript((value) => {
      localStorage.setItem('xiaojia.sessionToken', JSON.stringify({ data: value }));
    }, token);
    return page;
  }

  const detail = (id: string) => trpc<Detail>(running().server.url, 'query', 'photos.get', { homeId, id }, token);
  /** A signed URL without its signature: the same photo variant whenever it was signed. */
  const unsigned = (url: string | null | undefined) => (url ? url.replace(/[?&]e=.*$/, '') : null);
  const previewShown = (page: Page) =>
    page.$eval('#viewer-image img', (img) => ({
      src: img.getAttribute('src'),
      loaded: (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0,
      hidden: Boolean(img.closest('.viewer__layer--loading')),
    }));

  /** Taps the timeline's photo `index` once its thumbnail has loaded; returns that thumbnail's URL. */
  async function openFromTimeline(page: Page, index: number): Promise<string | null> {
    await page.goto('/pages/timeline/index');
    const thumbnail = page.locator(`#photo-${photoIds[index]} img`);
    await expect
      .poll(() => thumbnail.evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: 15_000 })
      .toBeGreaterThan(0);
    const src = await thumbnail.getAttribute('src');
    await thumbnail.tap();
    await atPage(page, 'viewer');
    return src;
  }

  it('swipes right to the previous photo and stays in the viewer', async () => {
    const page = await signedInPhone();
    // Opened by its link: in headless Chromium the first touch after a tap that switched pages still goes
    // to the page left behind (the hidden timeline), which would hide what this test is about.
    await page.goto(`/pages/viewer/index?id=${photoIds[1]}&home=${homeId}`);
    const second = await detail(photoIds[1] ?? '');
    const first = await detail(photoIds[0] ?? '');
    await expect.poll(async () => unsigned((await previewShown(page)).src)).toBe(unsigned(second.previewUrl));
    const historyBefore = await page.evaluate(() => history.length);
    // What keeps a phone's browser from taking the swipe as its own pan or back gesture.
    const owned = await page.evaluate(() => ({
      touchAction: getComputedStyle(document.querySelector('.viewer__surface') as Element).touchAction,
      overscroll: getComputedStyle(document.documentElement).overscrollBehaviorX,
    }));
    expect(owned).toEqual({ touchAction: 'none', overscroll: 'none' });

    const finger = await Finger.of(page);
    // From the very left edge, where a browser's back gesture starts.
    await finger.swipe(4, 330, 400);
    await expect.poll(async () => unsigned((await previewShown(page)).src)).toBe(unsigned(first.previewUrl));
    await finger.settled(page);
    expect(new URL(page.url()).pathname).toBe('/pages/viewer/index');
    expect(await page.evaluate(() => history.length)).toBe(historyBefore);
    // The first photo has no newer neighbour: a second swipe right leaves it where it is.
    await finger.swipe(4, 330, 400);
    await finger.settled(page);
    expect(unsigned((await previewShown(page)).src)).toBe(unsigned(first.previewUrl));
    expect(page.consoleErrors).toEqual([]);
  });

  it("shows the grid's thumbnail before the photo's details and its preview arrive, then the preview", async () => {
    const page = await signedInPhone();
    const target = await detail(photoIds[2] ?? '');
    const previewUrl = unsigned(target.previewUrl);
    // Held until the test lets them go: the viewer's photos.get, then the preview image itself.
    const held = { details: [] as Route[], preview: [] as Route[] };
    const release = async (routes: Route[]) => {
      for (const route of routes.splice(0)) await route.continue();
    };
    let detailsFree = false;
    await page.route(
      (url) => url.pathname.startsWith('/trpc/') && url.pathname.includes('photos.get'),
      (route) => (detailsFree ? route.continue() : held.details.push(route)),
    );
    await page.route(
      (url) => unsigned(url.href) === previewUrl,
      (route) => held.preview.push(route),
    );
    const gridThumbnail = await openFromTimeline(page, 2);

    // Nothing from the server yet: the very image the grid showed, drawn over the whole stage.
    await expect.poll(() => held.details.length).toBeGreaterThan(0);
    const thumb = () =>
      page.$eval('#viewer-thumb img', (img) => ({
        src: img.getAttribute('src'),
        loaded: (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0,
        width: img.getBoundingClientRect().width,
      }));
    await expect.poll(thumb).toEqual({ src: gridThumbnail, loaded: true, width: PHONE.viewport?.width });
    expect(await page.locator('#viewer-image').count()).toBe(0);

    // The details arrive, the preview is on its way: still the thumbnail, the preview unseen beneath it.
    detailsFree = true;
    await release(held.details);
    await expect.poll(() => held.preview.length).toBeGreaterThan(0);
    expect(await thumb()).toMatchObject({ src: gridThumbnail, loaded: true });
    expect((await previewShown(page)).hidden).toBe(true);

    await release(held.preview);
    await expect.poll(() => previewShown(page)).toMatchObject({ loaded: true, hidden: false });
    await expect.poll(() => page.locator('#viewer-thumb').count()).toBe(0);
  });

  it('goes back from the upload and album pages, and to the tab from a page opened by a link', async () => {
    const page = await signedInPhone();
    await page.goto('/pages/timeline/index');
    await page.locator('#open-upload').tap();
    await atPage(page, 'upload');
    await backButton(page).tap();
    await atPage(page, 'timeline');

    const base = running().server.url;
    const album = await trpc<{ id: string }>(base, 'mutation', 'albums.create', { homeId, name: '周岁' }, token);
    await page.locator('.weui-tabbar__item', { hasText: '相册' }).tap();
    await atPage(page, 'albums');
    await page.locator(`#album-${album.id}`).tap();
    await atPage(page, 'album');
    await page.locator('#album-name').waitFor();
    await backButton(page).tap();
    await atPage(page, 'albums');

    // A shared link opens the album first: there is nothing to go back to, so back leads to the albums tab.
    const linked = await signedInPhone();
    await linked.goto(`/pages/album/index?id=${album.id}&home=${homeId}`);
    await linked.locator('#album-name').waitFor();
    await backButton(linked).tap();
    await atPage(linked, 'albums');
  });

  // Known weak spot: with long-press.ts's preventDefault taken out this still passed here (this headless
  // Chromium sent no click after the lift, and may fire no contextmenu at all), so it guards the outcome,
  // not the fix; the fix itself is unit-tested in components/PhotoGrid/long-press.test.ts.
  it('keeps the long-press sheet open once the finger lifts, with no menu of the browser', async () => {
    const page = await signedInPhone();
    await page.goto('/pages/timeline/index');
    const cell = page.locator(`#photo-${photoIds[0]}`);
    await cell.waitFor();
    const box = await cell.boundingBox();
    if (!box) throw new Error('photo cell not laid out');
    await page.evaluate(() => {
      const menus: boolean[] = [];
      (window as unknown as { menus: boolean[] }).menus = menus;
      // Listening on window after the page's own listeners: was the browser's menu let through?
      window.addEventListener('contextmenu', (event) => menus.push(event.defaultPrevented));
    });

    const finger = await Finger.of(page);
    const sheet = page.locator('.taro-actionsheet__cell', { hasText: '移到回收站' });
    await finger.down(box.x + box.width / 2, box.y + box.height / 2);
    // Held until the press counts as long: the sheet opens while the finger is still down.
    await sheet.waitFor();
    await finger.up();
    await finger.settled(page);
    expect(await sheet.isVisible()).toBe(true);
    const menus = await page.evaluate(() => (window as unknown as { menus: boolean[] }).menus);
    expect(menus.every((prevented) => prevented)).toBe(true);
  });
});

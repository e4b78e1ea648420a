/**
 * The whole album flow in the H5 build against the real server (embedded store), on a phone-sized
 * touch screen: sign up -> upload real JPEG and PNG files through the page's file input (progress seen,
 * a duplicate reported, each photo's ThumbHash made in the browser) -> thumbnails grouped by day ->
 * viewer, swipe, info -> add to an album -> trash -> restore (trash screen) -> long-press delete ->
 * delete forever -> signed out elsewhere, back to sign-in with a note; sign out from Me (one welcome
 * page, no note, Back too) and in again: the library is as it was left. Screenshots of each screen go to
 * e2e/artifacts/.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeholderOf } from '../../apps/client/src/lib/placeholder';
import { createUpload, ownHomeId, postUpload, trpc } from './api-process.js';
import { type App, atPage, PHONE, repoRoot, sessionToken, startApp, type TrackedPage } from './harness.js';

interface SharpImage {
  jpeg(options?: { quality?: number }): SharpImage;
  png(): SharpImage;
  withExif(exif: { IFD2: Record<string, string> }): SharpImage;
  toBuffer(): Promise<Buffer>;
  stats(): Promise<{ channels: { mean: number }[] }>;
}
type Sharp = (input: Buffer, options?: { raw: { width: number; height: number; channels: 3 } }) => SharpImage;

// The API's own image library makes the test photos: real encoders, real headers, real dimensions.
const sharp = createRequire(path.join(repoRoot, 'apps/api/package.json'))('sharp') as Sharp;

/** A noisy gradient (noise keeps the file from compressing to nothing, so progress has bytes to show). */
async function makePhoto(
  width: number,
  height: number,
  seed: number,
  format: 'jpeg' | 'png',
  exif?: { DateTimeOriginal: string; OffsetTimeOriginal: string },
): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  let state = seed;
  for (let i = 0; i < pixels.length; i += 3) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    const x = (i / 3) % width;
    pixels[i] = (x * 255) / width;
    pixels[i + 1] = (seed * 40) % 255;
    pixels[i + 2] = state & 0xff;
  }
  const image = sharp(pixels, { raw: { width, height, channels: 3 } });
  if (format === 'png') return image.png().toBuffer();
  const jpeg = image.jpeg({ quality: 92 });
  // libvips calls the Exif sub-IFD IFD2.
  return (exif ? jpeg.withExif({ IFD2: exif }) : jpeg).toBuffer();
}

/** 15:20 in Beijing on National Day 2024, as a phone camera writes it. */
const GRANDMA_TAKEN = { DateTimeOriginal: '2024:10:01 15:20:00', OffsetTimeOriginal: '+08:00' };

const USER = { username: `flow${Date.now() % 100000}`, password: 'baby steps 2026' };

describe('album flow in the H5 app', () => {
  let app: App | undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'xiaojia-flow-'));
  const files: string[] = [];

  beforeAll(async () => {
    const specs = [
      ['first-steps.jpg', 1600, 1200, 'jpeg'],
      ['portrait.jpg', 900, 1600, 'jpeg'],
      ['grandma.jpg', 1200, 1200, 'jpeg'],
      ['drawing.png', 800, 600, 'png'],
      ['screenshot.png', 600, 1000, 'png'],
    ] as const;
    for (const [index, [name, width, height, format]] of specs.entries()) {
      const file = path.join(dir, name);
      // Grandma's photo is an old one: the app reads when it was taken from its EXIF.
      const exif = name === 'grandma.jpg' ? GRANDMA_TAKEN : undefined;
      writeFileSync(file, await makePhoto(width, height, index + 1, format, exif));
      files.push(file);
    }
    app = await startApp();
  });

  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function running(): App {
    if (!app) throw new Error('the app did not start');
    return app;
  }

  async function phonePage(): Promise<TrackedPage> {
    return running().newPage({ ...PHONE, acceptDownloads: true });
  }

  const shot = (page: Page, name: string) => running().screenshot(page, `album-flow-${name}`);

  /** The welcome page is shown once, with its sign-in form and no note about an expired session. */
  async function signInFormOnly(page: Page): Promise<void> {
    await page.locator('#username input').waitFor();
    expect(await page.locator('.welcome').count()).toBe(1);
    expect(await page.locator('#auth-notice').count()).toBe(0);
  }

  async function gridIds(page: Page): Promise<string[]> {
    return page.$$eval('.photo-grid__cell', (cells) => cells.map((cell) => cell.id.replace(/^photo-/, '')));
  }

  it('takes a new family from sign-up to a tidy library, and keeps it across sign-out', async () => {
    const page = await phonePage();
    const base = running().server.url;

    // Welcome -> sign up. The scripts of this first load are what a new visitor downloads.
    const scripts: number[] = [];
    const countScripts = async (request: import('playwright-core').Request) => {
      if (request.resourceType() === 'script') scripts.push((await request.sizes()).responseBodySize);
    };
    page.on('requestfinished', countScripts);
    await page.goto('/');
    await page.locator('#auth-switch').waitFor();
    page.off('requestfinished', countScripts);
    const transferred = scripts.reduce((sum, bytes) => sum + bytes, 0);
    console.log(
      `H5 first load of the welcome page: ${scripts.length} scripts, ${(transferred / 1024).toFixed(1)} KiB transferred`,
    );
    await page.locator('#auth-switch').click();
    await shot(page, '01-sign-up');
    await page.locator('#username input').fill(USER.username);
    await page.locator('#password input').fill('short');
    await page.locator('#auth-submit').click();
    await expect.poll(() => page.locator('#auth-error').textContent()).toBe('密码至少 8 位');
    await page.locator('#password input').fill(USER.password);
    await page.locator('#auth-submit').click();
    await atPage(page, 'timeline', 15_000);
    await expect.poll(() => page.locator('#timeline-empty').textContent(), { timeout: 15_000 }).toContain('还没有照片');
    await shot(page, '02-timeline-empty');
    const session = await sessionToken(page);

    // One older photo (taken last year, from another family member's phone) through the API, so the
    // timeline has two days; the app picks it up when its own uploads finish.
    const older = await makePhoto(640, 480, 9, 'jpeg');
    const homeId = await ownHomeId(base, session);
    const ticket = await createUpload(base, session, homeId, older);
    expect(await postUpload(ticket, older)).toBe(200);
    await trpc(
      base,
      'mutation',
      'uploads.confirm',
      { homeId, key: ticket.key, width: 640, height: 480, takenAt: '2025-06-01T09:00:00.000Z' },
      session,
    );

    // Upload five real photos through the page's file input, watching the overall progress.
    await page.locator('#open-upload').click();
    await atPage(page, 'upload');
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      new MutationObserver(() => {
        const text = document.querySelector('#upload-overall-text')?.textContent;
        if (text && seen[seen.length - 1] !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const chooser = page.waitForEvent('filechooser');
    await page.locator('#pick-album').click();
    await (await chooser).setFiles(files);
    await expect.poll(() => page.locator('#upload-overall-text').textContent(), { timeout: 30_000 }).toBe('上传完成');
    const progress = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    // Seen on the way: a partial count / percentage before everything was done.
    expect(progress.some((text) => /^[0-4]\/5 张 · \d+%$/.test(text))).toBe(true);
    expect(await page.locator('.upload-item--done').count()).toBe(5);
    await shot(page, '03-upload-done');

    // The same photo again is reported as already there, not uploaded twice.
    const again = page.waitForEvent('filechooser');
    await page.locator('#pick-album').click();
    await (await again).setFiles([files[0] ?? '']);
    await expect
      .poll(() => page.locator('#upload-duplicates').textContent(), { timeout: 20_000 })
      .toBe('1 张已经在相册里了，没有重复上传');
    await shot(page, '04-upload-duplicate');

    await page.locator('#upload-back').click();
    await atPage(page, 'timeline');
    await expect.poll(() => gridIds(page).then((ids) => ids.length), { timeout: 15_000 }).toBe(6);
    const days = await page.$$eval('.photo-grid__day-text', (nodes) => nodes.map((n) => n.textContent));
    // Each old photo is alone in its month (months are laid out on their own), so each keeps a full header.
    expect(days).toEqual(['今天', '2025年6月1日 星期日', '2024年10月1日 星期二']);
    const listed = await trpc<{ items: { filename: string; takenAt: string | null; thumbhash: string | null }[] }>(
      base,
      'query',
      'photos.list',
      { homeId },
      session,
    );
    expect(listed.items.find((p) => p.filename === 'grandma.jpg')?.takenAt).toBe('2024-10-01T07:20:00.000Z');
    // Photos without EXIF (the PNGs, the other generated JPEGs) keep their upload time.
    expect(
      listed.items
        .filter((p) => p.takenAt === null)
        .map((p) => p.filename)
        .sort(),
    ).toEqual(['drawing.png', 'first-steps.jpg', 'portrait.jpg', 'screenshot.png']);
    // Each photo uploaded through the page carries the ThumbHash the browser made from its pixels, stored
    // and answered by the API: its placeholder has the photo's average colour (as libvips decodes the file).
    // The photo confirmed through the API without one has none.
    for (const file of files) {
      const name = path.basename(file);
      const placeholder = placeholderOf(listed.items.find((p) => p.filename === name)?.thumbhash ?? null);
      expect(placeholder?.url, name).toMatch(/^data:image\/png;base64,/);
      const painted = (/^rgb\((\d+), (\d+), (\d+)\)$/.exec(placeholder?.color ?? '') ?? []).slice(1).map(Number);
      const mean = (await sharp(readFileSync(file)).stats()).channels.slice(0, 3).map((channel) => channel.mean);
      const off = Math.max(...mean.map((channel, i) => Math.abs(channel - (painted[i] ?? Number.NaN))));
      expect(off, `${name}: painted ${placeholder?.color}, the photo's mean ${mean.map(Math.round)}`).toBeLessThan(16);
    }
    expect(listed.items.find((p) => p.filename === 'e2e.jpg')?.thumbhash).toBeNull();
    // Every thumbnail loaded from the embedded store, in a cell shaped like its photo.
    await expect
      .poll(
        () =>
          page.$$eval('.photo-grid__image img', (imgs) =>
            imgs.every((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0),
          ),
        { timeout: 15_000 },
      )
      .toBe(true);
    const shapes = await page.$$eval('.photo-grid__cell', (cells) =>
      cells.map((cell) => cell.getBoundingClientRect().width / cell.getBoundingClientRect().height),
    );
    expect(Math.max(...shapes) / Math.min(...shapes)).toBeGreaterThan(1.5);
    await shot(page, '05-timeline');
    const timeline = await gridIds(page);

    // Viewer: open the first photo, swipe left to the next, read its info.
    await page.locator('.photo-grid__cell').first().click();
    await atPage(page, 'viewer');
    const imageSrc = () => page.locator('#viewer-image img').getAttribute('src');
    await expect.poll(imageSrc, { timeout: 15_000 }).toMatch(/^http/);
    const firstSrc = await imageSrc();
    const stage = await page.locator('.viewer').boundingBox();
    if (!stage) throw new Error('viewer not laid out');
    const y = stage.y + stage.height / 2;
    await page.locator('.viewer__surface').dispatchEvent('touchstart', {
      touches: [{ identifier: 1, clientX: 320, clientY: y }],
      changedTouches: [{ identifier: 1, clientX: 320, clientY: y }],
    });
    await page.locator('.viewer__surface').dispatchEvent('touchend', {
      touches: [],
      changedTouches: [{ identifier: 1, clientX: 60, clientY: y + 5 }],
    });
    await expect.poll(imageSrc, { timeout: 10_000 }).not.toBe(firstSrc);
    const imageShown = () =>
      page.$eval(
        '#viewer-image img',
        (img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0,
      );
    await expect.poll(imageShown, { timeout: 10_000 }).toBe(true);
    await page.locator('#viewer-info').click();
    await expect.poll(() => page.locator('#viewer-info-panel').textContent()).toMatch(/尺寸: \d+ × \d+/);
    await shot(page, '06-viewer-info');
    const shownId = timeline[1] ?? '';

    // Add it to an album (created through the API) with the viewer's album picker.
    await trpc(base, 'mutation', 'albums.create', { homeId, name: '满月' }, session);
    await page.locator('#viewer-album').click();
    await page.locator('.viewer__album', { hasText: '满月' }).click();
    await expect
      .poll(
        async () =>
          (await trpc<{ albumIds: string[] }>(base, 'query', 'photos.get', { homeId, id: shownId }, session)).albumIds
            .length,
      )
      .toBe(1);
    await page.locator('#viewer-album').click();
    await expect.poll(() => page.locator('.viewer__album', { hasText: '满月' }).textContent()).toContain('已在此相册');
    await shot(page, '07-album-picker');
    await page.locator('.viewer__picker-cancel').click();

    // Trash it from the viewer: the viewer moves on, the timeline loses it, the trash has it.
    await page.locator('#viewer-trash').click();
    await expect
      .poll(async () =>
        (
          await trpc<{ items: { id: string }[] }>(base, 'query', 'photos.list', { homeId, trashed: true }, session)
        ).items.map((p) => p.id),
      )
      .toEqual([shownId]);
    await page.goBack();
    await atPage(page, 'timeline');
    await expect.poll(() => gridIds(page), { timeout: 10_000 }).toEqual(timeline.filter((id) => id !== shownId));

    const trashedIds = async () =>
      (
        await trpc<{ items: { id: string }[] }>(base, 'query', 'photos.list', { homeId, trashed: true }, session)
      ).items.map((p) => p.id);

    // The album screen shows the album; its one photo is in the trash now, so it counts none and has no cover
    // (it used to show the viewer picker's stale "1 张": the tab now reads its own page of albums).
    await page.locator('.weui-tabbar__item', { hasText: '相册' }).click();
    await atPage(page, 'albums');
    await expect.poll(() => page.locator('#albums-list').textContent(), { timeout: 10_000 }).toContain('满月');
    await expect.poll(() => page.locator('#albums-list').textContent()).toContain('0 张');
    await shot(page, '08-albums');

    // Me -> Trash: choose the photo, restore it; it is back on the timeline.
    await page.locator('.weui-tabbar__item', { hasText: '我的' }).click();
    await atPage(page, 'account');
    await page.locator('#account-link-trash').click();
    await atPage(page, 'trash');
    await page.locator(`#trash-grid #photo-${shownId}`).click();
    await shot(page, '09-trash-selected');
    await page.locator('#trash-restore').click();
    await expect.poll(trashedIds, { timeout: 10_000 }).toEqual([]);
    await expect.poll(() => page.locator('#trash-empty').count(), { timeout: 10_000 }).toBe(1);
    await page.goBack();
    await page.locator('.weui-tabbar__item', { hasText: '时间线' }).click();
    await atPage(page, 'timeline');
    await expect.poll(() => gridIds(page), { timeout: 10_000 }).toEqual(timeline);

    // Long-press on the timeline: the action sheet offers save and delete; delete moves it to the trash.
    const cell = page.locator(`#photo-${shownId}`);
    const box = await cell.boundingBox();
    if (!box) throw new Error('photo cell not laid out');
    const at = { identifier: 2, clientX: box.x + box.width / 2, clientY: box.y + box.height / 2 };
    // Held until the press counts as long (the sheet opens while the finger is still down), then lifted.
    const sheet = page.locator('.taro-actionsheet__cell', { hasText: '移到回收站' });
    await cell.dispatchEvent('touchstart', { touches: [at], changedTouches: [at], targetTouches: [at] });
    await sheet.waitFor();
    await cell.dispatchEvent('touchend', { touches: [], changedTouches: [at], targetTouches: [] });
    await shot(page, '10-long-press');
    await sheet.click();
    await expect.poll(trashedIds, { timeout: 10_000 }).toEqual([shownId]);
    await expect.poll(() => gridIds(page), { timeout: 10_000 }).toEqual(timeline.filter((id) => id !== shownId));

    // Delete forever from the trash, after the confirm.
    await page.locator('.weui-tabbar__item', { hasText: '我的' }).click();
    await page.locator('#account-link-trash').click();
    await atPage(page, 'trash');
    await page.locator(`#trash-grid #photo-${shownId}`).click();
    await page.locator('#trash-purge').click();
    await page.locator('#purge-dialog-confirm').click();
    await expect.poll(() => page.locator('#trash-empty').count(), { timeout: 10_000 }).toBe(1);
    expect(await trashedIds()).toEqual([]);
    await expect
      .poll(
        async () => (await trpc<{ items: unknown[] }>(base, 'query', 'photos.list', { homeId }, session)).items.length,
      )
      .toBe(timeline.length - 1);

    // Signed out elsewhere (the session is gone): the app goes back to sign-in with a note.
    await trpc(base, 'mutation', 'auth.signOut', undefined, session);
    await page.goto('/pages/timeline/index');
    await atPage(page, 'welcome', 15_000);
    await expect.poll(() => page.locator('#auth-notice').textContent()).toContain('登录已过期');
    // Said once: however many screens were refused, one welcome page.
    expect(await page.locator('.welcome').count()).toBe(1);
    await page.locator('#username input').fill(USER.username);
    await page.locator('#password input').fill('wrong password!');
    await page.locator('#auth-submit').click();
    await expect.poll(() => page.locator('#auth-error').textContent()).toMatch(/^用户名或密码不对/);
    await shot(page, '11-sign-in-error');
    await page.locator('#password input').fill(USER.password);
    await page.locator('#auth-submit').click();
    await atPage(page, 'timeline', 15_000);
    const remaining = timeline.filter((id) => id !== shownId);
    await expect.poll(() => gridIds(page), { timeout: 15_000 }).toEqual(remaining);

    // Sign out from Me (once it has loaded, as a person would): one plain welcome page, no word of expiry.
    await page.locator('.weui-tabbar__item', { hasText: '我的' }).click();
    await page.locator('#device-current').waitFor();
    await page.locator('#account-sign-out').click();
    await page.locator('#sign-out-dialog-confirm').click();
    await atPage(page, 'welcome', 15_000);
    await signInFormOnly(page);
    // Back after signing out reopens the trash page of the earlier session, with no session to use: the
    // app comes back to sign-in without saying anything expired either.
    await page.goBack();
    await atPage(page, 'welcome', 15_000);
    await signInFormOnly(page);

    // Sign in again: the same library, the album still holds nothing trashed.
    await page.locator('#username input').fill(USER.username);
    await page.locator('#password input').fill(USER.password);
    await page.locator('#auth-submit').click();
    await atPage(page, 'timeline', 15_000);
    await expect.poll(() => gridIds(page), { timeout: 15_000 }).toEqual(remaining);
    await shot(page, '12-timeline-after-sign-in');
    // The timeline is titled with the current home's name (sign-up made "<name>的家").
    expect(await page.title()).toBe(`${USER.username}的家`);
    // Dark mode follows the system: the same page redraws in theme.css's dark palette.
    const background = () =>
      page.evaluate(() => getComputedStyle(document.querySelector('.timeline') as Element).backgroundColor);
    expect(await background()).toBe('rgb(255, 250, 243)');
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await background()).toBe('rgb(23, 19, 15)');
    await shot(page, '13-timeline-dark');
    expect(page.consoleErrors).toEqual([]);
    // The only refusals all along: the timeline (asking first which homes the user is in) and the app's check
    // after the session was ended elsewhere, the wrong password, and the trash page reopened by Back (no
    // token: nothing to check with auth.me).
    // Signing out itself asks nothing more with the dead session.
    const refused = page.failedResponses.map((line) => line.replace(/^(\d+) .*\/trpc\/([^?]+).*$/, '$1 $2'));
    expect(refused).toEqual(['401 homes.list', '401 auth.me', '401 auth.signIn', '401 homes.list']);
  }, 180_000);
});

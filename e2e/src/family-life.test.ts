/**
 * Family life together in the H5 app, two people in two browsers (embedded store, nothing bound): 妈妈 owns
 * the home and uploads; 奶奶, a viewer (亲友) invited to it, likes a photo and comments on it in the viewer;
 * 妈妈 sees the unread badge on the 动态 tab, opens the feed and finds "奶奶赞了…" and the comment, and the
 * badge goes; 奶奶 cannot delete 妈妈's comment but deletes her own. Screenshots of the viewer's comments and
 * the feed, light and dark, go to the e2e artifacts.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownHomeId, TrpcError, tinyJpeg, trpc, uploadAndConfirm } from './api-process.js';
import { type App, atPage, PHONE, startApp, type TrackedPage, useHome, useSession } from './harness.js';

const PASSWORD = 'family album 2026';
const DARK_PHONE = { ...PHONE, colorScheme: 'dark' as const };

describe('likes, comments and the feed between two browsers', () => {
  let app: App | undefined;
  let base = '';
  let homeId = '';
  let momToken = '';
  let grandmaToken = '';
  const photos: string[] = [];

  function running(): App {
    if (!app) throw new Error('the app did not start');
    return app;
  }

  const signUp = async (username: string, displayName: string) =>
    (
      await trpc<{ token: string }>(base, 'mutation', 'auth.signUp', {
        username,
        password: PASSWORD,
        displayName,
        device: 'e2e',
      })
    ).token;

  beforeAll(async () => {
    app = await startApp();
    base = app.server.url;
    momToken = await signUp('mama_life', '妈妈');
    homeId = await ownHomeId(base, momToken);
    // 妈妈 uploads three photos (one upload entry in the feed), and invites 奶奶 as a viewer, who joins.
    for (const name of ['smile', 'bath', 'steps'])
      photos.push(await uploadAndConfirm(base, momToken, homeId, tinyJpeg(name)));
    const { code } = await trpc<{ code: string }>(
      base,
      'mutation',
      'invites.create',
      { homeId, role: 'viewer' },
      momToken,
    );
    grandmaToken = await signUp('nainai_life', '奶奶');
    await trpc(base, 'mutation', 'invites.accept', { code }, grandmaToken);
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
  });

  /** A browser signed in with `token`, showing 妈妈's home (as after joining it), at `route`. */
  async function signedIn(token: string, route: string, options = PHONE): Promise<TrackedPage> {
    const page = await running().newPage(options);
    await useSession(page, token);
    await useHome(page, homeId);
    await page.goto(route);
    return page;
  }

  const viewerOf = (photoId: string) => `/pages/viewer/index?id=${photoId}&home=${homeId}`;
  /** The photo 奶奶 likes and comments on: 妈妈's newest. */
  const newest = () => photos.at(-1) ?? '';
  const badge = (page: Page) => page.locator('.taro-tabbar-badge');
  const sentences = (page: Page) => page.locator('.feed__sentence').allTextContents();
  const comments = (page: Page) => page.locator('.comments__item').allTextContents();

  async function openComments(page: Page): Promise<void> {
    await expect.poll(() => page.locator('#social-bar.social--loading').count(), { timeout: 15_000 }).toBe(0);
    await page.locator('#social-comments').click();
    await expect.poll(() => page.locator('#comments').count()).toBe(1);
  }

  it('奶奶 likes and comments, 妈妈 sees it in the feed with the badge, and 奶奶 deletes only her own comment', async () => {
    // 奶奶, in the viewer on the newest photo: 赞, then a comment.
    const grandma = await signedIn(grandmaToken, viewerOf(newest()));
    await atPage(grandma, 'viewer');
    await expect.poll(() => grandma.locator('#social-bar.social--loading').count(), { timeout: 15_000 }).toBe(0);
    await grandma.locator('#social-like').click();
    await expect.poll(() => grandma.locator('#social-like').textContent()).toBe('♥ 已赞 1');
    await expect.poll(() => grandma.locator('#social-likers').textContent()).toBe('奶奶 赞了');
    await openComments(grandma);
    await grandma.locator('#comment-input textarea').fill('好可爱');
    await grandma.locator('#comment-send').click();
    await expect.poll(() => comments(grandma), { timeout: 15_000 }).toEqual(['奶奶刚刚删除好可爱']);

    // 妈妈 answers in a comment of her own (through the API: her browser is elsewhere).
    const mine = await trpc<{ id: string }>(
      base,
      'mutation',
      'comments.add',
      { homeId, photoId: newest(), text: '奶奶也来看啦' },
      momToken,
    );

    // 妈妈's app, on the timeline: the 动态 tab carries the badge (奶奶 joining, liking and commenting).
    const mom = await signedIn(momToken, '/pages/timeline/index');
    await atPage(mom, 'timeline');
    await expect.poll(() => badge(mom).textContent(), { timeout: 20_000 }).toBe('3');
    await running().screenshot(mom, 'family-life-01-badge');

    // She opens the feed: 奶奶's like and comment, marked new; her own upload below; the badge goes.
    await mom.locator('.weui-tabbar__item').nth(3).click();
    await atPage(mom, 'feed');
    await expect
      .poll(() => sentences(mom), { timeout: 15_000 })
      .toEqual([
        '妈妈评论了：奶奶也来看啦',
        '奶奶评论了：好可爱',
        '奶奶赞了 1 张照片',
        '奶奶加入了这个家',
        '妈妈上传了 3 张照片',
      ]);
    expect(await mom.locator('.feed__entry--unread').count()).toBe(3);
    await expect.poll(() => badge(mom).count(), { timeout: 15_000 }).toBe(0);
    expect(await mom.locator('.feed__cell').count()).toBeGreaterThanOrEqual(5);
    await running().screenshot(mom, 'family-life-02-feed-light');
    const unread = await trpc<{ count: number }>(base, 'query', 'activity.unread', { homeId }, momToken);
    expect(unread.count).toBe(0);

    // The feed's photo opens the viewer, where 妈妈 (the owner) may delete any comment.
    await mom.locator('.feed__cell').first().click();
    await atPage(mom, 'viewer');
    await openComments(mom);
    await expect.poll(() => mom.locator('.comments__delete').count(), { timeout: 15_000 }).toBe(2);

    // 奶奶 sees both comments; only hers can be deleted, and the server refuses 妈妈's.
    await grandma.reload();
    await openComments(grandma);
    await expect.poll(() => comments(grandma), { timeout: 15_000 }).toHaveLength(2);
    expect(await grandma.locator(`#comment-delete-${mine.id}`).count()).toBe(0);
    await running().screenshot(grandma, 'family-life-03-comments-light');
    const refused = await trpc(base, 'mutation', 'comments.delete', { homeId, commentId: mine.id }, grandmaToken).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(TrpcError);
    expect(refused).toMatchObject({ appCode: 'COMMENT_NOT_YOURS' });
    await grandma.locator('.comments__delete').click();
    await grandma.locator('#comment-delete-dialog-confirm').click();
    await expect.poll(() => comments(grandma), { timeout: 15_000 }).toEqual(['妈妈刚刚奶奶也来看啦']);

    for (const page of [mom, grandma]) expect(page.consoleErrors).toEqual([]);
  }, 180_000);

  it('draws the feed and the comments in dark mode', async () => {
    const mom = await signedIn(momToken, '/pages/feed/index', DARK_PHONE);
    await expect.poll(() => mom.locator('.feed__sentence').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const surface = await mom
      .locator('.feed__entry')
      .first()
      .evaluate((node) => getComputedStyle(node).backgroundColor);
    expect(surface).toBe('rgb(35, 29, 24)');
    await running().screenshot(mom, 'family-life-04-feed-dark');
    const grandma = await signedIn(grandmaToken, viewerOf(newest()), DARK_PHONE);
    await openComments(grandma);
    await expect.poll(() => comments(grandma), { timeout: 15_000 }).toHaveLength(1);
    const sheet = await grandma.locator('#comments').evaluate((node) => getComputedStyle(node).backgroundColor);
    expect(sheet).toBe('rgb(35, 29, 24)');
    await running().screenshot(grandma, 'family-life-05-comments-dark');
    for (const page of [mom, grandma]) expect(page.consoleErrors).toEqual([]);
  }, 120_000);
});

/**
 * 维扣图元's works half in the H5 app, two people in two browsers (embedded store, post-review): A uploads a
 * photo and publishes it from the viewer with a title and a tag; B finds it in 最新 and in the tag's feed,
 * opens it, likes it and comments; A replies; B follows A from A's profile; A sees the follower; A
 * unpublishes and B's feed no longer has it. Screenshots of the discover tab and the work page, zh and en,
 * light and dark, go to the e2e artifacts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownHomeId, tinyJpeg, trpc, uploadAndConfirm } from './api-process.js';
import { type App, atPage, PHONE, startApp, type TrackedPage, useHome, useSession } from './harness.js';

const PASSWORD = 'community works 2026';

describe('publishing a work and finding it, between two browsers', () => {
  let app: App | undefined;
  let base = '';
  let homeId = '';
  let aToken = '';
  let bToken = '';
  let aId = '';
  let photoId = '';
  let workId = '';

  function running(): App {
    if (!app) throw new Error('the app did not start');
    return app;
  }

  const signUp = async (username: string, displayName: string) =>
    trpc<{ token: string; user: { id: string } }>(base, 'mutation', 'auth.signUp', {
      username,
      password: PASSWORD,
      displayName,
      device: 'e2e',
    });

  beforeAll(async () => {
    app = await startApp({ XIAOJIA_COMMUNITY_REVIEW: 'post' });
    base = app.server.url;
    const a = await signUp('alice_works', 'Alice');
    aToken = a.token;
    aId = a.user.id;
    bToken = (await signUp('bob_works', 'Bob')).token;
    homeId = await ownHomeId(base, aToken);
    photoId = await uploadAndConfirm(base, aToken, homeId, tinyJpeg('lake'));
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
  });

  async function signedIn(token: string, route: string, options: object = PHONE): Promise<TrackedPage> {
    const page = await running().newPage(options);
    await useSession(page, token);
    await useHome(page, homeId);
    await page.goto(route);
    return page;
  }

  const workRoute = () => `/pages/work/index?workId=${workId}`;
  const card = (page: TrackedPage) => page.locator(`#work-card-${workId}`);

  it('A publishes a photo of theirs from the viewer with a title and a tag', async () => {
    const page = await signedIn(aToken, `/pages/viewer/index?id=${photoId}&home=${homeId}`);
    await page.locator('#viewer-publish').click({ timeout: 20_000 });
    await atPage(page, 'publish');
    await expect.poll(() => page.locator('#publish-notice').textContent()).toContain('计在你的存储账单上');
    await page.locator('#work-facts-title input').fill('湖边的早晨');
    await page.locator('#work-facts-tag input').fill('autumn');
    await page.locator('#work-facts-tag-add').click();
    await page.locator('#publish-submit').click();
    await atPage(page, 'work', 20_000);
    workId = new URL(page.url()).searchParams.get('workId') ?? '';
    expect(workId).not.toBe('');
    await expect.poll(() => page.locator('#work-title').textContent()).toBe('湖边的早晨');
    expect(page.consoleErrors).toEqual([]);
  });

  it('B finds it in 最新 and in the tag feed, likes it and comments', async () => {
    const page = await signedIn(bToken, '/pages/discover/index');
    await page.locator('#discover-segment-latest').click();
    await expect.poll(() => card(page).textContent()).toContain('湖边的早晨');
    await page.locator('#discover-tag-search input').fill('Autumn');
    await page.locator('#discover-tag-go').click();
    await atPage(page, 'tag');
    await card(page).click();
    await atPage(page, 'work');
    await expect.poll(() => page.locator('#work-like').textContent()).toBe('♡ 0');
    await page.locator('#work-like').click();
    await expect.poll(() => page.locator('#work-like').textContent()).toBe('♥ 1');
    await page.locator('#work-comment-input textarea').fill('真好看');
    await page.locator('#work-comment-send').click();
    await expect.poll(() => page.locator('.work-comment__text').allTextContents()).toEqual(['真好看']);
    expect(page.consoleErrors).toEqual([]);
  });

  it('A replies to the comment', async () => {
    const page = await signedIn(aToken, workRoute());
    await expect.poll(() => page.locator('.work-comment__text').allTextContents()).toEqual(['真好看']);
    await page.locator('[id^="work-reply-"]').first().click();
    await page.locator('#work-comment-input textarea').fill('谢谢！');
    await page.locator('#work-comment-send').click();
    await expect
      .poll(() => page.locator('.work-comment--reply .work-comment__text').allTextContents())
      .toEqual(['谢谢！']);
  });

  it('B follows A from the profile, and A sees the follower', async () => {
    const b = await signedIn(bToken, workRoute());
    await b.locator('#work-author .work__author-name').click();
    await atPage(b, 'profile');
    await b.locator('#profile-follow').click();
    await expect.poll(() => b.locator('#profile-follow').textContent()).toBe('已关注');
    await expect.poll(() => b.locator('#profile-count-followers').textContent()).toContain('1');

    const a = await signedIn(aToken, `/pages/profile/index?userId=${aId}`);
    await a.locator('#profile-count-followers').click();
    await expect.poll(() => a.locator('.cprofile__person').allTextContents()).toEqual(['Bob']);
  });

  it('shows the discover tab and the work page in both languages, light and dark', async () => {
    for (const locale of ['zh-CN', 'en-US'] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const options = { ...PHONE, locale, colorScheme };
        const discover = await signedIn(bToken, '/pages/discover/index', options);
        await discover.locator('#discover-segment-latest').click();
        await expect.poll(() => card(discover).count()).toBe(1);
        await running().screenshot(discover, `community-discover-${locale}-${colorScheme}`);
        const work = await signedIn(bToken, workRoute(), options);
        await expect.poll(() => work.locator('#work-title').textContent()).toBe('湖边的早晨');
        await running().screenshot(work, `community-work-${locale}-${colorScheme}`);
        expect([...discover.consoleErrors, ...work.consoleErrors]).toEqual([]);
      }
    }
  }, 120_000);

  it('A unpublishes, and B’s feed no longer shows it', async () => {
    const a = await signedIn(aToken, workRoute());
    await a.locator('#work-unpublish').click();
    await a.locator('#work-unpublish-dialog-confirm').click();
    await expect.poll(() => new URL(a.url()).pathname).not.toBe('/pages/work/index');

    const b = await signedIn(bToken, '/pages/discover/index');
    await b.locator('#discover-segment-latest').click();
    await expect.poll(() => b.locator('#discover-feed-empty').count()).toBe(1);
    expect(await card(b).count()).toBe(0);
  });
});

/**
 * The community's safety half in the H5 app, three browsers (embedded store), under pre-review
 * (XIAOJIA_COMMUNITY_REVIEW=pre): 阿明 (A) publishes a work from the viewer and the admin (made with
 * `xiaojia admin grant`) approves it in 审核; 小红 (B) and 阿明 follow each other from their profiles,
 * 小红 writes and 阿明 sees the message arrive without reloading (once the admin lets it through in 审核);
 * 阿明 reports it from the conversation and the admin finds the report with the message's text and
 * resolves it; the admin rejects the comment 小红 wrote on the work page with a reason she is told; 小红
 * blocks 阿明, whose next message is refused. Screenshots zh/en, light/dark. (The API is used to sign up,
 * to upload the photo, and to read what the server holds after each step.)
 */
import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownHomeId, runCli, tinyJpeg, trpc, uploadAndConfirm } from './api-process.js';
import { type App, atPage, PHONE, startApp, type TrackedPage, useHome, useSession } from './harness.js';

const PASSWORD = 'community safety 2026';
const EN_DARK: BrowserContextOptions = { ...PHONE, locale: 'en-US', colorScheme: 'dark' };
const ZH_DARK: BrowserContextOptions = { ...PHONE, colorScheme: 'dark' };

interface Person {
  token: string;
  userId: string;
}
interface Item {
  id: string;
  kind: string;
  targetId: string;
}

describe('messages, reports, review and blocks between three browsers', () => {
  let app: App | undefined;
  let base = '';
  let ming: Person;
  let hong: Person;
  let admin: Person;
  let workId = '';
  let homeId = '';
  let photoId = '';

  const running = (): App => {
    if (!app) throw new Error('the app did not start');
    return app;
  };

  async function signUp(username: string, displayName: string): Promise<Person> {
    const { token } = await trpc<{ token: string }>(base, 'mutation', 'auth.signUp', {
      username,
      password: PASSWORD,
      displayName,
      device: 'e2e',
    });
    const me = await trpc<{ id: string }>(base, 'query', 'auth.me', undefined, token);
    return { token, userId: me.id };
  }

  /** The pending review items of one kind, as the admin's API sees them. */
  const pending = async (kind: string) =>
    (await trpc<{ items: Item[] }>(base, 'query', 'moderation.queue', { kind, status: 'pending' }, admin.token)).items;

  beforeAll(async () => {
    app = await startApp({ XIAOJIA_COMMUNITY_REVIEW: 'pre' });
    base = app.server.url;
    ming = await signUp('aming_cs', '阿明');
    hong = await signUp('xiaohong_cs', '小红');
    admin = await signUp('admin_cs', '管理员');
    const granted = await runCli(['admin', 'grant', 'admin_cs'], { XIAOJIA_DATA_DIR: app.server.dataDir });
    expect(granted).toMatchObject({ code: 0 });
    expect(granted.output).toContain('is now a community admin');
    // 阿明's photo, uploaded through the API (album-flow drives uploads); he publishes it below.
    homeId = await ownHomeId(base, ming.token);
    photoId = await uploadAndConfirm(base, ming.token, homeId, tinyJpeg('sunset'));
  }, 90_000);

  afterAll(async () => {
    await app?.stop();
  });

  async function signedIn(who: Person, route: string, options = PHONE): Promise<TrackedPage> {
    const page = await running().newPage(options);
    await useSession(page, who.token);
    await page.goto(route);
    return page;
  }
  const bubbles = (page: Page) => page.locator('.cm__bubble .cm__text').allTextContents();

  it('阿明 publishes the photo from the viewer, and under pre-review he is told it waits for review', async () => {
    const page = await running().newPage(PHONE);
    await useSession(page, ming.token);
    await useHome(page, homeId);
    await page.goto(`/pages/viewer/index?id=${photoId}&home=${homeId}`);
    await page.locator('#viewer-publish').click({ timeout: 20_000 });
    await atPage(page, 'publish');
    await page.locator('#work-facts-title input').fill('海边的日落');
    await page.locator('#publish-submit').click();
    await expect
      .poll(() => page.locator('#publish-pending').textContent(), { timeout: 20_000 })
      .toContain('已提交，等待审核');
    const mine = await trpc<{ items: { id: string; title: string | null; status: string }[] }>(
      base,
      'query',
      'works.mine',
      { limit: 10 },
      ming.token,
    );
    expect(mine.items.map((w) => [w.title, w.status])).toEqual([['海边的日落', 'pending']]);
    workId = mine.items[0]?.id ?? '';
    expect(page.consoleErrors).toEqual([]);
  });

  it('the admin approves the pending work in 审核, with its image and title shown', async () => {
    const [item] = await pending('work');
    expect(item?.targetId).toBe(workId);
    const desk = await signedIn(admin, '/pages/review/index');
    await atPage(desk, 'review');
    const card = desk.locator(`#item-${item?.id}`);
    await expect.poll(() => card.textContent(), { timeout: 20_000 }).toContain('海边的日落');
    expect(await desk.locator(`#item-target-${item?.id} .cm__thumb`).count()).toBe(1);
    await running().screenshot(desk, 'community-safety-01-review-zh-light');
    await desk.locator(`#approve-${item?.id}`).click();
    await expect.poll(() => desk.locator('#queue-notice').textContent(), { timeout: 15_000 }).toBe('已通过');
    const work = await trpc<{ status: string }>(base, 'query', 'works.get', { workId }, hong.token);
    expect(work.status).toBe('published');
    // Someone who is no admin reaching the page is told so.
    const nosy = await signedIn(hong, '/pages/review/index');
    await expect
      .poll(() => nosy.locator('#review-not-admin').textContent(), { timeout: 20_000 })
      .toContain('你不是社区管理员');
  });

  it('小红 writes, 阿明 sees it arrive without reloading, reports it, and the admin resolves the report', async () => {
    // They follow each other from each other's profile.
    for (const [who, whom] of [
      [hong, ming],
      [ming, hong],
    ] as const) {
      const profile = await signedIn(who, `/pages/profile/index?userId=${whom.userId}`);
      await profile.locator('#profile-follow').click({ timeout: 20_000 });
      await expect.poll(() => profile.locator('#profile-follow').textContent()).toBe('已关注');
    }
    // 阿明 has the (empty) conversation with 小红 open.
    const a = await signedIn(ming, `/pages/conversation/index?userId=${hong.userId}`);
    await atPage(a, 'conversation');
    await expect.poll(() => a.locator('#conversation-empty').count(), { timeout: 20_000 }).toBe(1);
    const b = await signedIn(hong, `/pages/conversation/index?userId=${ming.userId}`, EN_DARK);
    await b.locator('#message-input textarea').fill('周末一起去拍日落吗？');
    await b.locator('#message-send').click();
    // Under pre-review her message waits for an admin, and she is told.
    await expect.poll(() => b.locator('.cm__status').textContent(), { timeout: 15_000 }).toContain('Under review');
    await running().screenshot(b, 'community-safety-02-pending-en-dark');
    const [message] = await pending('message');
    if (!message) throw new Error('the message did not reach the review queue');
    // The admin lets it through in 审核, among the pending messages.
    const queue = await signedIn(admin, '/pages/review/index');
    await queue.locator('#queue-kind-message').click({ timeout: 20_000 });
    await expect
      .poll(() => queue.locator(`#item-target-${message.id}`).textContent(), { timeout: 20_000 })
      .toBe('周末一起去拍日落吗？');
    await queue.locator(`#approve-${message.id}`).click();
    await expect.poll(() => queue.locator('#queue-notice').textContent(), { timeout: 15_000 }).toBe('已通过');
    const urlBefore = a.url();
    await expect.poll(() => bubbles(a), { timeout: 30_000 }).toEqual(['周末一起去拍日落吗？']);
    expect(a.url()).toBe(urlBefore);
    await running().screenshot(a, 'community-safety-03-arrived-zh-light');

    // 阿明 reports the message from the conversation.
    await a.locator(`#message-report-${message.targetId}`).click();
    await a.locator('#report-dialog-input textarea').fill('陌生链接，像是广告');
    await a.locator('#report-dialog-confirm').click();
    await expect
      .poll(() => a.locator('#conversation-notice').textContent(), { timeout: 15_000 })
      .toBe('已举报，管理员会处理');

    // The admin finds it among the open reports with the message's text, and resolves it with a note.
    const desk = await signedIn(admin, '/pages/review/index', EN_DARK);
    await desk.locator('#review-tab-reports').click();
    const target = desk.locator('[id^="report-target-"]').first();
    await expect.poll(() => target.textContent(), { timeout: 20_000 }).toBe('周末一起去拍日落吗？');
    expect(await desk.locator('[id^="report-reason-"]').first().textContent()).toBe('陌生链接，像是广告');
    await running().screenshot(desk, 'community-safety-04-report-en-dark');
    await desk.locator('[id^="resolve-"]').first().click();
    await desk.locator('#report-action-dialog-input textarea').fill('Warned the sender');
    await desk.locator('#report-action-dialog-confirm').click();
    await expect.poll(() => desk.locator('#reports-notice').textContent(), { timeout: 15_000 }).toBe('Report handled');
    const resolved = await trpc<{ items: { resolution: string | null }[] }>(
      base,
      'query',
      'reports.list',
      { status: 'resolved' },
      admin.token,
    );
    expect(resolved.items.map((r) => r.resolution)).toEqual(['Warned the sender']);
  });

  it("the admin rejects 小红's comment with a reason, and she is told the reason", async () => {
    // She comments on the work's page; under pre-review her comment waits, and she sees that.
    const work = await signedIn(hong, `/pages/work/index?workId=${workId}`);
    await work.locator('#work-comment-input textarea').fill('加我微信 xh2026 交流', { timeout: 20_000 });
    await work.locator('#work-comment-send').click();
    await expect
      .poll(() => work.locator('.work-comment__status').textContent(), { timeout: 15_000 })
      .toBe('审核中，仅你可见');
    const written = await trpc<{ items: { id: string; text: string; status: string }[] }>(
      base,
      'query',
      'works.comments',
      { workId },
      hong.token,
    );
    const comment = written.items.find((c) => c.text === '加我微信 xh2026 交流');
    if (!comment) throw new Error('her comment is not among the work’s comments');
    expect(comment.status).toBe('pending');
    const desk = await signedIn(admin, '/pages/review/index', ZH_DARK);
    await desk.locator('#queue-kind-comment').click();
    const [item] = await pending('comment');
    await expect
      .poll(() => desk.locator(`#item-target-${item?.id}`).textContent(), { timeout: 20_000 })
      .toBe('加我微信 xh2026 交流');
    await desk.locator(`#reject-${item?.id}`).click();
    await desk.locator('#reject-dialog-input textarea').fill('请不要留联系方式');
    await running().screenshot(desk, 'community-safety-05-reject-zh-dark');
    await desk.locator('#reject-dialog-confirm').click();
    await expect
      .poll(() => desk.locator('#queue-notice').textContent(), { timeout: 15_000 })
      .toBe('已拒绝，作者会看到理由');
    // Her own view of the work's comments carries the reason (the work page, the 发现 side's, shows it).
    const mine = await trpc<{ items: { id: string; status: string; reviewReason: string | null }[] }>(
      base,
      'query',
      'works.comments',
      { workId },
      hong.token,
    );
    expect(mine.items.find((c) => c.id === comment.id)).toMatchObject({
      status: 'rejected',
      reviewReason: '请不要留联系方式',
    });
    // And the work's page tells her.
    const told = await signedIn(hong, `/pages/work/index?workId=${workId}`);
    await expect
      .poll(() => told.locator('.work-comment__status--refused').textContent(), { timeout: 20_000 })
      .toBe('未通过审核（请不要留联系方式），仅你可见');
  });

  it('小红 blocks 阿明 from the conversation, and his next message is refused plainly', async () => {
    const b = await signedIn(hong, `/pages/conversation/index?userId=${ming.userId}`);
    const a = await signedIn(ming, `/pages/conversation/index?userId=${hong.userId}`, EN_DARK);
    await expect.poll(() => bubbles(a), { timeout: 20_000 }).toEqual(['周末一起去拍日落吗？']);
    await b.locator('#conversation-block').click();
    await b.locator('#block-dialog-confirm').click();
    await expect
      .poll(() => b.locator('#conversation-blocked').textContent(), { timeout: 15_000 })
      .toContain('你已拉黑 阿明');
    await running().screenshot(b, 'community-safety-06-blocked-zh-light');
    await a.locator('#message-input textarea').fill('Still on for Saturday?');
    await a.locator('#message-send').click();
    await expect
      .poll(() => a.locator('#message-problem').textContent(), { timeout: 15_000 })
      .toBe('One of you has blocked the other');
    await running().screenshot(a, 'community-safety-07-refused-en-dark');
    expect(a.consoleErrors).toEqual([]);
  });
});

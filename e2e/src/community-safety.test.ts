/**
 * The community's safety half in the H5 app, three browsers (embedded store), under pre-review
 * (XIAOJIA_COMMUNITY_REVIEW=pre): 阿明 (A) publishes a work and the admin (made with `xiaojia admin grant`)
 * approves it in 审核; 小红 (B) and 阿明 follow each other, 小红 writes and 阿明 sees the message arrive
 * without reloading (once the admin lets it through); 阿明 reports it from the conversation and the admin
 * finds the report with the message's text and resolves it; the admin rejects 小红's comment with a reason
 * she is told; 小红 blocks 阿明, whose next message is refused. Screenshots zh/en, light/dark.
 */
import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownHomeId, runCli, tinyJpeg, trpc, uploadAndConfirm } from './api-process.js';
import { type App, atPage, PHONE, startApp, type TrackedPage, useSession } from './harness.js';

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
    // 阿明 publishes one of his photos (through the API); under pre-review it waits for an admin.
    const homeId = await ownHomeId(base, ming.token);
    const photoId = await uploadAndConfirm(base, ming.token, homeId, tinyJpeg('sunset'));
    const work = await trpc<{ id: string }>(
      base,
      'mutation',
      'works.publish',
      { homeId, photoIds: [photoId], title: '海边的日落' },
      ming.token,
    );
    workId = work.id;
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
    await trpc(base, 'mutation', 'follows.follow', { userId: ming.userId }, hong.token);
    await trpc(base, 'mutation', 'follows.follow', { userId: hong.userId }, ming.token);
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
    await trpc(base, 'mutation', 'moderation.decide', { itemId: message.id, decision: 'approve' }, admin.token);
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
    const comment = await trpc<{ id: string; status: string }>(
      base,
      'mutation',
      'works.comment',
      { workId, text: '加我微信 xh2026 交流' },
      hong.token,
    );
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

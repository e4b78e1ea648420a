/**
 * 摄影挑战 in the H5 app, three browsers (embedded store, post-review): the admin (made with `xiaojia admin
 * grant`) creates a challenge in 审核 with the form (theme, rules, a cover work, the windows on the date
 * wheels); 阿明 and 小红 each publish a work from the viewer and enter it from the challenge page; the admin
 * moves the windows so voting is open, and each votes for the other's entry (their own has no vote
 * button and the server refuses it; a second vote from a page that had not seen the first counts once);
 * the admin closes voting, and the results (ranks, the winner) show on the challenge page and stay, while a
 * vote from a page left open is refused with the reason shown. Screenshots zh/en, light/dark.
 *
 * Time: the built server reads the system clock (main.ts gives buildApp no clock, and no setting changes
 * that), so nothing here waits for a window to pass: the admin edits the challenge's windows in 审核, a
 * year at a time on the date wheel, to move it from submissions to voting and then to ended.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownHomeId, runCli, TrpcError, tinyJpeg, trpc, uploadAndConfirm } from './api-process.js';
import { type App, atPage, PHONE, startApp, type TrackedPage, useHome, useSession } from './harness.js';

const PASSWORD = 'community challenges 2026';
/** The date wheel's row height (Taro's H5 picker, components/picker/constant.js). */
const WHEEL_ROW = 34;
const TIMES = ['submitStartsAt', 'submitEndsAt', 'voteEndsAt'] as const;
type TimeField = (typeof TIMES)[number];

interface Person {
  token: string;
  homeId: string;
  photoId: string;
  workId: string;
}

describe('a photo challenge from its creation to its results, between three browsers', () => {
  let app: App | undefined;
  let base = '';
  const people: Record<'admin' | 'ming' | 'hong', Person> = {
    admin: { token: '', homeId: '', photoId: '', workId: '' },
    ming: { token: '', homeId: '', photoId: '', workId: '' },
    hong: { token: '', homeId: '', photoId: '', workId: '' },
  };
  const { admin, ming, hong } = people;
  let challengeId = '';
  /** 小红's challenge page, left open from voting on. */
  let hongOpen: TrackedPage | undefined;

  const running = (): App => {
    if (!app) throw new Error('the app did not start');
    return app;
  };

  beforeAll(async () => {
    app = await startApp({ XIAOJIA_COMMUNITY_REVIEW: 'post' });
    base = app.server.url;
    const names = { admin: ['admin_ch', '管理员'], ming: ['aming_ch', '阿明'], hong: ['xiaohong_ch', '小红'] } as const;
    for (const [who, [username, displayName]] of Object.entries(names)) {
      const person = people[who as keyof typeof people];
      ({ token: person.token } = await trpc<{ token: string }>(base, 'mutation', 'auth.signUp', {
        username,
        password: PASSWORD,
        displayName,
        device: 'e2e',
      }));
      person.homeId = await ownHomeId(base, person.token);
      // The photo is uploaded through the API (album-flow drives uploads); publishing it is this test's.
      person.photoId = await uploadAndConfirm(base, person.token, person.homeId, tinyJpeg(username));
    }
    const granted = await runCli(['admin', 'grant', 'admin_ch'], { XIAOJIA_DATA_DIR: app.server.dataDir });
    expect(granted).toMatchObject({ code: 0 });
  }, 90_000);

  afterAll(async () => {
    await app?.stop();
  });

  async function signedIn(who: Person, route: string, options: object = PHONE): Promise<TrackedPage> {
    const page = await running().newPage(options);
    await useSession(page, who.token);
    await useHome(page, who.homeId);
    await page.goto(route);
    return page;
  }

  /** Publishes the person's photo from the viewer with `title`; returns the work's id. */
  async function publish(who: Person, title: string): Promise<string> {
    const page = await signedIn(who, `/pages/viewer/index?id=${who.photoId}&home=${who.homeId}`);
    await page.locator('#viewer-publish').click({ timeout: 20_000 });
    await atPage(page, 'publish');
    await page.locator('#work-facts-title input').fill(title);
    await page.locator('#publish-submit').click();
    await atPage(page, 'work', 20_000);
    const workId = new URL(page.url()).searchParams.get('workId') ?? '';
    expect(workId).not.toBe('');
    expect(page.consoleErrors).toEqual([]);
    return workId;
  }

  const dayText = (page: Page, field: TimeField) =>
    page.locator(`#challenge-${field}-day .xj-date-field__text`).textContent();
  const yearOf = async (page: Page, field: TimeField) => Number((await dayText(page, field))?.slice(0, 4));

  /**
   * Opens the field's date wheel, drags its year column `years` rows (later when positive), one row per
   * drag as a finger would, and taps 确定.
   */
  async function shiftYear(page: Page, field: TimeField, years: number): Promise<void> {
    await page.locator(`#challenge-${field}-day`).click();
    const overlay = page.locator('.weui-picker:visible');
    // The wheel slides up: drag it once it has stopped, where it is.
    await expect
      .poll(() => overlay.evaluate((slider) => slider.getAnimations().filter((a) => a.playState === 'running').length))
      .toBe(0);
    const column = overlay.locator('taro-picker-group').first();
    for (let i = 0; i < Math.abs(years); i += 1) {
      const box = await column.boundingBox();
      if (!box) throw new Error('the date wheel is not shown');
      const x = box.x + box.width / 2;
      const y = box.y + box.height / 2;
      await page.mouse.move(x, y);
      await page.mouse.down();
      await page.mouse.move(x, y - Math.sign(years) * WHEEL_ROW, { steps: 4 });
      await page.mouse.up();
    }
    await overlay.locator('.weui-picker__action', { hasText: '确定' }).click();

    await expect.poll(() => page.locator('.weui-picker:visible').count()).toBe(0);
  }

  /** The admin's 审核 on its 挑战 tab. */
  async function challengesDesk(): Promise<TrackedPage> {
    const desk = await signedIn(admin, '/pages/review/index');
    await desk.locator('#review-tab-challenges').click({ timeout: 20_000 });
    return desk;
  }

  /** Opens the challenge's form in 审核, moves each window's year by `years[field]`, and saves. */
  async function editWindows(years: Partial<Record<TimeField, number>>): Promise<TrackedPage> {
    const desk = await challengesDesk();
    await desk.locator(`#challenge-edit-${challengeId}`).click({ timeout: 20_000 });
    for (const [field, delta] of Object.entries(years) as [TimeField, number][]) {
      const before = await yearOf(desk, field);
      await shiftYear(desk, field, delta);
      expect(await yearOf(desk, field)).toBe(before + delta);
    }
    await desk.locator('#challenge-save').click();
    return desk;
  }

  const challengeRoute = () => `/pages/challenge/index?challengeId=${challengeId}`;
  // Scoped to the entries: once the results are out, the winners' card repeats the winners' rows.
  const votesOf = (page: Page, workId: string) =>
    page.locator(`#challenge-entries #entry-votes-${workId}`).textContent();
  const voteButton = (page: Page, workId: string) => page.locator(`#challenge-vote-${workId}`);

  it('the admin, 阿明 and 小红 each publish a work from the viewer', async () => {
    admin.workId = await publish(admin, '挑战封面');
    ming.workId = await publish(ming, '阿明的晚霞');
    hong.workId = await publish(hong, '小红的街角');
  }, 90_000);

  it('the admin creates the challenge in 审核 with theme, rules, cover and windows', { timeout: 90_000 }, async () => {
    const desk = await challengesDesk();
    await desk.locator('#challenge-new').click();
    await desk.locator('#challenge-title-input input').fill('城市的黄昏');
    await desk.locator('#challenge-rules-input textarea').fill('黄昏时拍的城市，一人一张');
    await desk.locator(`#challenge-cover-pick-${admin.workId}`).click({ timeout: 20_000 });
    expect(await desk.locator('#challenge-cover-input input').inputValue()).toBe(admin.workId);
    // Open from a year ago until next year, voting until the year after (each wheel starts on today).
    await shiftYear(desk, 'submitStartsAt', -1);
    await shiftYear(desk, 'submitEndsAt', 1);
    await shiftYear(desk, 'voteEndsAt', 2);
    const start = await yearOf(desk, 'submitStartsAt');
    expect([await yearOf(desk, 'submitEndsAt'), await yearOf(desk, 'voteEndsAt')]).toEqual([start + 2, start + 3]);
    await desk.locator('#challenge-per-user-input input').fill('1');
    await running().screenshot(desk, 'community-challenges-01-form-zh-light');
    await desk.locator('#challenge-save').click();
    await expect.poll(() => desk.locator('#review-challenge-saved').textContent()).toBe('已保存挑战「城市的黄昏」');
    const edit = desk.locator('[id^="challenge-edit-"]');
    await expect.poll(() => edit.count()).toBe(1);
    challengeId = ((await edit.getAttribute('id')) ?? '').replace('challenge-edit-', '');
    expect(challengeId).not.toBe('');
    expect(desk.consoleErrors).toEqual([]);
  });

  it('阿明 and 小红 find it in 发现 and each enter their work from the challenge page', async () => {
    for (const who of [ming, hong]) {
      const page = await signedIn(who, '/pages/discover/index');
      await page.locator('#discover-challenges').click({ timeout: 20_000 });
      await atPage(page, 'challenges');
      await page.locator(`#challenge-${challengeId}`).click({ timeout: 20_000 });
      await atPage(page, 'challenge');
      await expect.poll(() => page.locator('#challenge-title').textContent()).toBe('城市的黄昏');
      expect(await page.locator('#challenge-rules').textContent()).toBe('黄昏时拍的城市，一人一张');
      expect(await page.locator('#challenge-phase').textContent()).toBe('投稿中');
      await page.locator('#challenge-enter').click();
      await page.locator(`#challenge-pick-${who.workId}`).click({ timeout: 20_000 });
      await expect.poll(() => page.locator('#challenge-notice').textContent()).toBe('已投稿');
      await expect.poll(() => page.locator(`#entry-${who.workId}`).count()).toBe(1);
      expect(page.consoleErrors).toEqual([]);
    }
    const page = await signedIn(hong, challengeRoute());
    await expect.poll(() => page.locator('.cm__entry').count()).toBe(2);
  }, 60_000);

  it('the admin moves the windows so voting opens: submissions closed two years ago', async () => {
    const desk = await editWindows({ submitStartsAt: -1, submitEndsAt: -3 });
    await expect.poll(() => desk.locator('#review-challenge-saved').textContent()).toBe('已保存挑战「城市的黄昏」');
    const page = await signedIn(ming, challengeRoute());
    await expect.poll(() => page.locator('#challenge-phase').textContent()).toBe('投票中');
    expect(await page.locator('#challenge-enter').count()).toBe(0);
  });

  it('each votes for the other’s entry; never for their own, and a second vote counts once', async () => {
    const a = await signedIn(ming, challengeRoute());
    // A second page of 阿明's, open before he votes: it still offers 投票 afterwards.
    const stale = await signedIn(ming, challengeRoute());
    await expect.poll(() => voteButton(stale, hong.workId).textContent()).toBe('投票');
    await expect.poll(() => voteButton(a, hong.workId).textContent()).toBe('投票');
    expect(await voteButton(a, ming.workId).count()).toBe(0);
    await voteButton(a, hong.workId).click();
    await expect.poll(() => voteButton(a, hong.workId).textContent()).toBe('取消投票');
    await expect.poll(() => votesOf(a, hong.workId)).toBe('1 票');
    await voteButton(stale, hong.workId).click();
    await expect.poll(() => voteButton(stale, hong.workId).textContent()).toBe('取消投票');
    await expect.poll(() => votesOf(stale, hong.workId)).toBe('1 票');
    // The page offers no vote on one's own entry, and the server refuses one sent anyway.
    const own = trpc(base, 'mutation', 'challenges.vote', { challengeId, workId: ming.workId }, ming.token);
    await expect(own).rejects.toBeInstanceOf(TrpcError);
    await expect(own).rejects.toMatchObject({ appCode: 'VOTE_OWN_WORK' });

    hongOpen = await signedIn(hong, challengeRoute());
    expect(await voteButton(hongOpen, hong.workId).count()).toBe(0);
    await voteButton(hongOpen, ming.workId).click({ timeout: 20_000 });
    await expect.poll(() => votesOf(hongOpen as TrackedPage, ming.workId)).toBe('1 票');
    // The admin's vote makes 阿明's the winner.
    const desk = await signedIn(admin, challengeRoute());
    await voteButton(desk, ming.workId).click({ timeout: 20_000 });
    await expect.poll(() => votesOf(desk, ming.workId)).toBe('2 票');
    await running().screenshot(desk, 'community-challenges-02-voting-zh-light');
    expect([...a.consoleErrors, ...stale.consoleErrors, ...hongOpen.consoleErrors]).toEqual([]);
  });

  it('the admin closes voting (a window out of order is refused first), and the results show', async () => {
    // Voting may not end when submissions close: the server refuses and the form says so.
    const desk = await editWindows({ voteEndsAt: -4 });
    await expect.poll(() => desk.locator('#challenge-form-error').textContent()).toBe('填写的内容有误，请检查后再试');
    await shiftYear(desk, 'voteEndsAt', 1);
    await desk.locator('#challenge-save').click();
    await expect.poll(() => desk.locator('#review-challenge-saved').textContent()).toBe('已保存挑战「城市的黄昏」');

    // 小红's page from the voting days still offers 取消投票: the server refuses, and she is told why
    // (and the results below still count her vote).
    const open = hongOpen as TrackedPage;
    await voteButton(open, ming.workId).click();
    await expect.poll(() => open.locator('#challenge-notice').textContent()).toBe('这个挑战现在不在投稿或投票时间内');

    const page = await signedIn(hong, challengeRoute());
    await expect.poll(() => page.locator('#challenge-phase').textContent()).toBe('已结束');
    expect(await page.locator('#challenge-countdown').textContent()).toBe('已结束 · 结果已公布');
    await expect.poll(() => page.locator('#challenge-winners .cm__name').allTextContents()).toEqual(['阿明的晚霞']);
    expect(await page.locator(`#challenge-entries #entry-${ming.workId} .cm__rank`).textContent()).toBe('#1');
    expect(await page.locator(`#challenge-entries #entry-${hong.workId} .cm__rank`).textContent()).toBe('#2');
    expect([await votesOf(page, ming.workId), await votesOf(page, hong.workId)]).toEqual(['2 票', '1 票']);
    expect(await page.locator('[id^="challenge-vote-"]').count()).toBe(0);
  });

  it('the results stay: the challenge page in both languages, light and dark', async () => {
    for (const locale of ['zh-CN', 'en-US'] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const page = await signedIn(ming, challengeRoute(), { ...PHONE, locale, colorScheme });
        await expect.poll(() => page.locator('#challenge-winners .cm__name').allTextContents()).toEqual(['阿明的晚霞']);
        expect(await page.locator('#challenge-phase').textContent()).toBe(locale === 'zh-CN' ? '已结束' : 'Ended');
        expect(await votesOf(page, hong.workId)).toBe(locale === 'zh-CN' ? '1 票' : '1 vote');
        await running().screenshot(page, `community-challenge-${locale}-${colorScheme}`);
        expect(page.consoleErrors).toEqual([]);
      }
    }
    // The past list has it, with its results.
    const list = await signedIn(hong, '/pages/challenges/index');
    await list.locator('#challenges-tab-past').click({ timeout: 20_000 });
    await expect.poll(() => list.locator(`#challenge-${challengeId}`).textContent()).toContain('城市的黄昏');
  }, 120_000);
});

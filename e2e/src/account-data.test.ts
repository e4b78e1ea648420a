/**
 * Me -> export and delete account in the H5 build against the real server: a parent downloads their home
 * as one archive (checked with the system's tar), and a grandparent deletes their account after reading
 * what it does, after which signing in again fails like any unknown name.
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownHomeId, tinyJpeg, trpc, uploadAndConfirm } from './api-process.js';
import { type App, atPage, PHONE, startApp, type TrackedPage } from './harness.js';

const PASSWORD = 'family photos 2026';

describe('export and delete account (H5, real server)', () => {
  let app: App | undefined;

  function running(): App {
    if (!app) throw new Error('the app did not start');
    return app;
  }

  /** A script signs `username` up (their own home made), and a phone signs in as them at Me. */
  async function accountAtMe(username: string, displayName: string) {
    const url = running().server.url;
    const { token } = await trpc<{ token: string }>(url, 'mutation', 'auth.signUp', {
      username,
      password: PASSWORD,
      displayName,
      device: 'Setup script',
    });
    const homeId = await ownHomeId(url, token);
    const page: TrackedPage = await running().newPage(PHONE);
    await page.goto('/pages/welcome/index');
    await page.locator('#username input').fill(username);
    await page.locator('#password input').fill(PASSWORD);
    await page.locator('#auth-submit').click();
    await atPage(page, 'timeline');
    await page.goto('/pages/account/index');
    return { token, homeId, page };
  }

  beforeAll(async () => {
    app = await startApp();
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('exports a home: the browser downloads one tar holding every original and metadata.json', async () => {
    const { token, homeId, page } = await accountAtMe('papa', '爸爸');
    const photos = [tinyJpeg('export one'), tinyJpeg('export two')];
    for (const bytes of photos) await uploadAndConfirm(running().server.url, token, homeId, bytes);

    const start = page.locator(`#export-start-${homeId}`);
    await start.waitFor({ timeout: 15_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), start.click()]);
    expect(download.suggestedFilename()).toMatch(/^爸爸的家 \d{4}-\d{2}-\d{2}\.tar$/);
    const file = await download.path();
    await expect.poll(() => page.locator('#account-notice').textContent()).toContain('的导出已开始下载');

    const names = execFileSync('tar', ['-tf', file], { encoding: 'utf8' }).trim().split('\n');
    expect(names[0]).toBe('metadata.json');
    expect(names).toHaveLength(3);
    const originals = names.slice(1).map((name) => execFileSync('tar', ['-xOf', file, name]));
    expect(originals.map((bytes) => bytes.toString('base64')).sort()).toEqual(
      photos.map((bytes) => bytes.toString('base64')).sort(),
    );
    const metadata = JSON.parse(execFileSync('tar', ['-xOf', file, 'metadata.json'], { encoding: 'utf8' }));
    expect(metadata.photos.map((p: { uploader: string }) => p.uploader)).toEqual(['爸爸', '爸爸']);
    expect(statSync(file).size).toBeGreaterThan(photos[0]?.length ?? 0);
    expect(page.consoleErrors).toEqual([]);
  });

  it('deletes an account after saying what happens to each home, and the name no longer signs in', async () => {
    const { token, homeId, page } = await accountAtMe('nainai', '奶奶');
    await uploadAndConfirm(running().server.url, token, homeId, tinyJpeg('nainai own'));

    await page.locator('#account-delete').click();
    const own = page.locator(`#delete-account-dialog-home-${homeId}`);
    await expect
      .poll(() => own.textContent(), { timeout: 15_000 })
      .toBe(
        '「奶奶的家」：你是主人，只有你一个人，1 张照片。它会和账号一起删除，照片会从存储里删除（存储桶本身不动）。',
      );
    await running().screenshot(page, 'account-delete-summary');
    await page.locator('#delete-account-dialog-input input').fill('not the password');
    await page.locator('#delete-account-dialog-confirm').click();
    await expect.poll(() => page.locator('#delete-account-dialog-error').textContent()).toMatch(/还可以再试 4 次/);
    await page.locator('#delete-account-dialog-input input').fill(PASSWORD);
    await page.locator('#delete-account-dialog-confirm').click();
    await atPage(page, 'welcome');

    // The other device (the script) is signed out too, and the name signs in to nothing.
    await expect(trpc(running().server.url, 'query', 'auth.me', undefined, token)).rejects.toMatchObject({
      appCode: 'UNAUTHENTICATED',
    });
    await page.locator('#username input').fill('nainai');
    await page.locator('#password input').fill(PASSWORD);
    await page.locator('#auth-submit').click();
    await expect.poll(() => page.locator('#auth-error').textContent()).toMatch(/^用户名或密码不对/);
  });
});

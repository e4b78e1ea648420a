/**
 * A family in the H5 app, two people in two browsers of their own (embedded store, nothing bound): 妈妈
 * signs up, uploads, and invites 奶奶 as a viewer; 奶奶 opens the link, signs up on the join page, joins and
 * sees 妈妈's photos; 妈妈 uploads more and 奶奶 sees them; 奶奶 can neither upload nor delete; 妈妈 removes
 * 奶奶 and 奶奶's next request for the home is refused, her app falling back to her own home.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrpcError, tinyJpeg, trpc } from './api-process.js';
import { type App, atPage, PHONE, sessionToken, startApp, type TrackedPage } from './harness.js';

const PASSWORD = 'family album 2026';
const suffix = Date.now() % 100000;

describe('a family shares one home', () => {
  let app: App | undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'xiaojia-family-'));
  const photo = (name: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, tinyJpeg(name));
    return file;
  };

  beforeAll(async () => {
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

  /** Fills the sign-up form (on the welcome page or embedded in the join page) and sends it. */
  async function signUp(page: Page, username: string, displayName: string): Promise<void> {
    await page.locator('#auth-switch').click();
    await page.locator('#username input').fill(username);
    await page.locator('#password input').fill(PASSWORD);
    await page.locator('#display-name input').fill(displayName);
    await page.locator('#auth-submit').click();
  }

  async function gridCount(page: Page): Promise<number> {
    return page.locator('.photo-grid__cell').count();
  }

  async function uploadThroughPage(page: TrackedPage, files: string[]): Promise<void> {
    await page.goto('/pages/timeline/index');
    await page.locator('#open-upload').click();
    await atPage(page, 'upload');
    const chooser = page.waitForEvent('filechooser');
    await page.locator('#pick-album').click();
    await (await chooser).setFiles(files);
    await expect.poll(() => page.locator('#upload-overall-text').textContent(), { timeout: 30_000 }).toBe('上传完成');
  }

  it('妈妈 invites 奶奶, who joins as a viewer, sees the photos, and loses them when removed', async () => {
    const base = running().server.url;
    const mom = await running().newPage(PHONE);
    const grandma = await running().newPage(PHONE);

    // 妈妈 signs up: her home is made for her, and she uploads two photos.
    await mom.goto('/');
    await signUp(mom, `mama${suffix}`, '妈妈');
    await atPage(mom, 'timeline');
    await expect.poll(() => mom.locator('#home-name, #home-switch').first().textContent()).toContain('妈妈的家');
    await uploadThroughPage(mom, [photo('first-smile.jpg'), photo('first-bath.jpg')]);
    const momToken = await sessionToken(mom);
    const { items: homes } = await trpc<{ items: { id: string; name: string }[] }>(
      base,
      'query',
      'homes.list',
      undefined,
      momToken,
    );
    const homeId = homes[0]?.id ?? '';

    // She invites 奶奶 as a viewer (亲友) and gets a link.
    await mom.goto('/pages/invite/index');
    await mom.locator('#invite-role-viewer').click();
    await mom.locator('#invite-create').click();
    const link = (await mom.locator('#invite-link').textContent({ timeout: 15_000 }))?.trim() ?? '';
    expect(link).toMatch(/\/pages\/join\/index\?code=[A-Za-z0-9_-]{22}$/);
    await expect.poll(() => mom.locator('#invite-qr').count()).toBe(1);
    await running().screenshot(mom, 'family-01-invite');

    // 奶奶 opens it in her own browser: the home's name, who invites, the role; then signs up and joins.
    await grandma.goto(link.replace(/^https?:\/\/[^/]+/, ''));
    await expect
      .poll(() => grandma.locator('#join-home-name').textContent(), { timeout: 15_000 })
      .toContain('妈妈的家');
    expect(await grandma.locator('#join-preview').textContent()).toContain('妈妈');
    await running().screenshot(grandma, 'family-02-join');
    await signUp(grandma, `nainai${suffix}`, '奶奶');
    await grandma.locator('#join-button').click();
    await atPage(grandma, 'timeline');
    await expect.poll(() => grandma.locator('#home-name, #home-switch').first().textContent()).toContain('妈妈的家');
    await expect.poll(() => gridCount(grandma), { timeout: 15_000 }).toBe(2);
    // A viewer has no upload button, and no delete in the viewer.
    expect(await grandma.locator('#open-upload').count()).toBe(0);
    await grandma.locator('.photo-grid__cell').first().click();
    await atPage(grandma, 'viewer');
    await grandma.locator('#viewer-info').click();
    await expect.poll(() => grandma.locator('#viewer-uploader').textContent()).toContain('妈妈');
    expect(await grandma.locator('#viewer-trash').count()).toBe(0);
    await running().screenshot(grandma, 'family-03-viewer');
    const grandmaToken = await sessionToken(grandma);
    const shown = await trpc<{ items: { id: string }[] }>(base, 'query', 'photos.list', { homeId }, grandmaToken);
    const refused = await trpc(
      base,
      'mutation',
      'photos.trash',
      { homeId, ids: [shown.items[0]?.id] },
      grandmaToken,
    ).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TrpcError);
    expect(refused).toMatchObject({ appCode: 'FORBIDDEN' });

    // 妈妈 uploads more; 奶奶 sees them, in 妈妈's home still after reopening the app (the device remembers).
    await uploadThroughPage(mom, [photo('first-steps.jpg')]);
    await grandma.goto('/pages/timeline/index');
    await expect.poll(() => gridCount(grandma), { timeout: 15_000 }).toBe(3);

    // 妈妈 removes 奶奶 from the members screen.
    await mom.goto('/pages/members/index');
    const members = await trpc<{ items: { userId: string; displayName: string }[] }>(
      base,
      'query',
      'homes.members',
      { homeId },
      momToken,
    );
    const grandmaId = members.items.find((m) => m.displayName === '奶奶')?.userId ?? '';
    await mom.locator(`#member-remove-${grandmaId}`).click();
    await mom.locator('#remove-dialog-confirm').click();
    await expect.poll(() => mom.locator(`#member-${grandmaId}`).count(), { timeout: 15_000 }).toBe(0);
    await running().screenshot(mom, 'family-04-members');

    // 奶奶's next request for the home is refused, and her app falls back to her own home.
    const after = await trpc(base, 'query', 'photos.list', { homeId }, grandmaToken).catch((error: unknown) => error);
    expect(after).toMatchObject({ appCode: 'NOT_FOUND' });
    await grandma.goto('/pages/timeline/index');
    await expect
      .poll(() => grandma.locator('#home-name, #home-switch').first().textContent(), { timeout: 15_000 })
      .toContain('奶奶的家');
    await expect.poll(() => grandma.locator('#timeline-empty').count(), { timeout: 15_000 }).toBe(1);

    for (const page of [mom, grandma]) expect(page.consoleErrors).toEqual([]);
  }, 180_000);
});

/**
 * A video from the phone's album to the viewer, in the H5 build against the real server (embedded store):
 * a real two-second H.264 MP4 (made here with ffmpeg) goes through the page's file input together with a
 * photo, its length read by the browser and sent with the upload; the grid shows it as a video with its
 * length (its poster frame where the server makes one, else a plain placeholder, never a broken image);
 * the viewer plays the original in a <video> with the player's controls and no autoplay, its poster the
 * frame the server makes, the grid's thumbnail standing in until it has loaded (the screenshot waits for
 * the frame's pixels).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownHomeId, tinyJpeg, trpc } from './api-process.js';
import { type App, atPage, PHONE, startApp, useSession } from './harness.js';

const USER = { username: `video${Date.now() % 100000}`, password: 'first steps 2026' };

interface Listed {
  items: { id: string; filename: string; mime: string; durationMs: number | null; width: number | null }[];
}
interface Detail {
  originalUrl: string | null;
  previewUrl: string | null;
}

/**
 * In the page: the poster image's mean brightness (0–255) once it has loaded, 0 while it cannot be (not
 * yet made, refused). The clip is ffmpeg's colour test pattern, far from black.
 */
async function posterBrightness(url: string): Promise<number> {
  const image = new Image();
  image.crossOrigin = 'anonymous';
  image.src = url;
  try {
    await image.decode();
  } catch {
    return 0;
  }
  const canvas = document.createElement('canvas');
  canvas.width = 32;
  canvas.height = 32;
  const context = canvas.getContext('2d');
  if (!context) return 0;
  context.drawImage(image, 0, 0, 32, 32);
  const { data } = context.getImageData(0, 0, 32, 32);
  let sum = 0;
  for (let i = 0; i < data.length; i += 4) sum += ((data[i] ?? 0) + (data[i + 1] ?? 0) + (data[i + 2] ?? 0)) / 3;
  return sum / (data.length / 4);
}

describe('a video in the H5 app', () => {
  let app: App | undefined;
  let token = '';
  let homeId = '';
  const dir = mkdtempSync(path.join(tmpdir(), 'xiaojia-video-'));
  const clip = path.join(dir, 'first-steps.mp4');
  const still = path.join(dir, 'still.jpg');

  beforeAll(async () => {
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=320x240:rate=10',
      '-t',
      '2',
      '-pix_fmt',
      'yuv420p',
      '-c:v',
      'libx264',
      '-movflags',
      '+faststart',
      clip,
    ]);
    writeFileSync(still, tinyJpeg('video-day'));
    app = await startApp();
    ({ token } = await trpc<{ token: string }>(app.server.url, 'mutation', 'auth.signUp', USER));
    homeId = await ownHomeId(app.server.url, token);
  });

  afterAll(() => Promise.resolve(app?.stop()).finally(() => rmSync(dir, { recursive: true, force: true })));

  const running = (): App => app ?? expect.unreachable('the app did not start');

  it('uploads an MP4 with a photo, shows it in the grid with its length and plays it in the viewer', async () => {
    const page = await running().newPage(PHONE);
    await useSession(page, token);
    await page.goto('/pages/upload/index');
    await atPage(page, 'upload');
    const chooser = page.waitForEvent('filechooser');
    await page.locator('#pick-album').click();
    await (await chooser).setFiles([clip, still]);
    await expect.poll(() => page.locator('#upload-overall-text').textContent(), { timeout: 30_000 }).toBe('上传完成');
    // The row showed the clip as a video with the length the browser read.
    const row = page.locator('.upload-item', { hasText: 'first-steps.mp4' });
    expect(await row.locator('.video-badge').textContent()).toBe('▶0:02');
    await running().screenshot(page, 'video-01-uploaded');

    // What the server recorded: a video, with the device's length and size.
    const listed = await trpc<Listed>(running().server.url, 'query', 'photos.list', { homeId }, token);
    const video = listed.items.find((item) => item.filename === 'first-steps.mp4');
    expect(video).toMatchObject({ mime: 'video/mp4', width: 320 });
    expect(video?.durationMs).toBeGreaterThanOrEqual(1_900);
    expect(video?.durationMs).toBeLessThanOrEqual(2_100);
    const id = video?.id ?? '';

    await page.locator('#upload-back').click();
    await atPage(page, 'timeline');
    const cell = page.locator(`#photo-${id}`);
    await expect.poll(() => cell.locator('.video-badge').textContent(), { timeout: 15_000 }).toBe('▶0:02');
    // Its poster once loaded, or (a server that cannot make one) the plain placeholder: never a broken image.
    await expect
      .poll(
        () =>
          cell.evaluate((node) => {
            const img = node.querySelector('img');
            if (img?.complete && img.naturalWidth > 0) return 'poster';
            return node.querySelector('.video-placeholder') ? 'placeholder' : 'waiting';
          }),
        { timeout: 15_000 },
      )
      .not.toBe('waiting');
    await running().screenshot(page, 'video-02-grid');

    await cell.click();
    await atPage(page, 'viewer');
    const detail = await trpc<Detail>(running().server.url, 'query', 'photos.get', { homeId, id }, token);
    const unsigned = (url: string | null | undefined) => (url ? url.replace(/[?&]e=.*$/, '') : null);
    const player = page.locator('#viewer-video video');
    await expect.poll(async () => unsigned(await player.getAttribute('src'))).toBe(unsigned(detail.originalUrl));
    expect(await player.evaluate((node) => (node as HTMLVideoElement).autoplay)).toBe(false);
    // The browser reads the clip from the server (its metadata at least), and nothing is playing yet.
    await expect
      .poll(() => player.evaluate((node) => (node as HTMLVideoElement).readyState), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(1);
    expect(await player.evaluate((node) => (node as HTMLVideoElement).paused)).toBe(true);
    // Until it plays, the video shows its poster: the frame the server makes (photos.get's previewUrl, a
    // frame 1 s in). A paused video whose poster has not loaded yet paints black, so the screenshot waits
    // for the poster's pixels (and checks they are the clip's, not a black frame) and for the viewer to
    // have slid in over the timeline. The grid's thumbnail stands in as the poster until the frame has
    // loaded, then the frame takes its place.
    await expect
      .poll(async () => unsigned(await player.getAttribute('poster')), { timeout: 15_000 })
      .toBe(unsigned(detail.previewUrl));
    const poster = await player.getAttribute('poster');
    await expect.poll(() => page.evaluate(posterBrightness, poster ?? ''), { timeout: 15_000 }).toBeGreaterThan(40);
    await expect
      .poll(() => page.locator('.viewer').evaluate((node) => Math.round(node.getBoundingClientRect().left)))
      .toBe(0);
    await running().screenshot(page, 'video-03-viewer');
    expect(page.consoleErrors).toEqual([]);
  });
});

import sharp from 'sharp';
import { beforeEach, describe, expect, it } from 'vitest';
import { signUpAndGetToken } from '../test/auth.js';
import { createTestDeps, type TestDeps } from '../test/deps.js';
import { bindStorePeer } from '../test/storage.js';
import { clip, fakeMp4, uploadVideo } from '../test/videos.js';

async function image(url: string | null) {
  if (!url) throw new Error('no URL');
  const res = await fetch(url);
  const body = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) return { status: res.status, error: body.toString() };
  const meta = await sharp(body).metadata();
  return { status: res.status, type: res.headers.get('content-type'), width: meta.width, height: meta.height };
}

async function codecOf(deps: TestDeps, photoId: string) {
  const row = await deps.db.selectFrom('photos').select('video_codec').where('id', '=', photoId).executeTakeFirst();
  return row?.video_codec;
}

describe('videos in the album (embedded store with ffmpeg)', () => {
  let deps: TestDeps;
  let alice: Awaited<ReturnType<typeof signUpAndGetToken>>;
  beforeEach(async () => {
    deps = await createTestDeps();
    alice = await signUpAndGetToken(deps, 'alice');
  });

  it("records the stored clip's own length, size and codec over the device's word", async () => {
    const bytes = await clip();
    const { photo } = await uploadVideo(alice.caller, alice.homeId, { bytes, durationMs: 999, width: 1, height: 1 });
    expect(photo).toMatchObject({ mime: 'video/mp4', durationMs: 2000, width: 320, height: 240 });
    expect(await codecOf(deps, photo.id)).toBe('h264');

    const portrait = await uploadVideo(alice.caller, alice.homeId, { bytes: await clip({ rotate: 90 }) });
    expect(portrait.photo).toMatchObject({ width: 240, height: 320, durationMs: 2000 });
  });

  it('gives poster frames as thumbnail and preview, and plays the original', async () => {
    const bytes = await clip({ seconds: 3, container: 'mov' });
    const { photo } = await uploadVideo(alice.caller, alice.homeId, { bytes, mime: 'video/quicktime' });
    expect(photo.mime).toBe('video/quicktime');
    const full = await alice.caller.photos.get({ homeId: alice.homeId, id: photo.id });
    expect(full.photo.thumbUrl).toContain('vframe/jpg/offset/1/w/480');
    expect(await image(full.photo.thumbUrl)).toMatchObject({
      status: 200,
      type: 'image/jpeg',
      width: 480,
      height: 360,
    });
    expect(await image(full.previewUrl)).toMatchObject({ status: 200, type: 'image/jpeg', width: 320, height: 240 });
    const original = await fetch(full.originalUrl ?? '');
    expect(original.headers.get('content-type')).toBe('video/quicktime');
    expect(Buffer.from(await original.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('keeps a corrupt clip with what the device said: the probe fails, the confirm does not', async () => {
    const { photo } = await uploadVideo(alice.caller, alice.homeId, {
      bytes: fakeMp4(),
      durationMs: 4200,
      width: 1920,
      height: 1080,
    });
    expect(photo).toMatchObject({ mime: 'video/mp4', durationMs: 4200, width: 1920, height: 1080 });
    expect(await codecOf(deps, photo.id)).toBeNull();
    // Its poster cannot be made: the client shows its plain placeholder.
    expect((await image(photo.thumbUrl)).status).toBe(400);
  });

  it("answers another home's video as not found", async () => {
    const { photo } = await uploadVideo(alice.caller, alice.homeId, { bytes: await clip({ seconds: 1 }) });
    const bob = await signUpAndGetToken(deps, 'bob');
    await expect(bob.caller.photos.get({ homeId: bob.homeId, id: photo.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(bob.caller.photos.get({ homeId: alice.homeId, id: photo.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('probes a bound Kodo bucket with a signed avinfo, and signs vframe posters on its domain', async () => {
    const carol = await signUpAndGetToken(deps, 'carol');
    await bindStorePeer(deps, carol);
    const { photo } = await uploadVideo(carol.caller, carol.homeId, { bytes: await clip({ rotate: 90 }) });
    expect(photo).toMatchObject({ durationMs: 2000, width: 240, height: 320 });
    expect(await codecOf(deps, photo.id)).toBe('h264');
    const full = await carol.caller.photos.get({ homeId: carol.homeId, id: photo.id });
    expect(full.photo.thumbUrl).toMatch(/vframe\/jpg\/offset\/1\/w\/480\/rotate\/auto/);
    expect(await image(full.photo.thumbUrl)).toMatchObject({ status: 200, width: 480, height: 640 });
  });
});

describe('videos on a server without ffmpeg', () => {
  let deps: TestDeps;
  beforeEach(async () => {
    deps = await createTestDeps({ video: { ffmpeg: '/nonexistent/ffmpeg', ffprobe: '/nonexistent/ffprobe' } });
  });

  it("stores and plays the video with the device's facts; its poster says ffmpeg is missing", async () => {
    const alice = await signUpAndGetToken(deps, 'alice');
    const bytes = await clip();
    const { photo } = await uploadVideo(alice.caller, alice.homeId, {
      bytes,
      durationMs: 2100,
      width: 320,
      height: 240,
    });
    expect(photo).toMatchObject({ durationMs: 2100, width: 320, height: 240 });
    expect(await codecOf(deps, photo.id)).toBeNull();
    const full = await alice.caller.photos.get({ homeId: alice.homeId, id: photo.id });
    const poster = await image(full.photo.thumbUrl);
    expect(poster).toMatchObject({ status: 501 });
    expect(poster.error).toMatch(/not installed/);
    const original = await fetch(full.originalUrl ?? '');
    expect(Buffer.from(await original.arrayBuffer()).equals(bytes)).toBe(true);
  });
});

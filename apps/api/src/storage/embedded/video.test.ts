import { readdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clip, fakeMp4 } from '../../test/videos.js';
import { rotationOf } from '../video-facts.js';
import { parseFop } from './fop.js';
import { startTestStore, type TestStore } from './testing.js';

async function put(t: TestStore, key: string, bytes: Buffer) {
  const token = t.uploadToken({ expires: 600, detectMime: 1 });
  const { resp, data } = await t.uploader.put(token, key, bytes, null);
  expect(resp.statusCode, JSON.stringify(data)).toBe(200);
}

describe('video fops on signed downloads (ffmpeg)', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await startTestStore();
    await put(t, 'v/clip.mp4', await clip());
    await put(t, 'v/portrait.mp4', await clip({ rotate: 90 }));
    await put(t, 'v/clip.mov', await clip({ container: 'mov', seconds: 1 }));
    await put(t, 'v/broken.mp4', fakeMp4());
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  async function fetchFop(key: string, fop: string) {
    const res = await fetch(t.downloadUrl(key, 300, fop));
    return { res, body: Buffer.from(await res.arrayBuffer()) };
  }

  async function poster(key: string, fop: string) {
    const { res, body } = await fetchFop(key, fop);
    expect(res.status, `${fop}: ${res.status === 200 ? '' : body.toString()}`).toBe(200);
    const meta = await sharp(body).metadata();
    return { type: res.headers.get('content-type'), width: meta.width, height: meta.height, format: meta.format, body };
  }

  it('stores MP4 and QuickTime clips as the types their ftyp brands say', () => {
    expect(t.store.stat('v/clip.mp4')?.mime).toBe('video/mp4');
    expect(t.store.stat('v/clip.mov')?.mime).toBe('video/quicktime');
    // Bytes that only look like an MP4 are stored as one too: the store trusts the header, ffmpeg finds out.
    expect(t.store.stat('v/broken.mp4')?.mime).toBe('video/mp4');
  });

  it('vframe gives the frame at its own size, or scaled by w and/or h, as JPEG or PNG', async () => {
    expect(await poster('v/clip.mp4', 'vframe/jpg/offset/1')).toMatchObject({
      type: 'image/jpeg',
      format: 'jpeg',
      width: 320,
      height: 240,
    });
    expect(await poster('v/clip.mp4', 'vframe/jpg/offset/1/w/480')).toMatchObject({ width: 480, height: 360 });
    expect(await poster('v/clip.mp4', 'vframe/jpg/offset/0.5/h/120')).toMatchObject({ width: 160, height: 120 });
    expect(await poster('v/clip.mp4', 'vframe/png/offset/1/w/100/h/100')).toMatchObject({
      type: 'image/png',
      format: 'png',
      width: 100,
      height: 100,
    });
    expect(await poster('v/clip.mov', 'vframe/jpg/offset/0')).toMatchObject({ width: 320, height: 240 });
  });

  it('turns the frame only when asked: rotate/auto by the video, or 90/180/270 clockwise', async () => {
    expect(await poster('v/portrait.mp4', 'vframe/jpg/offset/1')).toMatchObject({ width: 320, height: 240 });
    expect(await poster('v/portrait.mp4', 'vframe/jpg/offset/1/rotate/auto')).toMatchObject({
      width: 240,
      height: 320,
    });
    // w is the width of the upright picture.
    expect(await poster('v/portrait.mp4', 'vframe/jpg/offset/1/w/120/rotate/auto')).toMatchObject({
      width: 120,
      height: 160,
    });
    expect(await poster('v/clip.mp4', 'vframe/jpg/offset/1/rotate/90')).toMatchObject({ width: 240, height: 320 });
    expect(await poster('v/clip.mp4', 'vframe/jpg/offset/1/rotate/180')).toMatchObject({ width: 320, height: 240 });
  });

  it('an offset past the end gives the last frame; one past a day is refused', async () => {
    const last = await poster('v/clip.mp4', 'vframe/jpg/offset/3600');
    expect(last).toMatchObject({ width: 320, height: 240 });
    const huge = await fetchFop('v/clip.mp4', 'vframe/jpg/offset/99999999');
    expect(huge.res.status).toBe(400);
    expect(JSON.parse(huge.body.toString()).error).toMatch(/offset/);
  });

  it('caches each poster on disk, and drops it with the object', async () => {
    await put(t, 'v/cached.mp4', await clip({ seconds: 1 }));
    const cacheRoot = path.join(t.dir, 'cache');
    const before = new Set(await readdir(cacheRoot));
    const first = await poster('v/cached.mp4', 'vframe/jpg/offset/0/w/160');
    const folders = (await readdir(cacheRoot)).filter((f) => !before.has(f));
    expect(folders).toHaveLength(1);
    expect(await readdir(path.join(cacheRoot, folders[0] as string))).toHaveLength(1);
    const second = await poster('v/cached.mp4', 'vframe/jpg/offset/0/w/160');
    expect(second.body.equals(first.body)).toBe(true);
    expect((await t.bucketManager.delete(t.store.bucket, 'v/cached.mp4')).resp.statusCode).toBe(200);
    expect((await readdir(cacheRoot)).includes(folders[0] as string)).toBe(false);
  });

  it("avinfo answers Kodo's format and streams: duration, codec, size, rotation", async () => {
    const { res, body } = await fetchFop('v/clip.mp4', 'avinfo');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const info = JSON.parse(body.toString());
    expect(Number(info.format.duration)).toBeCloseTo(2, 1);
    expect(info.format.format_name).toMatch(/mp4/);
    expect(info.streams[0]).toMatchObject({ codec_type: 'video', codec_name: 'h264', width: 320, height: 240 });
    expect(info.streams[0].tags).toBeUndefined();

    const portrait = JSON.parse((await fetchFop('v/portrait.mp4', 'avinfo')).body.toString());
    expect(portrait.streams[0]).toMatchObject({ width: 320, height: 240 });
    expect(['90', '270']).toContain(portrait.streams[0].tags.rotate);
  });

  it('refuses bytes that are not a readable video, video fops on images, and bad parameters, with 400', async () => {
    for (const fop of ['vframe/jpg/offset/1', 'avinfo']) {
      const { res, body } = await fetchFop('v/broken.mp4', fop);
      expect(res.status, fop).toBe(400);
      expect(JSON.parse(body.toString()).error, fop).toMatch(/not a readable video/);
    }
    for (const fop of [
      'vframe/gif/offset/1',
      'vframe/jpg/offset/-1',
      'vframe/jpg/offset/1.23456',
      'vframe/jpg/w/10',
      'vframe/jpg/w/3841',
      'vframe/jpg/w/3000/h/3000',
      'vframe/jpg/rotate/45',
      'vframe/jpg/speed/2',
      'imageView2/2/w/100',
    ]) {
      const { res } = await fetchFop('v/clip.mp4', fop);
      expect(res.status, fop).toBe(400);
    }
    // A size asked for that, once scaled, is past Kodo's 3840x2160.
    const tall = await fetchFop('v/portrait.mp4', 'vframe/jpg/w/2400/rotate/auto');
    expect(tall.res.status).toBe(400);
    expect(JSON.parse(tall.body.toString()).error).toMatch(/at most 3840x2160/);
  });
});

describe('video fops without ffmpeg', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await startTestStore({
      videoTools: { ffmpeg: '/nonexistent/ffmpeg', ffprobe: '/nonexistent/ffprobe' },
    });
    await put(t, 'v/clip.mp4', await clip());
  });
  afterAll(async () => {
    await t.close();
  });

  it('still stores and plays the video, and says what to install for posters and facts (501)', async () => {
    const original = await fetch(t.downloadUrl('v/clip.mp4'));
    expect(original.status).toBe(200);
    expect(Buffer.from(await original.arrayBuffer()).equals(await clip())).toBe(true);
    for (const fop of ['vframe/jpg/offset/1/w/480', 'avinfo']) {
      const res = await fetch(t.downloadUrl('v/clip.mp4', 300, fop));
      expect(res.status, fop).toBe(501);
      expect(((await res.json()) as { error: string }).error).toMatch(
        /ffprobe is not installed.*Debian package ffmpeg.*XIAOJIA_FFPROBE/,
      );
    }
  });
});

describe('parsing video fops', () => {
  it('reads vframe parameters and avinfo', () => {
    expect(parseFop('vframe/jpg/offset/1.5/w/480/h/270/rotate/auto')).toEqual({
      kind: 'vframe',
      frame: { format: 'jpg', offsetMs: 1500, width: 480, height: 270, rotate: 'auto' },
    });
    expect(parseFop('vframe/png/')).toEqual({ kind: 'vframe', frame: { format: 'png', offsetMs: 0, rotate: 0 } });
    expect(parseFop('avinfo')).toEqual({ kind: 'avinfo' });
  });

  it('reads the rotation from the display matrix (counter-clockwise) or the old rotate tag', () => {
    expect(rotationOf({ side_data_list: [{ rotation: -90 }] })).toBe(90);
    expect(rotationOf({ side_data_list: [{ rotation: 90 }] })).toBe(270);
    expect(rotationOf({ tags: { rotate: '180' } })).toBe(180);
    expect(rotationOf({ tags: { rotate: 'sideways' } })).toBe(0);
    expect(rotationOf({})).toBe(0);
  });
});

/**
 * HEVC and 4K videos (what iPhones record: HEVC tagged hvc1, in QuickTime or MP4, often 3840x2160 and
 * turned by a display matrix) through the embedded store's avinfo and vframe, with clips libx265 makes at
 * test time. Skipped, saying why, only where this ffmpeg cannot encode HEVC.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clip, hevcEncoderMissing } from '../../test/videos.js';
import { VIDEO_VARIANT_FOPS } from '../kodo.js';
import { factsFromAvinfo } from '../video-facts.js';
import { startTestStore, type TestStore } from './testing.js';

const missing = await hevcEncoderMissing();
/** 4K at 5 frames a second: ten frames, a few seconds to encode on a loaded machine. */
const UHD = { codec: 'hevc', width: 3840, height: 2160, seconds: 2, rate: 5 } as const;

describe.skipIf(missing !== null)(`HEVC and 4K videos${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await startTestStore();
    const clips = {
      'v/uhd.mp4': clip(UHD),
      'v/uhd.mov': clip({ ...UHD, container: 'mov' }),
      'v/uhd-portrait.mov': clip({ ...UHD, container: 'mov', rotate: 90 }),
    };
    for (const [key, bytes] of Object.entries(clips)) {
      const token = t.uploadToken({ expires: 600, detectMime: 1 });
      const { resp, data } = await t.uploader.put(token, key, await bytes, null);
      expect(resp.statusCode, JSON.stringify(data)).toBe(200);
    }
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  async function fetchFop(key: string, fop: string) {
    const res = await fetch(t.downloadUrl(key, 300, fop));
    const body = Buffer.from(await res.arrayBuffer());
    expect(res.status, `${key}?${fop}: ${res.status === 200 ? '' : body.toString()}`).toBe(200);
    return { res, body };
  }

  async function avinfo(key: string) {
    return JSON.parse((await fetchFop(key, 'avinfo')).body.toString());
  }

  /** The poster's size, and how bright and varied it is (a black or blank frame is neither). */
  async function poster(key: string, fop: string) {
    const { res, body } = await fetchFop(key, fop);
    const image = sharp(body);
    const [meta, stats] = await Promise.all([image.metadata(), image.stats()]);
    const mean = stats.channels.slice(0, 3).reduce((sum, c) => sum + c.mean, 0) / 3;
    const spread = Math.max(...stats.channels.slice(0, 3).map((c) => c.stdev));
    return { type: res.headers.get('content-type'), width: meta.width, height: meta.height, mean, spread };
  }

  it('stores the HEVC MP4 and QuickTime clips as their ftyp brands say', () => {
    expect(t.store.stat('v/uhd.mp4')?.mime).toBe('video/mp4');
    expect(t.store.stat('v/uhd.mov')?.mime).toBe('video/quicktime');
  });

  it.each(['v/uhd.mp4', 'v/uhd.mov'])('avinfo of %s: codec hevc, 3840x2160, 2 s, no rotation', async (key) => {
    const info = await avinfo(key);
    expect(info.streams[0]).toMatchObject({ codec_type: 'video', codec_name: 'hevc', width: 3840, height: 2160 });
    expect(info.streams[0].tags).toBeUndefined();
    expect(Number(info.format.duration)).toBeCloseTo(2, 1);
    // What the album records of it.
    expect(factsFromAvinfo(info)).toEqual({ durationMs: 2000, width: 3840, height: 2160, codec: 'hevc' });
  });

  it('avinfo of a portrait HEVC QuickTime: its rotation, and the upright size the album records', async () => {
    const info = await avinfo('v/uhd-portrait.mov');
    expect(info.streams[0]).toMatchObject({ codec_name: 'hevc', width: 3840, height: 2160 });
    expect(['90', '270']).toContain(info.streams[0].tags?.rotate);
    expect(factsFromAvinfo(info)).toMatchObject({ width: 2160, height: 3840, codec: 'hevc' });
  });

  it("the album's poster fops give a picture of the video, upright and at the asked size", async () => {
    const thumb = await poster('v/uhd.mp4', VIDEO_VARIANT_FOPS.thumb);
    expect(thumb).toMatchObject({ type: 'image/jpeg', width: 480, height: 270 });
    // The test pattern, not a black (or blank) frame.
    expect(thumb.mean).toBeGreaterThan(40);
    expect(thumb.spread).toBeGreaterThan(30);
    expect(await poster('v/uhd.mov', VIDEO_VARIANT_FOPS.thumb)).toMatchObject({ width: 480, height: 270 });
    const portrait = await poster('v/uhd-portrait.mov', VIDEO_VARIANT_FOPS.thumb);
    expect(portrait).toMatchObject({ width: 480, height: 853 });
    expect(portrait.mean).toBeGreaterThan(40);
    // The preview is the frame's own size, turned upright: 4K stays within vframe's 3840x2160 bound.
    expect(await poster('v/uhd-portrait.mov', VIDEO_VARIANT_FOPS.preview)).toMatchObject({
      width: 2160,
      height: 3840,
    });
  }, 60_000);
});

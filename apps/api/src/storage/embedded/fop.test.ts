import { readdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuseSteps, parseFop } from './fop.js';
import { planChain } from './image-size.js';
import { startTestStore, type TestStore } from './testing.js';

/** A photo-like JPEG (a gradient with texture, so quality settings change the size). */
async function photo(width: number, height: number, orientation?: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      pixels[i] = (x * 255) / width;
      pixels[i + 1] = (y * 255) / height;
      pixels[i + 2] = ((x * 7) ^ (y * 13)) & 0xff;
    }
  }
  const image = sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 });
  return (orientation ? image.withMetadata({ orientation }) : image).toBuffer();
}

describe('image processing on signed downloads', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await startTestStore();
    const token = t.uploadToken({ expires: 600 });
    for (const [key, bytes] of [
      ['p/landscape.jpg', await photo(1200, 800)],
      // Stored 600x400, EXIF says "rotate 90° clockwise to display": a 400x600 portrait.
      ['p/rotated.jpg', await photo(600, 400, 6)],
      ['p/notes.txt', Buffer.from('just text')],
      ['p/small.jpg', await photo(1000, 750)],
      // Tiny on disk, but past Qiniu's 30,000 px edge limit.
      [
        'p/long-strip.png',
        await sharp({ create: { width: 30_001, height: 4, channels: 3, background: '#123' } })
          .png()
          .toBuffer(),
      ],
    ] as const) {
      expect((await t.uploader.put(token, key, bytes, null)).resp.statusCode).toBe(200);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  async function fetchFop(key: string, fop: string) {
    const res = await fetch(t.downloadUrl(key, 300, fop));
    const body = Buffer.from(await res.arrayBuffer());
    return { res, body };
  }

  async function thumbnail(key: string, fop: string) {
    const { res, body } = await fetchFop(key, fop);
    expect(res.status, `${fop}: ${res.status === 200 ? '' : body.toString()}`).toBe(200);
    const meta = await sharp(body).metadata();
    return { type: res.headers.get('content-type'), width: meta.width, height: meta.height, format: meta.format, body };
  }

  it('imageView2 mode 2 fits inside w x h in the requested format', async () => {
    expect(await thumbnail('p/landscape.jpg', 'imageView2/2/w/200/h/200/format/webp')).toMatchObject({
      type: 'image/webp',
      format: 'webp',
      width: 200,
      height: 133,
    });
    expect(await thumbnail('p/landscape.jpg', 'imageView2/2/h/100')).toMatchObject({
      type: 'image/jpeg',
      width: 150,
      height: 100,
    });
    // Never enlarged.
    expect(await thumbnail('p/landscape.jpg', 'imageView2/2/w/5000/format/png')).toMatchObject({
      type: 'image/png',
      width: 1200,
      height: 800,
    });
  });

  it('imageView2 mode 1 crops to exactly w x h, a square when one edge is given', async () => {
    expect(await thumbnail('p/landscape.jpg', 'imageView2/1/w/150/h/100/format/png')).toMatchObject({
      format: 'png',
      width: 150,
      height: 100,
    });
    expect(await thumbnail('p/landscape.jpg', 'imageView2/1/w/120/format/jpg')).toMatchObject({
      format: 'jpeg',
      width: 120,
      height: 120,
    });
  });

  it('imageView2 mode 0 bounds the long edge with w and the short edge with h', async () => {
    expect(await thumbnail('p/landscape.jpg', 'imageView2/0/w/300')).toMatchObject({ width: 300, height: 200 });
    expect(await thumbnail('p/landscape.jpg', 'imageView2/0/h/100')).toMatchObject({ width: 150, height: 100 });
    expect(await thumbnail('p/landscape.jpg', 'imageView2/0/w/600/h/100')).toMatchObject({ width: 150, height: 100 });
  });

  it('q changes the encoding quality', async () => {
    const low = await thumbnail('p/landscape.jpg', 'imageView2/2/w/600/format/webp/q/10');
    const high = await thumbnail('p/landscape.jpg', 'imageView2/2/w/600/format/webp/q/95');
    expect(low.width).toBe(600);
    expect(low.body.length).toBeLessThan(high.body.length);
  });

  it('imageMogr2/auto-orient turns the pixels upright before resizing; imageView2 alone does not', async () => {
    expect(await thumbnail('p/rotated.jpg', 'imageMogr2/auto-orient/thumbnail/300x/format/webp')).toMatchObject({
      format: 'webp',
      width: 300,
      height: 450,
    });
    expect(await thumbnail('p/rotated.jpg', 'imageView2/2/w/300')).toMatchObject({ width: 300, height: 200 });
    expect(
      await thumbnail('p/rotated.jpg', 'imageMogr2/auto-orient|imageView2/1/w/100/h/100/format/png'),
    ).toMatchObject({ format: 'png', width: 100, height: 100 });
    expect(await thumbnail('p/landscape.jpg', 'imageMogr2/thumbnail/!50p')).toMatchObject({ width: 600, height: 400 });
    // Two resizing steps: the first result goes on to the second as raw pixels.
    expect(await thumbnail('p/landscape.jpg', 'imageView2/2/w/600|imageView2/1/w/100/h/50/format/png')).toMatchObject({
      format: 'png',
      width: 100,
      height: 50,
    });
    expect(await thumbnail('p/landscape.jpg', 'imageMogr2/thumbnail/100x100!')).toMatchObject({
      width: 100,
      height: 100,
    });
  });

  it('imageInfo answers size, format, dimensions and orientation', async () => {
    const info = await fetchFop('p/landscape.jpg', 'imageInfo');
    expect(info.res.status).toBe(200);
    const landscapeSize = Number(
      (await fetch(t.downloadUrl('p/landscape.jpg'), { method: 'HEAD' })).headers.get('content-length'),
    );
    expect(JSON.parse(info.body.toString())).toEqual({
      size: landscapeSize,
      format: 'jpeg',
      width: 1200,
      height: 800,
      colorModel: 'ycbcr',
    });
    const rotated = await fetchFop('p/rotated.jpg', 'imageInfo');
    expect(JSON.parse(rotated.body.toString())).toMatchObject({ width: 600, height: 400, orientation: 'Right-top' });
  });

  it('caches each derived image on disk and drops it with the object', async () => {
    const token = t.uploadToken({ expires: 600 });
    expect((await t.uploader.put(token, 'p/cached.jpg', await photo(400, 300), null)).resp.statusCode).toBe(200);
    const cacheRoot = path.join(t.dir, 'cache');
    const before = new Set(await readdir(cacheRoot));
    const first = await thumbnail('p/cached.jpg', 'imageView2/2/w/100/format/webp');
    const folders = (await readdir(cacheRoot)).filter((f) => !before.has(f));
    expect(folders).toHaveLength(1);
    const folder = path.join(cacheRoot, folders[0] as string);
    expect(await readdir(folder)).toHaveLength(1);
    const second = await thumbnail('p/cached.jpg', 'imageView2/2/w/100/format/webp');
    expect(second.body.equals(first.body)).toBe(true);
    expect(await readdir(folder)).toHaveLength(1);

    // Replacing the object drops the old derived images; the new version gets its own.
    const replace = t.uploadToken({ scope: `${t.store.bucket}:p/cached.jpg`, expires: 600 });
    expect((await t.uploader.put(replace, 'p/cached.jpg', await photo(300, 300), null)).resp.statusCode).toBe(200);
    expect((await readdir(cacheRoot)).includes(folders[0] as string)).toBe(false);
    expect(await thumbnail('p/cached.jpg', 'imageView2/2/w/100/format/webp')).toMatchObject({
      width: 100,
      height: 100,
    });

    expect((await t.bucketManager.delete(t.store.bucket, 'p/cached.jpg')).resp.statusCode).toBe(200);
    expect(await readdir(cacheRoot)).toEqual([...before].filter((f) => !folders.includes(f)).sort());
  });

  it('renders the sizes planChain predicts, so its limits hold for what sharp really makes', async () => {
    for (const fop of [
      'imageMogr2/rotate/45',
      'imageMogr2/rotate/30/thumbnail/300x200!',
      'imageMogr2/thumbnail/!150p',
      'imageMogr2/thumbnail/!300x300r',
      'imageView2/3/w/300/h/100',
      'imageView2/1/w/2000/h/100',
    ]) {
      const fopSteps = parseFop(fop);
      if (fopSteps.kind !== 'image') throw new Error('expected an image fop');
      const planned = planChain(fuseSteps(fopSteps.steps), { width: 1200, height: 800 }).at(-1)?.output;
      const { width, height } = await thumbnail('p/landscape.jpg', fop);
      expect({ width, height }, fop).toEqual(planned);
    }
  });

  it("refuses results past Qiniu's size limits with 400, before rendering anything", async () => {
    const cacheRoot = path.join(t.dir, 'cache');
    const cachedBefore = await readdir(cacheRoot);
    for (const [fop, size] of [
      ['imageMogr2/thumbnail/9999x9999!', '9999x9999'],
      ['imageMogr2/thumbnail/!1000p', '10000x7500'],
      ['imageMogr2/thumbnail/9999x', '9999x7499'],
    ] as const) {
      const { res, body } = await fetchFop('p/small.jpg', fop);
      expect(res.status, fop).toBe(400);
      expect(JSON.parse(body.toString()).error, fop).toMatch(new RegExp(`result would be ${size}`));
    }
    // Nothing was rendered, so nothing was cached.
    expect(await readdir(cacheRoot)).toEqual(cachedBefore);
    // Enlarging within the limits still works.
    expect(await thumbnail('p/small.jpg', 'imageMogr2/thumbnail/!200p/format/webp')).toMatchObject({
      width: 2000,
      height: 1500,
    });
  });

  it('refuses a source past 30,000 px an edge with 400, from its header', async () => {
    const { res, body } = await fetchFop('p/long-strip.png', 'imageView2/2/w/100');
    expect(res.status).toBe(400);
    expect(JSON.parse(body.toString()).error).toMatch(/source image is 30001x4: at most 30000 px an edge/);
    // Its header is still readable.
    const info = await fetchFop('p/long-strip.png', 'imageInfo');
    expect(JSON.parse(info.body.toString())).toMatchObject({ width: 30_001, height: 4 });
  });

  it('refuses unknown or malformed fops and fops on non-images with 400', async () => {
    for (const fop of [
      'imageView2/9/w/100',
      'imageView2/2/w/abc',
      'imageView2/2/w/100/format/bmpx',
      'imageView2/2/q/0',
      'imageMogr2/thumbnail/big',
      'vframe/jpg/offset/1',
    ]) {
      const { res, body } = await fetchFop('p/landscape.jpg', fop);
      expect(res.status, fop).toBe(400);
      expect(JSON.parse(body.toString()).error, fop).toBeTruthy();
    }
    const text = await fetchFop('p/notes.txt', 'imageView2/2/w/100');
    expect(text.res.status).toBe(400);
  });
});

describe('parseFop', () => {
  it('reads imageView2 and imageMogr2 parameters and pipes', () => {
    expect(parseFop('imageView2/2/w/200/h/100/format/webp/q/80')).toEqual({
      kind: 'image',
      steps: [{ autoOrient: false, rotate: 0, viewMode: 2, width: 200, height: 100, format: 'webp', quality: 80 }],
    });
    expect(parseFop('imageMogr2/auto-orient/thumbnail/!400x300r/rotate/90/strip/')).toEqual({
      kind: 'image',
      steps: [
        {
          autoOrient: true,
          rotate: 90,
          viewMode: null,
          thumbnail: { kind: 'box', width: 400, height: 300, fit: 'outside' },
        },
      ],
    });
    expect(parseFop('imageInfo')).toEqual({ kind: 'imageInfo' });
    const chain = parseFop('imageMogr2/auto-orient|imageMogr2/rotate/90|imageView2/2/w/480/format/webp');
    if (chain.kind !== 'image') throw new Error('expected an image fop');
    // Turn-only steps fold into the resize, so the chain is one sharp pipeline.
    expect(fuseSteps(chain.steps)).toEqual([{ autoOrient: true, rotate: 90, viewMode: 2, width: 480, format: 'webp' }]);
    expect(parseFop('imageMogr2/auto-orient|imageView2/0/w/10').kind).toBe('image');
    expect(() => parseFop('imageView2/2/w/10000')).toThrow(/between 1 and 9999/);
    expect(() => parseFop('imageMogr2/blur/3x5')).toThrow(/unknown imageMogr2 parameter blur/);
  });
});

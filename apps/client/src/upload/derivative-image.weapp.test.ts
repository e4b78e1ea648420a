/**
 * WeChat's derivative maker, with Taro's image APIs standing in by their documented contracts: getImageInfo
 * answers the source's type, size and EXIF orientation; compressImage writes a JPEG of the asked quality and
 * width; the file system answers its size.
 */
import Taro from '@tarojs/taro';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeDerivative } from './derivative-image.weapp';

type Info = { type: string; width: number; height: number; orientation: string };
const THUMB = { variant: 'thumb', maxSide: 480, maxBytes: 256 * 1024 };

describe('makeDerivative on weapp', () => {
  let infos: Record<string, Info>;
  let compressed: { src: string; quality: number; compressedWidth?: number; compressedHeight?: number }[];
  /** Sizes the file system answers for the files made, in turn (40 000 once they run out). */
  let sizes: number[];

  /** An offscreen 2d canvas as WeChat documents it: createImage loads `src` (not "broken"), export writes a JPEG. */
  function offscreen() {
    const made: unknown[] = [];
    const drawn: string[] = [];
    const exports: { fileType: string; quality: number; destWidth: number; destHeight: number }[] = [];
    let refuse = false;
    Object.assign(Taro, {
      createOffscreenCanvas: (options: { type: string; width: number; height: number }) => {
        made.push(options);
        const context = {
          fillStyle: '',
          fillRect: (x: number, y: number, w: number, h: number) =>
            drawn.push(`fill ${context.fillStyle} ${x},${y} ${w}x${h}`),
          drawImage: (image: { src: string }, x: number, y: number, w: number, h: number) =>
            drawn.push(`draw ${image.src} ${x},${y} ${w}x${h}`),
        };
        return {
          getContext: () => context,
          createImage: () => {
            const image = { src: '', onload: () => undefined, onerror: () => undefined } as {
              src: string;
              onload: () => void;
              onerror: () => void;
            };
            return new Proxy(image, {
              set(target, key, value) {
                Reflect.set(target, key, value);
                if (key === 'src')
                  queueMicrotask(() => (String(value).includes('broken') ? target.onerror() : target.onload()));
                return true;
              },
            });
          },
        };
      },
      canvasToTempFilePath: (
        options: (typeof exports)[number] & {
          success: (r: { tempFilePath: string }) => void;
          fail: (e: { errMsg: string }) => void;
        },
      ) => {
        if (refuse) {
          options.fail({ errMsg: 'canvasToTempFilePath:fail canvas is empty' });
          return;
        }
        exports.push({
          fileType: options.fileType,
          quality: options.quality,
          destWidth: options.destWidth,
          destHeight: options.destHeight,
        });
        options.success({ tempFilePath: `wxfile://tmp/canvas-${exports.length}.jpg` });
      },
    });
    return {
      made,
      drawn,
      exports,
      refuseExport() {
        refuse = true;
      },
    };
  }
  const saved = { ...Taro };
  beforeEach(() => {
    infos = {};
    compressed = [];
    sizes = [];
    Object.assign(Taro, {
      getImageInfo: async ({ src }: { src: string }) => {
        const info = infos[src];
        if (!info) throw new Error(`getImageInfo:fail ${src}`);
        return info;
      },
      compressImage: async (options: (typeof compressed)[number]) => {
        compressed.push(options);
        return { tempFilePath: `wxfile://tmp/${compressed.length}.jpg` };
      },
      getFileSystemManager: () => ({
        getFileInfo: ({ success }: { success: (r: { size: number }) => void }) =>
          success({ size: sizes.shift() ?? 40_000 }),
      }),
    });
  });
  afterEach(() => Object.assign(Taro, saved));

  it('scales a JPEG photo to fit, by its longer side as shown', async () => {
    infos['wxfile://a.jpg'] = { type: 'jpeg', width: 4000, height: 3000, orientation: 'right' };
    const made = await makeDerivative({ path: 'wxfile://a.jpg', mime: 'image/jpeg' }, THUMB);
    expect(compressed[0]).toMatchObject({ src: 'wxfile://a.jpg', compressedHeight: 480 });
    expect(made?.file).toMatchObject({ mime: 'image/jpeg', width: 360, height: 480, size: 40_000 });
  });

  it('makes a video’s derivatives from the poster frame WeChat picked with it, and none without one', async () => {
    infos['wxfile://poster.jpg'] = { type: 'jpeg', width: 1280, height: 720, orientation: 'up' };
    const video = { path: 'wxfile://clip.mp4', mime: 'video/mp4' };
    const made = await makeDerivative({ ...video, posterPath: 'wxfile://poster.jpg' }, THUMB);
    expect(compressed.map((c) => c.src)).toEqual(['wxfile://poster.jpg']);
    expect(made?.file).toMatchObject({ mime: 'image/jpeg', width: 480, height: 270 });

    expect(await makeDerivative(video, THUMB)).toBeNull();
    expect(compressed).toHaveLength(1);
  });

  it('draws a PNG or WebP scaled on an offscreen canvas, on white, and exports a JPEG stepped down to fit', async () => {
    const canvases = offscreen();
    infos['wxfile://b.png'] = { type: 'png', width: 1600, height: 1200, orientation: 'up' };
    sizes = [300_000, 200_000];
    const made = await makeDerivative({ path: 'wxfile://b.png', mime: 'image/png' }, THUMB);
    expect(compressed).toEqual([]);
    expect(canvases.made).toEqual([{ type: '2d', width: 480, height: 360 }]);
    expect(canvases.drawn).toEqual(['fill #ffffff 0,0 480x360', 'draw wxfile://b.png 0,0 480x360']);
    expect(canvases.exports.map((e) => [e.fileType, e.quality, e.destWidth, e.destHeight])).toEqual([
      ['jpg', 0.85, 480, 360],
      ['jpg', 0.75, 480, 360],
    ]);
    expect(made?.file).toMatchObject({ mime: 'image/jpeg', name: 'thumb.jpg', width: 480, height: 360, size: 200_000 });

    infos['wxfile://c.webp'] = { type: 'webp', width: 300, height: 200, orientation: 'up' };
    sizes = [];
    const small = await makeDerivative({ path: 'wxfile://c.webp', mime: 'image/webp' }, THUMB);
    expect(small?.file).toMatchObject({ width: 300, height: 200 });
  });

  it('makes none of a HEIC photo, nor where the canvas cannot load the picture or export it', async () => {
    const canvases = offscreen();
    infos['wxfile://d.heic'] = { type: 'heic', width: 4000, height: 3000, orientation: 'up' };
    expect(await makeDerivative({ path: 'wxfile://d.heic', mime: 'image/heic' }, THUMB)).toBeNull();
    expect(canvases.made).toEqual([]);
    expect(compressed).toEqual([]);

    infos['wxfile://broken.png'] = { type: 'png', width: 800, height: 600, orientation: 'up' };
    expect(await makeDerivative({ path: 'wxfile://broken.png', mime: 'image/png' }, THUMB)).toBeNull();

    infos['wxfile://e.png'] = { type: 'png', width: 800, height: 600, orientation: 'up' };
    canvases.refuseExport();
    expect(await makeDerivative({ path: 'wxfile://e.png', mime: 'image/png' }, THUMB)).toBeNull();
  });
});

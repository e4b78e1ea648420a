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
  const saved = { ...Taro };
  beforeEach(() => {
    infos = {};
    compressed = [];
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
        getFileInfo: ({ success }: { success: (r: { size: number }) => void }) => success({ size: 40_000 }),
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

  it('makes none from a source compressImage would keep in another format', async () => {
    infos['wxfile://b.png'] = { type: 'png', width: 800, height: 600, orientation: 'up' };
    expect(await makeDerivative({ path: 'wxfile://b.png', mime: 'image/png' }, THUMB)).toBeNull();
    expect(compressed).toEqual([]);
  });
});

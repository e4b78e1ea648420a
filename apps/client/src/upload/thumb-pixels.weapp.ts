/**
 * WeChat's way to a small copy of a picked photo's pixels (see thumb-pixels.ts): the temp file loaded by
 * an offscreen 2D canvas (base library 2.16.1 and later), drawn scaled down into its top-left corner and
 * read back.
 */
import Taro from '@tarojs/taro';
import type { PickedFile } from './queue';
import { THUMB_MAX_SIDE, type ThumbPixels, thumbSize } from './thumbhash';

/** The part of WeChat's 2D context used here (Taro types the context as an empty interface). */
interface Context2d {
  drawImage(image: Taro.Image, dx: number, dy: number, width: number, height: number): void;
  getImageData(x: number, y: number, width: number, height: number): Taro.ImageData;
}

function load(image: Taro.Image, src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('WeChat cannot decode this photo'));
    image.src = src;
  });
}

export async function readThumbPixels(file: PickedFile): Promise<ThumbPixels | null> {
  if (typeof Taro.createOffscreenCanvas !== 'function') return null;
  // Big enough for any thumbnail: the canvas comes before the image (it makes it), the size after.
  const canvas = Taro.createOffscreenCanvas({ type: '2d', width: THUMB_MAX_SIDE, height: THUMB_MAX_SIDE });
  const context = canvas.getContext('2d') as unknown as Context2d | null;
  if (!context) return null;
  const image = canvas.createImage();
  await load(image, file.path);
  const size = thumbSize(image.width, image.height);
  if (!size) return null;
  context.drawImage(image, 0, 0, size.width, size.height);
  return { ...size, rgba: context.getImageData(0, 0, size.width, size.height).data };
}

/**
 * A small copy of a picked photo's pixels for its ThumbHash, in the browser: createImageBitmap decodes
 * the File (scaling down as it decodes where the browser takes resize options), else an <img> loads it;
 * either is drawn at thumbnail size on an OffscreenCanvas where there is one, else a <canvas>, and read
 * back. WeChat: thumb-pixels.weapp.ts; React Native: thumb-pixels.rn.ts.
 */
import type { PickedFileSource } from './file-head';
import type { PickedFile } from './queue';
import { type Size, type ThumbPixels, thumbSize } from './thumbhash';

interface Decoded {
  image: CanvasImageSource;
  width: number;
  height: number;
  release(): void;
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('the browser cannot decode this photo'));
    image.src = src;
  });
}

async function decode(file: PickedFile, target: Size | null): Promise<Decoded> {
  const blob = (file.source as PickedFileSource | undefined)?.originalFileObj;
  if (blob && typeof createImageBitmap === 'function') {
    const options: ImageBitmapOptions = target
      ? { resizeWidth: target.width, resizeHeight: target.height, resizeQuality: 'medium' }
      : {};
    const bitmap = await createImageBitmap(blob, options);
    return { image: bitmap, width: bitmap.width, height: bitmap.height, release: () => bitmap.close() };
  }
  const image = await loadImage(file.path);
  return { image, width: image.naturalWidth, height: image.naturalHeight, release() {} };
}

function context2d(size: Size): CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null {
  if (typeof OffscreenCanvas === 'function') return new OffscreenCanvas(size.width, size.height).getContext('2d');
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  return canvas.getContext('2d');
}

/** The photo at thumbnail size; null (or a rejection) when the browser cannot decode or draw it. */
export async function readThumbPixels(file: PickedFile): Promise<ThumbPixels | null> {
  const known = file.width && file.height ? thumbSize(file.width, file.height) : null;
  const photo = await decode(file, known);
  try {
    // A browser that ignored the resize options gave the whole photo: drawing scales it down.
    const size = thumbSize(photo.width, photo.height);
    const context = size && context2d(size);
    if (!size || !context) return null;
    context.drawImage(photo.image, 0, 0, size.width, size.height);
    return { ...size, rgba: context.getImageData(0, 0, size.width, size.height).data };
  } finally {
    photo.release();
  }
}

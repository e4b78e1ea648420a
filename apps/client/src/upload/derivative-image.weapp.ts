/**
 * A derivative JPEG in WeChat (see derivative-image.ts), the way derivative-route.ts picks by the source's
 * type: a JPEG through Taro.compressImage (its longer side to `maxSide`, never enlarged; base library 2.26
 * for compressedWidth/Height), a PNG/WebP/GIF/BMP drawn on an offscreen 2d canvas and exported as JPEG; the
 * quality stepped down until the file is under `maxBytes` (its size read from the file system). Videos use
 * the poster frame WeChat's chooseMedia made (thumbTempFilePath, a JPEG). HEIC gets none: WeChat cannot
 * decode it everywhere (the album falls back to the original). A canvas export that fails also gives none.
 */
import Taro from '@tarojs/taro';
import { isVideoMime } from '@xiaojia/shared';
import { encodeWithin, fitWithin, type Size } from './derivative-fit';
import type { DerivativeSpec, MadeDerivative } from './derivative-image';
import { compressScale, derivativeRoute } from './derivative-route';

export type { DerivativeSpec, MadeDerivative } from './derivative-image';

/** EXIF orientations that turn the picture a quarter: its width as shown is the stored height. */
const QUARTER_TURNS = new Set(['left', 'right', 'left-mirrored', 'right-mirrored']);

function fileSize(filePath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().getFileInfo({
      filePath,
      success: (result) => resolve(result.size),
      fail: (error) => reject(new Error(`cannot stat the derivative: ${error.errMsg}`)),
    });
  });
}

/** The source drawn at `size` on an offscreen 2d canvas, ready to export. */
async function drawnOnCanvas(source: string, size: Size): Promise<Taro.OffscreenCanvas> {
  const canvas = Taro.createOffscreenCanvas({ type: '2d', width: size.width, height: size.height });
  const context = canvas.getContext('2d') as CanvasRenderingContext2D;
  const image = canvas.createImage() as unknown as HTMLImageElement;
  await new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error(`cannot load ${source} on a canvas`));
    image.src = source;
  });
  // JPEG has no transparency: a transparent PNG goes on white, not black.
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, size.width, size.height);
  context.drawImage(image, 0, 0, size.width, size.height);
  return canvas;
}

function exported(canvas: Taro.OffscreenCanvas, size: Size, quality: number): Promise<string> {
  return new Promise((resolve, reject) => {
    Taro.canvasToTempFilePath({
      canvas: canvas as never,
      canvasId: '',
      destWidth: size.width,
      destHeight: size.height,
      fileType: 'jpg',
      quality,
      success: (result) => resolve(result.tempFilePath),
      fail: (error) => reject(new Error(`canvas export: ${error.errMsg}`)),
    });
  });
}

export async function makeDerivative(
  file: { path: string; mime: string; posterPath?: string },
  spec: DerivativeSpec,
): Promise<MadeDerivative | null> {
  const source = isVideoMime(file.mime) ? file.posterPath : file.path;
  if (!source) return null;
  const info = await Taro.getImageInfo({ src: source });
  const route = derivativeRoute(info.type);
  if (route === 'none') return null;
  const turned = QUARTER_TURNS.has(info.orientation);
  const shown = turned ? { width: info.height, height: info.width } : { width: info.width, height: info.height };
  const size = fitWithin(shown.width, shown.height, spec.maxSide);
  let made: { path: string; size: number };
  if (route === 'compress') {
    const scale = compressScale(shown, size);
    made = await encodeWithin(spec.maxBytes, async (quality) => {
      const { tempFilePath } = await Taro.compressImage({ src: source, quality: Math.round(quality * 100), ...scale });
      return { path: tempFilePath, size: await fileSize(tempFilePath) };
    });
  } else {
    const canvas = await drawnOnCanvas(source, size).catch(() => null);
    if (!canvas) return null;
    try {
      made = await encodeWithin(spec.maxBytes, async (quality) => {
        const path = await exported(canvas, size, quality);
        return { path, size: await fileSize(path) };
      });
    } catch (error) {
      // Too large even at the lowest quality is the caller's to hear; an export WeChat refuses means none.
      if (error instanceof Error && error.message.startsWith('canvas export')) return null;
      throw error;
    }
  }
  return {
    file: { path: made.path, name: `${spec.variant}.jpg`, size: made.size, mime: 'image/jpeg', ...size },
    release() {},
  };
}

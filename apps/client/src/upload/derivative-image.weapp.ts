/**
 * A derivative JPEG in WeChat (see derivative-image.ts): Taro.compressImage scales the photo (its longer
 * side to `maxSide`, never enlarged; base library 2.26 for compressedWidth/Height) and sets the JPEG
 * quality, stepped down until the file is under `maxBytes` (its size read from the file system). It keeps
 * the source's format, so only JPEG sources get derivatives here: JPEG photos, and videos through the
 * poster frame WeChat's chooseMedia made (thumbTempFilePath, a JPEG). Other photos get none (the album
 * falls back to the original).
 */
import Taro from '@tarojs/taro';
import { isVideoMime } from '@xiaojia/shared';
import { encodeWithin, fitWithin } from './derivative-fit';
import type { DerivativeSpec, MadeDerivative } from './derivative-image';

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

export async function makeDerivative(
  file: { path: string; mime: string; posterPath?: string },
  spec: DerivativeSpec,
): Promise<MadeDerivative | null> {
  const source = isVideoMime(file.mime) ? file.posterPath : file.path;
  if (!source) return null;
  const info = await Taro.getImageInfo({ src: source });
  if (info.type !== 'jpeg' && info.type !== 'jpg') return null;
  const turned = QUARTER_TURNS.has(info.orientation);
  const shown = turned ? { width: info.height, height: info.width } : { width: info.width, height: info.height };
  const size = fitWithin(shown.width, shown.height, spec.maxSide);
  const scaled = size.width < shown.width;
  // One side given, the other follows the aspect; none given keeps the size (never enlarged).
  const scale = scaled
    ? shown.width >= shown.height
      ? { compressedWidth: size.width }
      : { compressedHeight: size.height }
    : {};
  const made = await encodeWithin(spec.maxBytes, async (quality) => {
    const { tempFilePath } = await Taro.compressImage({ src: source, quality: Math.round(quality * 100), ...scale });
    return { path: tempFilePath, size: await fileSize(tempFilePath) };
  });
  return {
    file: { path: made.path, name: `${spec.variant}.jpg`, size: made.size, mime: 'image/jpeg', ...size },
    release() {},
  };
}

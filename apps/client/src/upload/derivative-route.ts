/**
 * How WeChat makes a photo's derivative JPEG, by the type getImageInfo reports (derivative-image.weapp.ts):
 *  - JPEG: Taro.compressImage, which scales and sets the quality but keeps the source's format;
 *  - PNG, WebP, GIF, BMP: drawn scaled on an offscreen 2d canvas (wx.createOffscreenCanvas, base library
 *    2.16.1, with the canvas's own createImage) and exported as JPEG (wx.canvasToTempFilePath with
 *    `canvas`, fileType 'jpg', quality);
 *  - HEIC/HEIF and anything else: none. WeChat documents no HEIC decoding for compressImage or a canvas
 *    image, and Android's WeChat cannot load one, so the album shows the original (as before). A photo
 *    picked with sizeType 'compressed' usually arrives as JPEG anyway.
 */

export type DerivativeRoute = 'compress' | 'canvas' | 'none';

const CANVAS_TYPES = new Set(['png', 'webp', 'gif', 'bmp']);

export function derivativeRoute(imageType: string): DerivativeRoute {
  const type = imageType.toLowerCase();
  if (type === 'jpeg' || type === 'jpg') return 'compress';
  return CANVAS_TYPES.has(type) ? 'canvas' : 'none';
}

/** What compressImage is asked to scale: the longer side shown, or nothing when it already fits. */
export function compressScale(
  shown: { width: number; height: number },
  fitted: { width: number; height: number },
): { compressedWidth?: number; compressedHeight?: number } {
  if (fitted.width >= shown.width) return {};
  // One side given, the other follows the aspect.
  return shown.width >= shown.height ? { compressedWidth: fitted.width } : { compressedHeight: fitted.height };
}

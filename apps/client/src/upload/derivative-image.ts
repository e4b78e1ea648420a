/**
 * A derivative JPEG (thumbnail, preview) of a picked photo or a video's poster frame, made in the browser
 * for buckets without image processing: the photo decoded by createImageBitmap with its EXIF orientation
 * applied (else an <img>, which browsers orient themselves), a video's frame from a <video> element a second
 * in; drawn to fit `maxSide` (never enlarged) on an OffscreenCanvas where there is one, else a <canvas>,
 * and encoded as JPEG at falling qualities until it is under `maxBytes`.
 * WeChat: derivative-image.weapp.ts; React Native: derivative-image.rn.ts.
 */
import { isVideoMime } from '@xiaojia/shared';
import { encodeWithin, fitWithin, posterTime, type Size } from './derivative-fit';
import type { PickedFileSource } from './file-head';
import type { PickedFile } from './queue';

export interface DerivativeSpec {
  variant: string;
  maxSide: number;
  maxBytes: number;
}

/** A made derivative, as a file the senders take; `release` frees it once sent (or not). */
export interface MadeDerivative {
  file: PickedFile;
  release(): void;
}

interface Decoded {
  image: CanvasImageSource;
  width: number;
  height: number;
  release(): void;
}

function waitFor(target: EventTarget, ok: string, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    target.addEventListener(ok, () => resolve(), { once: true });
    target.addEventListener('error', () => reject(new Error(`the browser cannot decode this ${what}`)), {
      once: true,
    });
  });
}

async function decodePhoto(blob: Blob): Promise<Decoded> {
  if (typeof createImageBitmap === 'function') {
    const bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
    return { image: bitmap, width: bitmap.width, height: bitmap.height, release: () => bitmap.close() };
  }
  const url = URL.createObjectURL(blob);
  const image = new Image();
  const loaded = waitFor(image, 'load', 'photo');
  image.src = url;
  await loaded.catch((error: unknown) => {
    URL.revokeObjectURL(url);
    throw error;
  });
  return { image, width: image.naturalWidth, height: image.naturalHeight, release: () => URL.revokeObjectURL(url) };
}

async function decodeVideoFrame(blob: Blob): Promise<Decoded> {
  const url = URL.createObjectURL(blob);
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.preload = 'auto';
  const release = () => {
    video.removeAttribute('src');
    video.load();
    URL.revokeObjectURL(url);
  };
  try {
    const metadata = waitFor(video, 'loadeddata', 'video');
    video.src = url;
    await metadata;
    const seeked = waitFor(video, 'seeked', 'video');
    video.currentTime = posterTime(video.duration);
    await seeked;
    return { image: video, width: video.videoWidth, height: video.videoHeight, release };
  } catch (error) {
    release();
    throw error;
  }
}

interface JpegCanvas {
  context: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
  toJpeg(quality: number): Promise<Blob>;
}

function jpegCanvas(size: Size): JpegCanvas {
  if (typeof OffscreenCanvas === 'function') {
    const canvas = new OffscreenCanvas(size.width, size.height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas');
    return { context, toJpeg: (quality) => canvas.convertToBlob({ type: 'image/jpeg', quality }) };
  }
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas');
  return {
    context,
    toJpeg: (quality) =>
      new Promise((resolve, reject) =>
        canvas.toBlob(
          (blob) => (blob ? resolve(blob) : reject(new Error('the canvas made no JPEG'))),
          'image/jpeg',
          quality,
        ),
      ),
  };
}

async function bytesOf(file: PickedFile): Promise<Blob> {
  const original = (file.source as PickedFileSource | undefined)?.originalFileObj;
  return original ?? (await fetch(file.path)).blob();
}

export async function makeDerivative(file: PickedFile, spec: DerivativeSpec): Promise<MadeDerivative | null> {
  const blob = await bytesOf(file);
  const decoded = isVideoMime(file.mime) ? await decodeVideoFrame(blob) : await decodePhoto(blob);
  let jpeg: Blob & { quality: number };
  let size: Size;
  try {
    size = fitWithin(decoded.width, decoded.height, spec.maxSide);
    const canvas = jpegCanvas(size);
    // JPEG has no transparency: a PNG's clear parts become white, not black.
    canvas.context.fillStyle = '#ffffff';
    canvas.context.fillRect(0, 0, size.width, size.height);
    canvas.context.drawImage(decoded.image, 0, 0, size.width, size.height);
    jpeg = await encodeWithin(spec.maxBytes, canvas.toJpeg);
  } finally {
    decoded.release();
  }
  const path = URL.createObjectURL(jpeg);
  const source: PickedFileSource = { path, size: jpeg.size, originalFileObj: jpeg };
  return {
    file: { path, name: `${spec.variant}.jpg`, size: jpeg.size, mime: 'image/jpeg', ...size, source },
    release: () => URL.revokeObjectURL(path),
  };
}

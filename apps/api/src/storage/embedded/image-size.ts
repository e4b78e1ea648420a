/**
 * What each step of an image chain does to the picture's size, worked out from the source's header before
 * a single pixel is decoded, and the limits that keep one request from asking for gigabytes.
 *
 * The limits are Qiniu's own for synchronous image processing (developer.qiniu.com, "图片基本处理
 * (imageView2)" and "图片高级处理 (imageMogr2)", 限制说明 / 同步处理): the source may be at most 30,000 px
 * on either edge and 150 million px in all; the result at most 9,999 px on either edge and 24,999,999 px
 * in all. Past them Kodo refuses the request rather than clamping it, and so does this store (400).
 */
import type sharp from 'sharp';
import { KODO, KodoError } from './errors.js';
import type { ImageStep } from './fop.js';

export const MAX_INPUT_EDGE = 30_000;
export const MAX_INPUT_PIXELS = 150_000_000;
export const MAX_OUTPUT_EDGE = 9_999;
export const MAX_OUTPUT_PIXELS = 24_999_999;

export interface Size {
  width: number;
  height: number;
}

/** One step as sharp will run it: its resize (null: none) and the size that comes out. */
export interface StepPlan {
  resize: sharp.ResizeOptions | null;
  output: Size;
}

function tooLarge(message: string): KodoError {
  return new KodoError(KODO.badRequest, message);
}

/** Refuses a source past Qiniu's input limits (also applied to a turned canvas, which sharp holds whole). */
export function checkInputSize({ width, height }: Size, what = 'source image'): void {
  if (width > MAX_INPUT_EDGE || height > MAX_INPUT_EDGE || width * height > MAX_INPUT_PIXELS) {
    throw tooLarge(
      `${what} is ${width}x${height}: at most ${MAX_INPUT_EDGE} px an edge and ${MAX_INPUT_PIXELS} px in all`,
    );
  }
}

function checkOutputSize({ width, height }: Size): void {
  if (width > MAX_OUTPUT_EDGE || height > MAX_OUTPUT_EDGE || width * height > MAX_OUTPUT_PIXELS) {
    throw tooLarge(
      `result would be ${width}x${height}: at most ${MAX_OUTPUT_EDGE} px an edge and ${MAX_OUTPUT_PIXELS} px in all`,
    );
  }
}

/** The canvas a rotation by `degrees` needs (quarter turns swap the edges; other angles grow it). */
function turnedSize({ width, height }: Size, degrees: number): Size {
  const radians = (degrees * Math.PI) / 180;
  const cos = Math.abs(Math.cos(radians));
  const sin = Math.abs(Math.sin(radians));
  const edge = (a: number, b: number) => Math.round(a * cos + b * sin);
  return { width: edge(width, height), height: edge(height, width) };
}

/** Target size for one step, from the (turned) size it starts from. */
function resizeFor(step: ImageStep, { width, height }: Size): sharp.ResizeOptions | null {
  if (step.viewMode !== null) {
    const { width: w, height: h } = step;
    if (!w && !h) return null;
    switch (step.viewMode) {
      case 0: {
        // w limits the long edge, h the short edge.
        const long = Math.max(width, height);
        const short = Math.min(width, height);
        const scale = Math.min(w ? w / long : Number.POSITIVE_INFINITY, h ? h / short : Number.POSITIVE_INFINITY, 1);
        return {
          width: Math.max(1, Math.round(width * scale)),
          height: Math.max(1, Math.round(height * scale)),
          fit: 'fill',
        };
      }
      case 1: {
        // Only one of w/h: a square.
        const side = (w ?? h) as number;
        return { width: w ?? side, height: h ?? side, fit: 'cover', position: 'centre', withoutEnlargement: true };
      }
      case 2:
        return { width: w, height: h, fit: 'inside', withoutEnlargement: true };
      case 3:
        return { width: w, height: h, fit: 'outside', withoutEnlargement: true };
    }
  }
  const thumb = step.thumbnail;
  if (!thumb) return null;
  if (thumb.kind === 'percent') {
    return {
      width: Math.max(1, Math.round((width * thumb.percent) / 100)),
      height: Math.max(1, Math.round((height * thumb.percent) / 100)),
      fit: 'fill',
    };
  }
  return {
    width: thumb.width,
    height: thumb.height,
    fit: thumb.fit,
    withoutEnlargement: thumb.only === 'shrink',
    withoutReduction: thumb.only === 'enlarge',
  };
}

/** The size sharp gives for `resize` of a `from`-sized picture (at most that size: it may round down). */
function resizedSize(resize: sharp.ResizeOptions, from: Size): Size {
  const { width: w, height: h, fit } = resize;
  if (fit === 'fill' || (fit === 'cover' && !resize.withoutEnlargement)) {
    return { width: w ?? from.width, height: h ?? from.height };
  }
  const sx = w ? w / from.width : undefined;
  const sy = h ? h / from.height : undefined;
  let scale: number;
  if (fit === 'cover' || fit === 'outside') scale = Math.max(sx ?? 0, sy ?? 0);
  else scale = Math.min(sx ?? Number.POSITIVE_INFINITY, sy ?? Number.POSITIVE_INFINITY);
  if (resize.withoutEnlargement) scale = Math.min(scale, 1);
  if (resize.withoutReduction) scale = Math.max(scale, 1);
  const scaled = { width: Math.round(from.width * scale), height: Math.round(from.height * scale) };
  // cover crops the scaled picture to the box.
  if (fit === 'cover')
    return { width: Math.min(scaled.width, w ?? scaled.width), height: Math.min(scaled.height, h ?? scaled.height) };
  return scaled;
}

/**
 * Plans a (fused) chain on a source of `source` size with EXIF `orientation`: every step's resize and
 * result size. Throws a 400 when the source, a turned canvas or any step's result passes the limits.
 */
export function planChain(steps: ImageStep[], source: Size, orientation = 1): StepPlan[] {
  checkInputSize(source);
  let size = source;
  return steps.map((step, index) => {
    // Only the stored file has EXIF; later steps read the raw pixels of the one before.
    if (step.autoOrient && index === 0 && orientation >= 5) size = { width: size.height, height: size.width };
    if (step.rotate % 360 !== 0) {
      size = turnedSize(size, step.rotate);
      checkInputSize(size, 'turned image');
    }
    const resize = resizeFor(step, size);
    size = resize ? resizedSize(resize, size) : size;
    checkOutputSize(size);
    return { resize, output: size };
  });
}

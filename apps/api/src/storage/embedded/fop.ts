/**
 * The image processing subset of Kodo's data processing (fop) the client uses, done with sharp:
 *   imageView2/<mode>/w/<W>/h/<H>/format/<F>/q/<Q>   modes 0-3, formats jpg png webp gif
 *   imageMogr2/auto-orient/thumbnail/<spec>/format/<F>/quality/<Q>/rotate/<deg>/strip
 *   imageInfo
 *   vframe, avinfo (videos, with ffmpeg: video.ts)
 * and chains of the image commands joined by `|`. A wrong parameter is a 400 naming it, as Kodo does.
 * Derived images never carry the original's metadata (EXIF, GPS).
 */
import { createHash } from 'node:crypto';
import type sharp from 'sharp';
import { KODO, KodoError } from './errors.js';
import { MAX_INPUT_PIXELS, MAX_OUTPUT_EDGE, planChain, type Size, type StepPlan } from './image-size.js';
import { loadSharp } from './sharp.js';
import { parseVframe, type VframeSpec } from './video.js';

export type OutputFormat = 'jpeg' | 'png' | 'webp' | 'gif';

const FORMAT_NAMES: Record<string, OutputFormat> = { jpg: 'jpeg', jpeg: 'jpeg', png: 'png', webp: 'webp', gif: 'gif' };

export const FORMAT_MIME: Record<OutputFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
};

const DEFAULT_QUALITY = 75;

/** imageMogr2's thumbnail specs (the common ones). */
export type Thumbnail =
  | { kind: 'percent'; percent: number }
  | { kind: 'box'; width?: number; height?: number; fit: 'inside' | 'fill' | 'outside'; only?: 'shrink' | 'enlarge' };

export interface ImageStep {
  autoOrient: boolean;
  rotate: number;
  /** imageView2 mode, or null for imageMogr2. */
  viewMode: 0 | 1 | 2 | 3 | null;
  width?: number;
  height?: number;
  thumbnail?: Thumbnail;
  format?: OutputFormat;
  quality?: number;
}

export type Fop =
  | { kind: 'imageInfo' }
  | { kind: 'image'; steps: ImageStep[] }
  | { kind: 'avinfo' }
  | { kind: 'vframe'; frame: VframeSpec };

function bad(message: string): KodoError {
  return new KodoError(KODO.badRequest, message);
}

function parseInteger(text: string | undefined, name: string, min: number, max: number): number {
  if (text === undefined || !/^\d+$/.test(text)) throw bad(`invalid ${name}`);
  const value = Number(text);
  if (value < min || value > max) throw bad(`${name} must be between ${min} and ${max}`);
  return value;
}

function parseFormat(text: string | undefined): OutputFormat {
  const format = text ? FORMAT_NAMES[text.toLowerCase()] : undefined;
  if (!format) throw bad(`unsupported format ${String(text).slice(0, 20)}`);
  return format;
}

function parseImageView2(parts: string[]): ImageStep {
  const mode = parseInteger(parts[1], 'imageView2 mode', 0, 5);
  if (mode > 3) throw bad(`imageView2 mode ${mode} is not supported by the embedded store`);
  const step: ImageStep = { autoOrient: false, rotate: 0, viewMode: mode as 0 | 1 | 2 | 3 };
  for (let i = 2; i < parts.length; i += 2) {
    const name = parts[i];
    const value = parts[i + 1];
    switch (name) {
      case 'w':
        step.width = parseInteger(value, 'w', 1, MAX_OUTPUT_EDGE);
        break;
      case 'h':
        step.height = parseInteger(value, 'h', 1, MAX_OUTPUT_EDGE);
        break;
      case 'format':
        step.format = parseFormat(value);
        break;
      case 'q':
        step.quality = parseInteger(value, 'q', 1, 100);
        break;
      case 'interlace':
      case 'ignore-error':
        parseInteger(value, name, 0, 1);
        break;
      default:
        throw bad(`unknown imageView2 parameter ${String(name).slice(0, 20)}`);
    }
  }
  return step;
}

function parseThumbnail(spec: string | undefined): Thumbnail {
  const text = spec ?? '';
  let m = /^!(\d+)p$/.exec(text);
  if (m) return { kind: 'percent', percent: parseInteger(m[1], 'thumbnail percent', 1, 1000) };
  m = /^!(\d+)x(\d+)r$/.exec(text);
  if (m) {
    return {
      kind: 'box',
      width: parseInteger(m[1], 'thumbnail width', 1, MAX_OUTPUT_EDGE),
      height: parseInteger(m[2], 'thumbnail height', 1, MAX_OUTPUT_EDGE),
      fit: 'outside',
    };
  }
  m = /^(\d*)x(\d*)([!<>]?)$/.exec(text);
  if (m && (m[1] || m[2])) {
    const width = m[1] ? parseInteger(m[1], 'thumbnail width', 1, MAX_OUTPUT_EDGE) : undefined;
    const height = m[2] ? parseInteger(m[2], 'thumbnail height', 1, MAX_OUTPUT_EDGE) : undefined;
    const flag = m[3];
    if (flag === '!' && (!width || !height)) throw bad('thumbnail WxH! needs both sizes');
    return {
      kind: 'box',
      width,
      height,
      fit: flag === '!' ? 'fill' : 'inside',
      only: flag === '>' ? 'shrink' : flag === '<' ? 'enlarge' : undefined,
    };
  }
  throw bad(`unsupported thumbnail spec ${text.slice(0, 30)}`);
}

function parseImageMogr2(parts: string[]): ImageStep {
  const step: ImageStep = { autoOrient: false, rotate: 0, viewMode: null };
  for (let i = 1; i < parts.length; i++) {
    const name = parts[i];
    switch (name) {
      case 'auto-orient':
        step.autoOrient = true;
        break;
      case 'strip':
        break;
      case 'thumbnail':
        step.thumbnail = parseThumbnail(parts[++i]);
        break;
      case 'format':
        step.format = parseFormat(parts[++i]);
        break;
      case 'quality':
        step.quality = parseInteger(parts[++i], 'quality', 1, 100);
        break;
      case 'rotate':
        step.rotate = parseInteger(parts[++i], 'rotate', 0, 360);
        break;
      case 'interlace':
      case 'ignore-error':
        parseInteger(parts[++i], name, 0, 1);
        break;
      default:
        throw bad(`unknown imageMogr2 parameter ${String(name).slice(0, 20)}`);
    }
  }
  return step;
}

export function parseFop(text: string): Fop {
  if (text.length > 1000) throw bad('fop too long');
  if (text === 'imageInfo') return { kind: 'imageInfo' };
  if (text === 'avinfo') return { kind: 'avinfo' };
  if (text.startsWith('vframe/')) {
    const parts = text.split('/');
    while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
    return { kind: 'vframe', frame: parseVframe(parts) };
  }
  const steps = text.split('|').map((command) => {
    const parts = command.split('/');
    // Trailing slashes are harmless ("imageMogr2/auto-orient/").
    while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
    if (parts[0] === 'imageView2') return parseImageView2(parts);
    if (parts[0] === 'imageMogr2') return parseImageMogr2(parts);
    throw bad(`unsupported fop ${String(parts[0]).slice(0, 20)} in the embedded store`);
  });
  return { kind: 'image', steps };
}

/** A stable cache name for a fop (same text, same derived file). */
export function fopCacheName(text: string, format: OutputFormat): string {
  return `${createHash('sha1').update(text).digest('hex')}.${format}`;
}

/** The format a chain produces: the last explicit format, else the source's (JPEG when sharp can't write it). */
export function outputFormatOf(steps: ImageStep[], sourceMime: string): OutputFormat {
  for (let i = steps.length - 1; i >= 0; i--) {
    const format = steps[i]?.format;
    if (format) return format;
  }
  const source = Object.entries(FORMAT_MIME).find(([, mime]) => mime === sourceMime)?.[0] as OutputFormat | undefined;
  return source ?? 'jpeg';
}

function encode(image: sharp.Sharp, format: OutputFormat, quality: number | undefined): sharp.Sharp {
  const q = quality ?? DEFAULT_QUALITY;
  switch (format) {
    case 'jpeg':
      return image.jpeg({ quality: q });
    case 'webp':
      return image.webp({ quality: q });
    case 'png':
      return image.png();
    case 'gif':
      return image.gif();
  }
}

/** A step's input: the stored file, or the raw pixels an earlier step of a chain produced. */
type StepInput = string | { data: Buffer; info: sharp.OutputInfo };

async function load(input: StepInput): Promise<sharp.Sharp> {
  const open = await loadSharp();
  // The header was checked before decoding; this is libvips' own guard should a header lie.
  if (typeof input === 'string') return open(input, { limitInputPixels: MAX_INPUT_PIXELS });
  const { width, height, channels } = input.info;
  return open(input.data, { raw: { width, height, channels }, limitInputPixels: MAX_INPUT_PIXELS });
}

async function applyStep(input: StepInput, step: ImageStep, plan: StepPlan, format: OutputFormat | 'raw') {
  let image = await load(input);
  if (step.autoOrient) image = image.autoOrient();
  if (step.rotate % 360 !== 0) image = image.rotate(step.rotate);
  if (plan.resize) image = image.resize(plan.resize);
  if (format === 'raw') return image.raw().toBuffer({ resolveWithObject: true });
  return encode(image, format, step.quality).toBuffer({ resolveWithObject: true });
}

/** A step that only turns the picture (`imageMogr2/auto-orient`, `rotate`): no size, format or quality. */
function turnsOnly(step: ImageStep): boolean {
  return step.viewMode === null && !step.thumbnail && !step.format && step.quality === undefined;
}

/**
 * Folds turn-only steps into the step after them, so `imageMogr2/auto-orient|imageView2/...` is one sharp
 * pipeline: the JPEG is shrunk while it is decoded instead of being decoded whole, turned and re-read.
 */
export function fuseSteps(steps: ImageStep[]): ImageStep[] {
  const fused: ImageStep[] = [];
  for (const step of steps) {
    const previous = fused[fused.length - 1];
    if (previous && turnsOnly(previous)) {
      fused[fused.length - 1] = {
        ...step,
        autoOrient: previous.autoOrient || step.autoOrient,
        rotate: (previous.rotate + step.rotate) % 360,
      };
    } else {
      fused.push(step);
    }
  }
  return fused;
}

/** The source's size and EXIF orientation, from its header alone (nothing is decoded). */
async function sourceHeader(source: string): Promise<{ size: Size; orientation: number }> {
  const meta = await (await loadSharp())(source).metadata();
  if (!meta.width || !meta.height) throw bad('not an image');
  return { size: { width: meta.width, height: meta.height }, orientation: meta.orientation ?? 1 };
}

/**
 * Runs an image chain on a source file; returns the encoded result. The whole chain is planned from the
 * source's header first, so a source or a result past the limits is refused before anything is decoded.
 */
export async function renderImage(source: string, steps: ImageStep[], sourceMime: string): Promise<Buffer> {
  const finalFormat = outputFormatOf(steps, sourceMime);
  const chain = fuseSteps(steps);
  const header = await sourceHeader(source);
  const plans = planChain(chain, header.size, header.orientation);
  let input: StepInput = source;
  for (const [index, step] of chain.entries()) {
    // Between steps of a chain the pixels stay raw: nothing is lost, nothing is spent encoding.
    const format = index === chain.length - 1 ? finalFormat : 'raw';
    input = await applyStep(input, step, plans[index] as StepPlan, format);
  }
  if (typeof input === 'string') throw bad('empty fop');
  return input.data;
}

const ORIENTATION_NAMES = [
  '',
  'Top-left',
  'Top-right',
  'Bottom-right',
  'Bottom-left',
  'Left-top',
  'Right-top',
  'Right-bottom',
  'Left-bottom',
];

/** Kodo's imageInfo answer. */
export async function imageInfo(source: string, size: number): Promise<Record<string, string | number>> {
  const meta = await (await load(source)).metadata();
  if (!meta.width || !meta.height) throw bad('not an image');
  const format = meta.format === 'heif' ? 'heic' : meta.format;
  const colorModel = meta.hasAlpha ? 'nrgba' : meta.format === 'jpeg' ? 'ycbcr' : meta.space === 'b-w' ? 'gray' : 'rgb';
  const info: Record<string, string | number> = { size, format, width: meta.width, height: meta.height, colorModel };
  const orientation = meta.orientation ? ORIENTATION_NAMES[meta.orientation] : undefined;
  if (orientation) info.orientation = orientation;
  return info;
}

/**
 * Kodo's video fops, served with ffprobe and ffmpeg (developer.qiniu.com/dora/api/video-frame-thumbnails-vframe
 * and …/audio-and-video-metadata-information-avinfo):
 *   vframe/<jpg|png>[/offset/<seconds>][/w/<px>][/h/<px>][/rotate/<90|180|270|auto>]
 *     a frame at `offset` seconds (to the millisecond), scaled to w x h (one of them alone keeps the
 *     aspect ratio; neither: the frame's own size), turned clockwise or upright by the video's rotation
 *     (default: as stored). Kodo's bounds: the long side 20 to 3840 px, the short side 20 to 2160 px.
 *     An offset past the end gives the last frame, as Qiniu's peers (Volcengine's vframe) document it.
 *   avinfo
 *     ffprobe's format and streams, as Kodo answers them (strings for numbers ffprobe prints as strings).
 * The source must be a video within the image fops' input limits (image-size.ts), checked from its
 * header before any frame is decoded. The demuxer is forced to mov (MP4 and QuickTime) and may read only
 * the file itself, so a file cannot make ffmpeg open another.
 */
import { rotationOf } from '../video-facts.js';
import { KODO, KodoError } from './errors.js';
import { checkInputSize } from './image-size.js';
import { runTool, ToolFailedError, ToolMissingError, type VideoToolPaths } from './tools.js';

/** The longest offset accepted (a day, like MAX_VIDEO_DURATION_MS); past it the request is refused. */
export const MAX_OFFSET_SECONDS = 24 * 3600;
const MIN_EDGE = 20;
const MAX_LONG_EDGE = 3840;
const MAX_SHORT_EDGE = 2160;

export interface VframeSpec {
  format: 'jpg' | 'png';
  offsetMs: number;
  width?: number;
  height?: number;
  rotate: 0 | 90 | 180 | 270 | 'auto';
}

export interface VideoLimits {
  /** How long one ffprobe or ffmpeg run may take. */
  timeoutMs: number;
}

export const DEFAULT_VIDEO_LIMITS: VideoLimits = { timeoutMs: 20_000 };

/** ffprobe's JSON is a few kilobytes; a poster at most 3840x2160 a few megabytes. */
const MAX_PROBE_OUTPUT = 1024 * 1024;
const MAX_FRAME_OUTPUT = 32 * 1024 * 1024;

function bad(message: string): KodoError {
  return new KodoError(KODO.badRequest, message);
}

function edge(text: string | undefined, name: string): number {
  if (text === undefined || !/^\d{1,5}$/.test(text)) throw bad(`invalid vframe ${name}`);
  const value = Number(text);
  if (value < MIN_EDGE || value > MAX_LONG_EDGE)
    throw bad(`vframe ${name} must be between ${MIN_EDGE} and ${MAX_LONG_EDGE}`);
  return value;
}

export function parseVframe(parts: string[]): VframeSpec {
  const format = parts[1];
  if (format !== 'jpg' && format !== 'png') throw bad(`unsupported vframe format ${String(format).slice(0, 20)}`);
  const spec: VframeSpec = { format, offsetMs: 0, rotate: 0 };
  for (let i = 2; i < parts.length; i += 2) {
    const name = parts[i];
    const value = parts[i + 1];
    switch (name) {
      case 'offset': {
        if (value === undefined || !/^\d{1,9}(\.\d{1,3})?$/.test(value)) throw bad('invalid vframe offset');
        const seconds = Number(value);
        if (seconds > MAX_OFFSET_SECONDS) throw bad(`vframe offset must be at most ${MAX_OFFSET_SECONDS} seconds`);
        spec.offsetMs = Math.round(seconds * 1000);
        break;
      }
      case 'w':
        spec.width = edge(value, 'w');
        break;
      case 'h':
        spec.height = edge(value, 'h');
        break;
      case 'rotate':
        if (value === 'auto') spec.rotate = 'auto';
        else if (value === '90' || value === '180' || value === '270') spec.rotate = Number(value) as 90 | 180 | 270;
        else throw bad('vframe rotate must be 90, 180, 270 or auto');
        break;
      default:
        throw bad(`unknown vframe parameter ${String(name).slice(0, 20)}`);
    }
  }
  if (spec.width && spec.height && Math.min(spec.width, spec.height) > MAX_SHORT_EDGE) {
    throw bad(`vframe short side must be at most ${MAX_SHORT_EDGE}`);
  }
  return spec;
}

/** What ffprobe says of a file (the fields Kodo's avinfo carries). */
interface Probed {
  streams?: Array<Record<string, unknown>>;
  format?: Record<string, unknown>;
}

const STREAM_FIELDS = [
  'index',
  'codec_name',
  'codec_long_name',
  'codec_type',
  'profile',
  'width',
  'height',
  'pix_fmt',
  'r_frame_rate',
  'avg_frame_rate',
  'start_time',
  'duration',
  'bit_rate',
  'nb_frames',
  'sample_rate',
  'channels',
];
const FORMAT_FIELDS = ['nb_streams', 'format_name', 'format_long_name', 'start_time', 'duration', 'size', 'bit_rate'];

/** Reading only the file itself, as MP4/QuickTime (the only video types the album accepts). */
const SAFE_INPUT = ['-protocol_whitelist', 'file', '-f', 'mov'];

function pick(from: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) if (from[field] !== undefined) out[field] = from[field];
  return out;
}

/** The frame's size once turned and scaled; refused past Kodo's bounds when a size was asked for. */
function checkFrameSize(spec: VframeSpec, source: { width: number; height: number }, rotation: number): void {
  if (!spec.width && !spec.height) return;
  const turn = spec.rotate === 'auto' ? rotation : spec.rotate;
  const [w, h] = turn === 90 || turn === 270 ? [source.height, source.width] : [source.width, source.height];
  const width = spec.width ?? Math.round(((spec.height as number) * w) / h);
  const height = spec.height ?? Math.round(((spec.width as number) * h) / w);
  if (Math.max(width, height) > MAX_LONG_EDGE || Math.min(width, height) > MAX_SHORT_EDGE) {
    throw bad(`vframe result would be ${width}x${height}: at most ${MAX_LONG_EDGE}x${MAX_SHORT_EDGE}`);
  }
}

export class VideoTools {
  constructor(
    readonly paths: VideoToolPaths,
    readonly limits: VideoLimits = DEFAULT_VIDEO_LIMITS,
  ) {}

  private async run(program: 'ffmpeg' | 'ffprobe', args: string[], maxStdout: number): Promise<Buffer> {
    try {
      return await runTool(this.paths[program], args, { timeoutMs: this.limits.timeoutMs, maxStdout });
    } catch (error) {
      if (error instanceof ToolMissingError) {
        throw new KodoError(
          KODO.notImplemented,
          `video processing is unavailable: ${program} is not installed on this server (install the Debian package ffmpeg, or set XIAOJIA_${program.toUpperCase()})`,
        );
      }
      if (error instanceof ToolFailedError) throw bad(`not a readable video (${error.message})`);
      throw error;
    }
  }

  private async probe(file: string): Promise<Probed> {
    const out = await this.run(
      'ffprobe',
      ['-v', 'error', ...SAFE_INPUT, '-print_format', 'json', '-show_format', '-show_streams', file],
      MAX_PROBE_OUTPUT,
    );
    try {
      return JSON.parse(out.toString('utf8')) as Probed;
    } catch {
      throw bad('not a readable video');
    }
  }

  /** Kodo's avinfo answer. */
  async avinfo(file: string): Promise<{ streams: Array<Record<string, unknown>>; format: Record<string, unknown> }> {
    const probed = await this.probe(file);
    if (!probed.format || !Array.isArray(probed.streams) || probed.streams.length === 0) {
      throw bad('not a readable video');
    }
    const streams = probed.streams.slice(0, 16).map((stream) => {
      const out = pick(stream, STREAM_FIELDS);
      const rotation = rotationOf(stream);
      if (stream.codec_type === 'video' && rotation !== 0) out.tags = { rotate: String(rotation) };
      return out;
    });
    return { streams, format: pick(probed.format, FORMAT_FIELDS) };
  }

  /** The frame a vframe fop asks for, encoded. */
  async vframe(file: string, spec: VframeSpec): Promise<Buffer> {
    const probed = await this.probe(file);
    const video = probed.streams?.find((s) => s.codec_type === 'video');
    const width = Number(video?.width);
    const height = Number(video?.height);
    if (!video || !(width > 0) || !(height > 0)) throw bad('not a video');
    checkInputSize({ width, height }, 'source video');
    checkFrameSize(spec, { width, height }, rotationOf(video));
    const duration = Number(video.duration ?? probed.format?.duration);
    let offsetMs = spec.offsetMs;
    // Past the end: the last frame (a little before the end, where a frame still starts).
    if (Number.isFinite(duration) && offsetMs >= duration * 1000)
      offsetMs = Math.max(0, Math.floor(duration * 1000) - 200);
    let frame = await this.frameAt(file, spec, offsetMs);
    if (frame.length === 0 && offsetMs > 0) frame = await this.frameAt(file, spec, 0);
    if (frame.length === 0) throw bad('the video has no frame to show');
    return frame;
  }

  private frameAt(file: string, spec: VframeSpec, offsetMs: number): Promise<Buffer> {
    const filters: string[] = [];
    if (spec.rotate === 90) filters.push('transpose=1');
    if (spec.rotate === 180) filters.push('hflip,vflip');
    if (spec.rotate === 270) filters.push('transpose=2');
    if (spec.width || spec.height) filters.push(`scale=${spec.width ?? -1}:${spec.height ?? -1}`);
    const encoder = spec.format === 'png' ? ['-c:v', 'png'] : ['-c:v', 'mjpeg', '-pix_fmt', 'yuvj420p', '-q:v', '3'];
    return this.run(
      'ffmpeg',
      [
        '-nostdin',
        '-hide_banner',
        '-loglevel',
        'error',
        // ffmpeg turns frames upright by default; Kodo only when asked (rotate/auto).
        ...(spec.rotate === 'auto' ? [] : ['-noautorotate']),
        '-ss',
        (offsetMs / 1000).toFixed(3),
        ...SAFE_INPUT,
        '-i',
        file,
        '-map',
        '0:v:0',
        '-frames:v',
        '1',
        '-an',
        '-sn',
        '-dn',
        ...(filters.length ? ['-vf', filters.join(',')] : []),
        ...encoder,
        '-f',
        'image2pipe',
        'pipe:1',
      ],
      MAX_FRAME_OUTPUT,
    );
  }
}

/**
 * Real video clips for tests, made with ffmpeg at test time (scripts/test-prerequisites.mjs installs it):
 * ffmpeg's test pattern, H.264 (or HEVC, tagged hvc1 as iPhones record it) in MP4 (or QuickTime), a few
 * kilobytes. Made once per process and shape.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { callerFor } from './deps.js';
import { postToStorage } from './photos.js';

type Caller = ReturnType<typeof callerFor>;

const run = promisify(execFile);

export interface ClipShape {
  width?: number;
  height?: number;
  seconds?: number;
  /** A display rotation in the container (phones record portrait so: landscape pixels, turned on display). */
  rotate?: 90 | 180 | 270;
  container?: 'mp4' | 'mov';
  /** h264 (libx264) or hevc (libx265, tagged hvc1; see hevcEncoderMissing). */
  codec?: 'h264' | 'hevc';
  /** Frames a second of the test pattern (fewer keep a 4K clip quick to make). */
  rate?: number;
}

let dir: Promise<string> | null = null;
const made = new Map<string, Promise<Buffer>>();

async function ffmpeg(args: string[]): Promise<void> {
  try {
    await run('ffmpeg', ['-nostdin', '-hide_banner', '-loglevel', 'error', '-y', ...args]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(
        'The video tests need ffmpeg, which this machine does not have: apt-get install ffmpeg (pnpm test installs it as root)',
      );
    }
    throw error;
  }
}

const ENCODERS = {
  h264: ['-c:v', 'libx264'],
  // hvc1 (not ffmpeg's default hev1): the tag iPhones write, and the one Safari and WeChat play.
  hevc: ['-c:v', 'libx265', '-x265-params', 'log-level=error', '-tag:v', 'hvc1'],
} as const;

let hevcCheck: Promise<string | null> | null = null;

/** Why HEVC clips cannot be made here (this ffmpeg has no libx265), or null when they can. */
export function hevcEncoderMissing(): Promise<string | null> {
  hevcCheck ??= run('ffmpeg', ['-hide_banner', '-encoders']).then(
    ({ stdout }) =>
      /\slibx265\s/.test(stdout) ? null : 'this ffmpeg has no libx265 encoder, so no HEVC clip can be made',
    () => 'ffmpeg is not installed (apt-get install ffmpeg)',
  );
  return hevcCheck;
}

async function makeClip(shape: Required<Omit<ClipShape, 'rotate'>> & Pick<ClipShape, 'rotate'>): Promise<Buffer> {
  dir ??= mkdtemp(path.join(tmpdir(), 'xiaojia-clips-'));
  const base = path.join(await dir, `${shape.codec}-${shape.width}x${shape.height}-${shape.seconds}s-${shape.rate}`);
  const plain = `${base}.${shape.container}`;
  if (shape.rotate) {
    // The same pictures, turned on display: the unturned clip (made once) with a rotation tag.
    await clip({ ...shape, rotate: undefined });
    const rotated = `${base}-r${shape.rotate}.${shape.container}`;
    await ffmpeg(['-i', plain, '-c', 'copy', '-metadata:s:v:0', `rotate=${shape.rotate}`, rotated]);
    return readFile(rotated);
  }
  await ffmpeg([
    '-f',
    'lavfi',
    '-i',
    `testsrc=size=${shape.width}x${shape.height}:rate=${shape.rate}`,
    '-t',
    String(shape.seconds),
    ...ENCODERS[shape.codec],
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    '-movflags',
    '+faststart',
    plain,
  ]);
  return readFile(plain);
}

/** A clip of the test pattern (default H.264, 320x240, 2 s at 10 frames a second, MP4). */
export function clip(shape: ClipShape = {}): Promise<Buffer> {
  const full = {
    width: 320,
    height: 240,
    seconds: 2,
    container: 'mp4' as const,
    codec: 'h264' as const,
    rate: 10,
    ...shape,
  };
  const id = JSON.stringify(full);
  let clipBytes = made.get(id);
  if (!clipBytes) {
    clipBytes = makeClip(full);
    made.set(id, clipBytes);
  }
  return clipBytes;
}

/** Bytes that say "MP4" in their first box and are nothing after it: sniffed as video/mp4, unreadable. */
export function fakeMp4(): Buffer {
  return Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypisom'), Buffer.alloc(12), Buffer.alloc(4096, 7)]);
}

export interface VideoUpload {
  bytes: Buffer;
  filename?: string;
  mime?: 'video/mp4' | 'video/quicktime';
  /** What the device says (the stored object's probe wins when there is one). */
  durationMs?: number;
  width?: number;
  height?: number;
}

/** The whole upload flow for one video into `homeId`, as a client does it; returns the confirmed photo. */
export async function uploadVideo(caller: Caller, homeId: string, video: VideoUpload) {
  const filename = video.filename ?? 'first-steps.mp4';
  const mime = video.mime ?? 'video/mp4';
  const { tickets } = await caller.uploads.create({
    homeId,
    files: [{ filename, size: video.bytes.length, mime }],
  });
  const ticket = tickets[0];
  if (!ticket || ticket.kind !== 'upload') throw new Error('expected an upload ticket');
  const posted = await postToStorage(ticket, video.bytes, filename, mime);
  if (posted.status !== 200) throw new Error(`upload refused: ${posted.status} ${JSON.stringify(posted.body)}`);
  const confirmed = await caller.uploads.confirm({
    homeId,
    key: ticket.key,
    ...(video.width ? { width: video.width } : {}),
    ...(video.height ? { height: video.height } : {}),
    ...(video.durationMs ? { durationMs: video.durationMs } : {}),
  });
  return { ...confirmed, key: ticket.key };
}

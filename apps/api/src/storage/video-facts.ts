/**
 * A video's facts (length, upright size, codec) from an avinfo answer: Kodo's `avinfo`, the embedded
 * store's (the same, from ffprobe), or COS 数据万象's `ci-process=avinfo` (the same ffprobe shape). What
 * is out of bounds (longer than MAX_VIDEO_DURATION_MS, an edge past 100,000 px, a codec name that is not
 * one) is unknown, never stored.
 */
import { MAX_VIDEO_DURATION_MS } from '@xiaojia/shared';

export interface VideoFacts {
  durationMs: number | null;
  /** As displayed: a portrait phone video stored landscape with a 90° rotation is taller than wide. */
  width: number | null;
  height: number | null;
  codec: string | null;
}

const MAX_EDGE = 100_000;
/** An avinfo answer is a few kilobytes; more is not one. */
const MAX_AVINFO_BYTES = 256 * 1024;
const PROBE_TIMEOUT_MS = 10_000;

/** The display rotation in clockwise degrees (0, 90, 180, 270), from the display matrix or the old tag. */
export function rotationOf(stream: Record<string, unknown>): number {
  const side = Array.isArray(stream.side_data_list) ? (stream.side_data_list as Array<Record<string, unknown>>) : [];
  const fromMatrix = side.find((s) => typeof s.rotation === 'number')?.rotation as number | undefined;
  const tags = (stream.tags ?? {}) as Record<string, unknown>;
  // The display matrix turns counter-clockwise; the old tag said clockwise.
  const degrees = fromMatrix !== undefined ? -fromMatrix : Number(tags.rotate ?? 0);
  if (!Number.isFinite(degrees)) return 0;
  return (((Math.round(degrees / 90) * 90) % 360) + 360) % 360;
}

const edge = (value: unknown): number | null => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 && n <= MAX_EDGE ? n : null;
};

function record(value: unknown): Record<string, unknown> | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** The facts in an avinfo answer; null when it holds no video at all. */
export function factsFromAvinfo(info: unknown): VideoFacts | null {
  const root = record(info);
  const streams = Array.isArray(root?.streams) ? (root.streams as unknown[]).map(record) : [];
  const video = streams.find((s) => s?.codec_type === 'video') ?? null;
  if (!video) return null;
  const seconds = Number(record(root?.format)?.duration ?? video.duration);
  const ms = Math.round(seconds * 1000);
  const durationMs = Number.isFinite(ms) && ms > 0 && ms <= MAX_VIDEO_DURATION_MS ? ms : null;
  const turned = rotationOf(video) % 180 !== 0;
  const [w, h] = turned ? [video.height, video.width] : [video.width, video.height];
  const width = edge(w);
  const height = edge(h);
  const codec =
    typeof video.codec_name === 'string' && /^[A-Za-z0-9_.-]{1,32}$/.test(video.codec_name) ? video.codec_name : null;
  return { durationMs, width: width && height ? width : null, height: width && height ? height : null, codec };
}

/** GETs a signed avinfo URL (no redirects, a deadline, a bounded body); throws on any failure. */
export async function fetchAvinfo(url: string): Promise<VideoFacts | null> {
  const response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new Error(`avinfo answered HTTP ${response.status}`);
  }
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    if (bytes > MAX_AVINFO_BYTES) throw new Error(`avinfo answered more than ${MAX_AVINFO_BYTES} bytes`);
    chunks.push(chunk);
  }
  return factsFromAvinfo(JSON.parse(Buffer.concat(chunks).toString('utf8')));
}

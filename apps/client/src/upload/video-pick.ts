/**
 * Videos among the picked files. WeChat's chooseMedia and Taro's RN picker (expo-image-picker) answer
 * photos and videos in one list, a video with its length, size and (WeChat) a poster frame; this turns
 * their entries into the picker's temp files, and, when a video's turn comes in the queue, gathers its
 * facts: what the picker told, else what the browser reads (video-probe.ts), and a ThumbHash from a
 * frame when there is one. None of it is a reason to refuse a video: without facts it uploads all the
 * same, its length unknown until the server probes it.
 */
import type { TempFile } from './picker';
import type { PickedFile } from './queue';
import { makeThumbhash, type ThumbPixels } from './thumbhash';
import { durationMsOf, type VideoFacts } from './video-probe';

/** One entry of chooseMedia's tempFiles: WeChat's fields, or Taro RN's (an expo asset plus `path`). */
export interface MediaTempFile {
  tempFilePath?: string;
  path?: string;
  uri?: string;
  size?: number;
  fileSize?: number;
  /** RN: the mime type (Taro copies the asset's mimeType here). */
  type?: string;
  mimeType?: string;
  fileName?: string | null;
  fileType?: 'image' | 'video' | string;
  /** WeChat: seconds; RN (expo): milliseconds. */
  duration?: number | null;
  width?: number;
  height?: number;
  /** WeChat: the video's poster frame. */
  thumbTempFilePath?: string;
}

/** Longest clip WeChat's camera records (its range is 3 to 60 s; the album has no limit). */
export const CAMERA_MAX_DURATION_S = 60;

/** A chooseMedia entry as the picker's temp file; `platform` says the unit of `duration`. */
export function tempFileOfMedia(entry: MediaTempFile, platform = process.env.TARO_ENV): TempFile {
  const path = entry.tempFilePath ?? entry.path ?? entry.uri ?? '';
  const video = entry.fileType === 'video' || Boolean(entry.mimeType?.startsWith('video/'));
  const temp: TempFile = {
    path,
    size: entry.size ?? entry.fileSize ?? Number.NaN,
    ...(entry.mimeType || entry.type ? { type: entry.mimeType ?? entry.type } : {}),
    ...(entry.fileName ? { name: entry.fileName } : {}),
  };
  if (!video) return temp;
  temp.kind = 'video';
  const seconds = typeof entry.duration === 'number' ? (platform === 'rn' ? entry.duration / 1000 : entry.duration) : 0;
  const durationMs = durationMsOf(seconds);
  if (durationMs) temp.durationMs = durationMs;
  if (entry.width && entry.height && entry.width > 0 && entry.height > 0) {
    temp.width = Math.round(entry.width);
    temp.height = Math.round(entry.height);
  }
  if (entry.thumbTempFilePath) temp.posterPath = entry.thumbTempFilePath;
  return temp;
}

export interface VideoDeps {
  /** H5: the browser's reading of the file; elsewhere null (the picker told). */
  probeVideo(file: PickedFile): Promise<VideoFacts | null>;
  /** A small copy of an image's pixels (here: of the poster frame the picker made). */
  thumbPixels(file: PickedFile): Promise<ThumbPixels | null>;
}

/** A picked video's facts when its turn comes: the picker's word first, the browser's where it has none. */
export async function prepareVideoFacts(file: PickedFile, deps: VideoDeps): Promise<PickedFile> {
  const probed = await deps.probeVideo(file).catch(() => null);
  const out: PickedFile = { ...file };
  const durationMs = file.durationMs ?? probed?.durationMs;
  if (durationMs) out.durationMs = durationMs;
  if (!(file.width && file.height) && probed?.width && probed.height) {
    out.width = probed.width;
    out.height = probed.height;
  }
  const posterPath = file.posterPath ?? probed?.posterPath;
  if (posterPath) out.posterPath = posterPath;
  const pixels = probed?.pixels;
  const thumbhash = pixels
    ? await makeThumbhash(async () => pixels)
    : file.posterPath
      ? await makeThumbhash(() => deps.thumbPixels({ ...out, path: file.posterPath ?? '' }))
      : null;
  if (thumbhash) out.thumbhash = thumbhash;
  return out;
}

/** Whether the first bytes are an MP4 / QuickTime file: an ISO box (ftyp; older QuickTime moov, mdat…). */
export function looksLikeVideo(head: Uint8Array): boolean {
  const box = String.fromCharCode(...head.slice(4, 8));
  return ['ftyp', 'moov', 'mdat', 'wide', 'free', 'skip'].includes(box);
}

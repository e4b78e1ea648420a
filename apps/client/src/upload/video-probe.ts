/**
 * H5: what the browser can tell of a picked video without uploading it: its length and size from a
 * <video> element's metadata, and (cheaply, when it decodes) one early frame at thumbnail size for the
 * ThumbHash and the upload list's picture. A video the browser cannot decode (HEVC in Chrome, a damaged
 * file) answers what it learnt before the error, or null: it still uploads, its length unknown. WeChat
 * and RN take these facts from the picker instead (video-pick.ts).
 */
import { MAX_VIDEO_DURATION_MS } from '@xiaojia/shared';
import { type ThumbPixels, thumbSize } from './thumbhash';

export interface VideoFacts {
  durationMs?: number;
  width?: number;
  height?: number;
  /** An early frame at thumbnail size (for the ThumbHash). */
  pixels?: ThumbPixels;
  /** The same frame as a small JPEG (a data: URL): the upload list shows it. */
  posterPath?: string;
}

/** How long the browser may take to read the metadata and a frame (the queue prepares one file at a time). */
export const VIDEO_PROBE_TIMEOUT_MS = 8_000;
/** Where the frame is taken: a second in (past a black first frame), or halfway through a shorter clip. */
export const FRAME_AT_SECONDS = 1;

/** A length in ms the album records: positive, finite, at most a day; else undefined. */
export function durationMsOf(seconds: number): number | undefined {
  const ms = Math.round(seconds * 1000);
  return Number.isFinite(ms) && ms > 0 && ms <= MAX_VIDEO_DURATION_MS ? ms : undefined;
}

/** The video's current frame at thumbnail size; null where the browser cannot draw it. */
export function drawVideoFrame(video: HTMLVideoElement): Pick<VideoFacts, 'pixels' | 'posterPath'> | null {
  const size = thumbSize(video.videoWidth, video.videoHeight);
  if (!size) return null;
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.drawImage(video, 0, 0, size.width, size.height);
  return {
    pixels: { ...size, rgba: context.getImageData(0, 0, size.width, size.height).data },
    posterPath: canvas.toDataURL('image/jpeg', 0.8),
  };
}

export interface ProbeOptions {
  timeoutMs?: number;
  createVideo?(): HTMLVideoElement;
  drawFrame?(video: HTMLVideoElement): Pick<VideoFacts, 'pixels' | 'posterPath'> | null;
}

/** Reads the video at `src` (a blob: URL); never rejects. */
export function probeVideo(src: string, options: ProbeOptions = {}): Promise<VideoFacts | null> {
  const {
    timeoutMs = VIDEO_PROBE_TIMEOUT_MS,
    createVideo = () => document.createElement('video'),
    drawFrame = drawVideoFrame,
  } = options;
  return new Promise((resolve) => {
    const video = createVideo();
    let facts: VideoFacts | null = null;
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Lets the browser drop the decoder and the file at once.
      video.removeAttribute('src');
      video.load?.();
      resolve(facts);
    };
    const timer = setTimeout(finish, timeoutMs);
    video.addEventListener('loadedmetadata', () => {
      const durationMs = durationMsOf(video.duration);
      facts = {
        ...(durationMs ? { durationMs } : {}),
        ...(video.videoWidth > 0 && video.videoHeight > 0
          ? { width: video.videoWidth, height: video.videoHeight }
          : {}),
      };
      if (!facts.width) return finish();
      const at = Math.min(FRAME_AT_SECONDS, Number.isFinite(video.duration) ? video.duration / 2 : 0);
      video.currentTime = at;
    });
    video.addEventListener('seeked', () => {
      try {
        const frame = drawFrame(video);
        if (frame) facts = { ...facts, ...frame };
      } catch {
        // A frame the browser will not draw (tainted, out of memory): the facts go without it.
      }
      finish();
    });
    video.addEventListener('error', finish);
    video.muted = true;
    video.preload = 'metadata';
    video.playsInline = true;
    video.src = src;
  });
}

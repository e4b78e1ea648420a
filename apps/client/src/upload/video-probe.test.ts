import { describe, expect, it, vi } from 'vitest';
import { solidPixels } from '../../test/support/upload';
import { durationMsOf, probeVideo } from './video-probe';

/** A <video> whose metadata the test plays: jsdom loads no media. */
function fakeVideo(meta: { duration: number; width: number; height: number }) {
  const video = document.createElement('video');
  Object.defineProperty(video, 'duration', { get: () => meta.duration });
  Object.defineProperty(video, 'videoWidth', { get: () => meta.width });
  Object.defineProperty(video, 'videoHeight', { get: () => meta.height });
  video.load = vi.fn();
  let seekedTo: number | null = null;
  Object.defineProperty(video, 'currentTime', {
    get: () => seekedTo ?? 0,
    set: (value: number) => {
      seekedTo = value;
    },
  });
  return { video, seekedTo: () => seekedTo };
}

describe('probeVideo (H5)', () => {
  it('reads the length and size from the metadata and draws an early frame, muted', async () => {
    const { video, seekedTo } = fakeVideo({ duration: 12.5, width: 1920, height: 1080 });
    const frame = { pixels: solidPixels(100, 56), posterPath: 'data:image/jpeg;base64,AAAA' };
    const drawFrame = vi.fn(() => frame);
    const probing = probeVideo('blob:clip', { createVideo: () => video, drawFrame });
    expect(video.muted).toBe(true);
    expect(video.getAttribute('src')).toBe('blob:clip');
    video.dispatchEvent(new Event('loadedmetadata'));
    expect(seekedTo()).toBe(1);
    video.dispatchEvent(new Event('seeked'));
    expect(await probing).toEqual({ durationMs: 12_500, width: 1920, height: 1080, ...frame });
    expect(drawFrame).toHaveBeenCalledWith(video);
    // The element lets go of the file.
    expect(video.hasAttribute('src')).toBe(false);
  });

  it('takes the frame halfway through a clip shorter than two seconds', async () => {
    const { video, seekedTo } = fakeVideo({ duration: 0.8, width: 320, height: 240 });
    const probing = probeVideo('blob:short', { createVideo: () => video, drawFrame: () => null });
    video.dispatchEvent(new Event('loadedmetadata'));
    expect(seekedTo()).toBeCloseTo(0.4);
    video.dispatchEvent(new Event('seeked'));
    expect(await probing).toEqual({ durationMs: 800, width: 320, height: 240 });
  });

  it('answers what it learnt when the frame cannot be drawn or never comes', async () => {
    const tainted = fakeVideo({ duration: 3, width: 320, height: 240 });
    const probing = probeVideo('blob:a', {
      createVideo: () => tainted.video,
      drawFrame: () => {
        throw new Error('SecurityError');
      },
    });
    tainted.video.dispatchEvent(new Event('loadedmetadata'));
    tainted.video.dispatchEvent(new Event('seeked'));
    expect(await probing).toEqual({ durationMs: 3_000, width: 320, height: 240 });

    vi.useFakeTimers();
    try {
      const stuck = fakeVideo({ duration: Number.POSITIVE_INFINITY, width: 640, height: 480 });
      const waiting = probeVideo('blob:b', { createVideo: () => stuck.video, timeoutMs: 500 });
      stuck.video.dispatchEvent(new Event('loadedmetadata'));
      vi.advanceTimersByTime(500);
      // A stream of unknown length: the size, no length.
      expect(await waiting).toEqual({ width: 640, height: 480 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers null for a video the browser cannot decode at all', async () => {
    const { video } = fakeVideo({ duration: Number.NaN, width: 0, height: 0 });
    const probing = probeVideo('blob:hevc', { createVideo: () => video });
    video.dispatchEvent(new Event('error'));
    expect(await probing).toBeNull();
  });

  it('keeps a length only when it is one the album records', () => {
    expect(durationMsOf(2.0004)).toBe(2_000);
    expect(durationMsOf(0)).toBeUndefined();
    expect(durationMsOf(Number.NaN)).toBeUndefined();
    expect(durationMsOf(25 * 3600)).toBeUndefined();
  });
});

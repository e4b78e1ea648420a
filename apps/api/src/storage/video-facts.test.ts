import { MAX_VIDEO_DURATION_MS } from '@xiaojia/shared';
import { describe, expect, it } from 'vitest';
import { factsFromAvinfo } from './video-facts.js';

const avinfo = (stream: Record<string, unknown>, duration: unknown = '2.5') => ({
  streams: [
    { codec_type: 'audio', codec_name: 'aac' },
    { codec_type: 'video', ...stream },
  ],
  format: { duration },
});

describe('factsFromAvinfo', () => {
  it('reads length, upright size and codec from Kodo-shaped avinfo', () => {
    expect(factsFromAvinfo(avinfo({ codec_name: 'hevc', width: 1920, height: 1080 }))).toEqual({
      durationMs: 2500,
      width: 1920,
      height: 1080,
      codec: 'hevc',
    });
    // A phone's portrait video: landscape pixels turned 90° on display.
    expect(
      factsFromAvinfo(avinfo({ codec_name: 'h264', width: 1920, height: 1080, tags: { rotate: '90' } })),
    ).toMatchObject({ width: 1080, height: 1920 });
  });

  it('treats what is out of bounds as unknown, and an answer without video as none', () => {
    const huge = factsFromAvinfo(
      avinfo({ codec_name: '<script>', width: 100_001, height: 10 }, String(MAX_VIDEO_DURATION_MS / 1000 + 1)),
    );
    expect(huge).toEqual({ durationMs: null, width: null, height: null, codec: null });
    expect(factsFromAvinfo(avinfo({ width: 'wide', height: -1 }, 'NaN'))).toMatchObject({
      durationMs: null,
      width: null,
    });
    expect(factsFromAvinfo({ streams: [{ codec_type: 'audio' }], format: { duration: '3' } })).toBeNull();
    expect(factsFromAvinfo('not json at all')).toBeNull();
    expect(factsFromAvinfo(null)).toBeNull();
  });
});

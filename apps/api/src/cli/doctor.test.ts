import { describe, expect, it } from 'vitest';
import { testConfig } from '../test/deps.js';
import { doctor } from './doctor.js';

const videoCheck = async (video: { ffmpeg: string; ffprobe: string }) =>
  (await doctor(testConfig({ video }))).find((c) => c.name === 'video');

describe('doctor: ffmpeg for videos', () => {
  it('is ok with the version when ffmpeg and ffprobe run', async () => {
    expect(await videoCheck({ ffmpeg: 'ffmpeg', ffprobe: 'ffprobe' })).toMatchObject({
      status: 'ok',
      detail: expect.stringMatching(/^ffmpeg version /),
    });
  });

  it('warns, naming the setting and what to install, when one is missing', async () => {
    const check = await videoCheck({ ffmpeg: 'ffmpeg', ffprobe: '/nonexistent/ffprobe' });
    expect(check?.status).toBe('warn');
    expect(check?.detail).toMatch(/^ffprobe \(XIAOJIA_FFPROBE=\/nonexistent\/ffprobe\) not found/);
    expect(check?.detail).toMatch(/kept and played.*apt-get install ffmpeg/);
  });
});

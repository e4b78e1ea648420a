import Taro from '@tarojs/taro';
import { act, cleanup, fireEvent, waitFor } from '@testing-library/react';
import type { Photo, PhotoDetail } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { home } from '../../../test/support/homes';
import { element, photo, renderWithApi } from '../../../test/support/screen';
import { fakeSocial, MAMA } from '../../../test/support/together';
import { setLocale } from '../../i18n';
import { ViewerScreen } from './ViewerScreen';
import { VIDEO_CONTROLS_HEIGHT } from './video-swipe';

const clip: Photo = {
  ...photo('01900000-0000-7000-8000-0000000000d1', '2026-05-03T08:00:00.000Z'),
  mime: 'video/mp4',
  filename: 'steps.mp4',
  width: 1920,
  height: 1080,
  durationMs: 12_400,
};
const next = photo('01900000-0000-7000-8000-0000000000d2', '2026-05-02T08:00:00.000Z');
const list = [clip, next];

function detailOf(p: Photo): PhotoDetail {
  const index = list.indexOf(p);
  return {
    photo: p,
    uploaderName: '妈妈',
    previewUrl: `https://img.example.com/${p.id}-preview.jpg`,
    originalUrl: `https://img.example.com/${p.id}.mp4?e=1&token=t`,
    downloadPath: `/download/${p.id}`,
    prevId: list[index - 1]?.id ?? null,
    nextId: list[index + 1]?.id ?? null,
    albumIds: [],
    urlsExpireAt: '2026-05-04T08:00:00.000Z',
  };
}

function renderViewer() {
  return renderWithApi(<ViewerScreen home={home('h1', 'owner')} photoId={clip.id} settleMs={0} />, {
    ...fakeSocial(MAMA, true).answers,
    'photos.get': async (input) => detailOf(list.find((p) => p.id === (input as { id: string }).id) ?? clip),
  });
}

/** The <video> inside Taro's H5 player, once it has rendered. */
async function videoElement(): Promise<HTMLVideoElement> {
  return waitFor(() => {
    const found = document.querySelector<HTMLVideoElement>('#viewer-video video');
    if (!found) throw new Error('no <video> yet');
    return found;
  });
}

/** A one-finger drag on the video's stage at height `y`, from x `from` to `to`. */
function swipe(from: number, to: number, y = 300) {
  const surface = element('.viewer__video-stage');
  fireEvent.touchStart(surface, { touches: [{ clientX: from, clientY: y }] });
  fireEvent.touchEnd(surface, { touches: [], changedTouches: [{ clientX: to, clientY: y + 2 }] });
}

describe('a video in the viewer', () => {
  beforeEach(() => {
    setLocale('zh-CN');
    // jsdom plays no media: pausing is recorded, never performed.
    vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => undefined);
    vi.spyOn(HTMLMediaElement.prototype, 'load').mockImplementation(() => undefined);
  });
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it('plays the original with the poster and the controls, never on its own', async () => {
    renderViewer();
    const video = await videoElement();
    await waitFor(() => expect(video.getAttribute('src')).toBe(detailOf(clip).originalUrl));
    // The grid's thumbnail stands in until the poster frame has loaded: the stage is never black.
    expect(video.getAttribute('poster')).toBe(clip.thumbUrl);
    fireEvent.load(element('#viewer-poster-preload img'));
    await waitFor(() => expect(video.getAttribute('poster')).toBe(detailOf(clip).previewUrl));
    expect(document.querySelector('#viewer-poster-preload')).toBeNull();
    expect(video.autoplay).toBe(false);
    // The player's own seek bar and full-screen button, not a still image.
    expect(document.querySelector('#viewer-video taro-video-control')).not.toBeNull();
    expect(document.querySelector('#viewer-video .taro-video-fullscreen')).not.toBeNull();
    expect(document.querySelector('#viewer-image')).toBeNull();
  });

  it('tells the length and the size in the info sheet', async () => {
    renderViewer();
    await videoElement();
    fireEvent.click(element('#viewer-info'));
    await waitFor(() => expect(element('#viewer-info-duration').textContent).toBe('时长: 0:12'));
    expect(element('#viewer-info-panel').textContent).toContain('1920 × 1080');
  });

  it('pauses when swiped away, and shows the neighbour', async () => {
    renderViewer();
    const video = await videoElement();
    const pause = vi.mocked(HTMLMediaElement.prototype.pause);
    pause.mockClear();
    swipe(300, 100);
    await waitFor(() =>
      expect(document.querySelector('#viewer-image img')?.getAttribute('src')).toBe(detailOf(next).previewUrl),
    );
    expect(pause.mock.contexts).toContain(video);
    expect(document.querySelector('#viewer-video')).toBeNull();
  });

  it('lets a drag along the control bar seek instead of leaving the video', async () => {
    renderViewer();
    await videoElement();
    const stage = element('.viewer__video-stage');
    vi.spyOn(stage, 'getBoundingClientRect').mockReturnValue({ top: 0, left: 0, width: 400, height: 600 } as DOMRect);
    swipe(300, 100, 600 - VIDEO_CONTROLS_HEIGHT / 2);
    await act(async () => {
      await new Promise((r) => setTimeout(r, 20));
    });
    expect(document.querySelector('#viewer-video')).not.toBeNull();
    // Above the bar the same drag goes on to the next.
    swipe(300, 100, 300);
    await waitFor(() => expect(document.querySelector('#viewer-video')).toBeNull());
  });

  it('says plainly when this device cannot play it, and offers the download', async () => {
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(`${this.getAttribute('href')} as ${this.download}`);
    });
    Taro.showToast = vi.fn(async () => ({ errMsg: 'ok' }));
    renderViewer();
    const video = await videoElement();
    fireEvent.error(video);
    await waitFor(() => expect(element('#viewer-video-error').textContent).toContain('无法在这里播放'));
    expect(document.querySelector('#viewer-video')).toBeNull();
    fireEvent.click(element('#viewer-video-download'));
    await waitFor(() => expect(clicked).toEqual([`/download/${clip.id} as steps.mp4`]));
  });
});

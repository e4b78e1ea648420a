import { act, cleanup, fireEvent, waitFor } from '@testing-library/react';
import type { Photo, PhotoDetail } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { home } from '../../../test/support/homes';
import { id } from '../../../test/support/ids';
import { element, photo, renderWithApi } from '../../../test/support/screen';
import { fakeSocial, MAMA } from '../../../test/support/together';
import { setLocale } from '../../i18n';
import { remember } from './handoff';
import { ViewerScreen } from './ViewerScreen';

const newest = photo('01900000-0000-7000-8000-000000000000', '2026-05-04T08:00:00.000Z');
const newer = photo('01900000-0000-7000-8000-000000000001', '2026-05-03T08:00:00.000Z');
const shown = photo('01900000-0000-7000-8000-000000000002', '2026-05-02T08:00:00.000Z');
const list = [newest, newer, shown];

function detailOf(p: Photo): PhotoDetail {
  const index = list.indexOf(p);
  return {
    photo: p,
    uploaderName: '妈妈',
    previewUrl: `https://img.example.com/${p.id}-preview.webp`,
    originalUrl: null,
    downloadPath: `/download/${p.id}`,
    prevId: list[index - 1]?.id ?? null,
    nextId: list[index + 1]?.id ?? null,
    albumIds: [],
    urlsExpireAt: '2026-05-04T08:00:00.000Z',
  };
}

/** The viewer opened on `shown`; photos.get answers from `list`, once `answered` (if given) resolves. */
function renderViewer(answered: Promise<void> = Promise.resolve(), settleMs = 0) {
  return renderWithApi(<ViewerScreen home={home('h1', 'owner')} photoId={shown.id} settleMs={settleMs} />, {
    ...fakeSocial(MAMA, true).answers,
    'photos.get': async (input) => {
      await answered;
      return detailOf(list.find((p) => p.id === (input as { id: string }).id) ?? shown);
    },
    'auth.me': () => ({
      id: id('user-1'),
      username: 'mama',
      displayName: '妈妈',
      hasPassword: true,
      wechatLinked: false,
      createdAt: '2026-01-01T00:00:00.000Z',
    }),
  });
}

const srcOf = (selector: string) => document.querySelector(`${selector} img`)?.getAttribute('src') ?? null;

/** A one-finger touch on the stage from `from` to `to` (x only, as a swipe). */
function swipe(from: number, to: number) {
  const surface = element('.viewer__surface');
  fireEvent.touchStart(surface, { touches: [{ clientX: from, clientY: 300 }] });
  fireEvent.touchMove(surface, { touches: [{ clientX: to, clientY: 302 }] });
  fireEvent.touchEnd(surface, { touches: [], changedTouches: [{ clientX: to, clientY: 302 }] });
}

describe('viewer', () => {
  beforeEach(() => setLocale('zh-CN'));
  afterEach(cleanup);

  it("shows the grid's thumbnail at once, and the preview only once it has loaded", async () => {
    remember(shown);
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    renderViewer(answered);
    // Before photos.get has answered at all: the thumbnail the grid handed over.
    await waitFor(() => expect(srcOf('#viewer-thumb')).toBe(shown.thumbUrl));
    expect(document.querySelector('#viewer-image')).toBeNull();
    answer();
    await waitFor(() => expect(srcOf('#viewer-image')).toBe(detailOf(shown).previewUrl));
    expect(element('#viewer-image').className).toContain('viewer__layer--loading');
    expect(srcOf('#viewer-thumb')).toBe(shown.thumbUrl);
    fireEvent.load(element('#viewer-image img'));
    await waitFor(() => expect(document.querySelector('#viewer-thumb')).toBeNull());
    expect(element('#viewer-image').className).not.toContain('viewer__layer--loading');
  });

  it('swipes right to the previous photo, starting from its thumbnail', async () => {
    renderViewer();
    await waitFor(() => expect(srcOf('#viewer-image')).toBe(detailOf(shown).previewUrl));
    swipe(60, 330);
    await waitFor(() => expect(srcOf('#viewer-image')).toBe(detailOf(newer).previewUrl));
    expect(srcOf('#viewer-thumb')).toBe(newer.thumbUrl);
  });

  it('does not leave the photo for a short drag or a tap', async () => {
    renderViewer();
    await waitFor(() => expect(srcOf('#viewer-image')).toBe(detailOf(shown).previewUrl));
    swipe(100, 120);
    swipe(100, 100);
    expect(srcOf('#viewer-image')).toBe(detailOf(shown).previewUrl);
  });

  it('asks for the likes of the photo the user stops on, not of each one swiped past', async () => {
    // Timers under the test's hand (and running on by themselves, so the screen's own waits still pass).
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const SETTLE = 60_000;
      const { callsTo } = renderViewer(Promise.resolve(), SETTLE);
      await waitFor(() => expect(srcOf('#viewer-image')).toBe(detailOf(shown).previewUrl));
      swipe(60, 330);
      await waitFor(() => expect(srcOf('#viewer-image')).toBe(detailOf(newer).previewUrl));
      swipe(60, 330);
      await waitFor(() => expect(srcOf('#viewer-image')).toBe(detailOf(newest).previewUrl));
      // The photo opened on is asked about at once; the ones swiped to only once they stay.
      const opened = { homeId: 'h1', photoId: shown.id };
      expect(callsTo('likes.forPhoto')).toEqual([opened]);
      act(() => vi.advanceTimersByTime(SETTLE));
      await waitFor(() => expect(callsTo('likes.forPhoto')).toEqual([opened, { homeId: 'h1', photoId: newest.id }]));
      expect(element('#social-bar').className).not.toContain('social--loading');
    } finally {
      vi.useRealTimers();
    }
  });
});

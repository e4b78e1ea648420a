/** The timeline's family parts: each child's age on the day headers, and the "那年今日" card. */
import Taro from '@tarojs/taro';
import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import type { Memories, Photo } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { child, childList } from '../../../test/support/children';
import { home } from '../../../test/support/homes';
import { id } from '../../../test/support/ids';
import { libraryAnswers, me } from '../../../test/support/library';
import { type Answer, appError, element, photo, renderWithApi, textOf } from '../../../test/support/screen';
import { scrollingWindow, scrollWindowTo } from '../../../test/support/scroll';
import { setLocale } from '../../i18n';
import { TimelineScreen } from './TimelineScreen';

const ME = me();
const NOW = new Date('2026-06-01T04:00:00.000Z');

const baby = child('c1', '宝宝', '2026-01-15');
const brother = child('c2', '哥哥', '2023-05-03', 'boy');
const noMemories: Memories = { years: [], occasions: [], urlsExpireAt: '2099-01-01T00:00:00.000Z' };

function renderTimeline(photos: Photo[], answers: Record<string, Answer>, role: 'owner' | 'viewer' = 'owner') {
  const current = home(id('h1'), role);
  return renderWithApi(<TimelineScreen home={current} homes={[current]} switchTo={vi.fn()} now={NOW} />, {
    ...libraryAnswers(() => photos, ME),
    'children.list': () => childList(baby),
    'memories.today': () => noMemories,
    ...answers,
  });
}

describe('ages on the day headers', () => {
  beforeEach(() => setLocale('zh-CN'));
  afterEach(cleanup);

  it("puts the child's age that day after the date of a header with the width to itself", async () => {
    const one = photo(id('p1'), '2026-05-03T08:00:00.000Z', ME.id);
    const screen = renderTimeline([one], {});
    await waitFor(() => expect(textOf('.photo-grid__day-note')).toBe('  宝宝 3个月18天'));
    expect(textOf('.photo-grid__day-text')).toBe('5月3日 星期日  宝宝 3个月18天');
    expect(screen.callsTo('children.list')).toEqual([{ homeId: id('h1') }]);
  });

  it('stacks compact ages over the date where small days share a line, and shows them to viewers too', async () => {
    setLocale('en');
    const photos = [
      photo(id('p1'), '2026-05-03T08:00:00.000Z', ME.id),
      photo(id('p2'), '2026-05-01T08:00:00.000Z', ME.id),
    ];
    renderTimeline(photos, { 'children.list': () => childList(brother, baby) }, 'viewer');
    await waitFor(() => expect(document.querySelectorAll('.photo-grid__day-note--stacked')).toHaveLength(2));
    const notes = [...document.querySelectorAll('.photo-grid__day-note--stacked')].map((note) => note.textContent);
    // The brother's third birthday, then two days before it; the baby 3 months (and some days) both times.
    expect(notes).toEqual(['哥哥 3 years · 宝宝 3 months', '哥哥 2 years 11 months · 宝宝 3 months']);
  });

  it('counts the weeks of pregnancy before a due date', async () => {
    setLocale('en');
    const one = photo(id('p1'), '2026-05-03T08:00:00.000Z', ME.id);
    renderTimeline([one], { 'children.list': () => childList(child('c3', 'Bean', '2026-06-20', null)) });
    await waitFor(() => expect(textOf('.photo-grid__day-note')).toBe('  Bean 33 weeks 1 day pregnant'));
  });

  it('shows the plain dates when there are no children or they cannot be read', async () => {
    const one = photo(id('p1'), '2026-05-03T08:00:00.000Z', ME.id);
    renderTimeline([one], {
      'children.list': () => {
        throw appError('INTERNAL');
      },
    });
    await waitFor(() => expect(textOf('.photo-grid__day-text')).toBe('5月3日 星期日'));
    expect(document.querySelector('.photo-grid__day-note')).toBeNull();
  });
});

describe('the "那年今日" card', () => {
  const old = [photo(id('o1'), '2025-06-01T02:00:00.000Z', ME.id), photo(id('o2'), '2025-06-01T03:00:00.000Z', ME.id)];
  const memories: Memories = {
    years: [{ year: 2025, yearsAgo: 1, count: 12, photos: old }],
    occasions: [{ childId: baby.id, childName: '宝宝', kind: 'months', value: 4 }],
    urlsExpireAt: '2099-01-01T00:00:00.000Z',
  };

  // The device's storage (Taro's H5 storage needs a browser jsdom lacks): what the card remembers.
  let stored: Map<string, string>;
  beforeEach(() => {
    setLocale('zh-CN');
    stored = new Map();
    Taro.getStorage = (async ({ key }: { key: string }) => {
      if (!stored.has(key)) throw new Error('getStorage:fail data not found');
      return { data: stored.get(key) };
    }) as unknown as typeof Taro.getStorage;
    Taro.setStorage = (async ({ key, data }: { key: string; data: string }) => {
      stored.set(key, data);
      return { errMsg: 'ok' };
    }) as unknown as typeof Taro.setStorage;
  });
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it("asks for the device's today and offset, and says what happened on this day", async () => {
    const screen = renderTimeline([], { 'memories.today': () => memories });
    await waitFor(() => element('#memories-card'));
    expect(screen.callsTo('memories.today')).toEqual([
      { homeId: id('h1'), today: '2026-06-01', utcOffsetMinutes: -NOW.getTimezoneOffset() || 0 },
    ]);
    expect(textOf(`#memories-occasion-${baby.id}`)).toBe('宝宝 4个月啦');
    expect(textOf('#memories-year-2025')).toContain('1年前的今天 · 12张');
  });

  it("opens a year's photos in the viewer, swiping through that year only", async () => {
    const navigate = vi.fn(async (_option: { url: string }) => ({ errMsg: 'ok' }));
    Taro.navigateTo = navigate as unknown as typeof Taro.navigateTo;
    renderTimeline([], { 'memories.today': () => memories });
    await waitFor(() => element('#memories-year-2025'));
    fireEvent.click(element(`#memories-photo-${id('o2')}`));
    expect(navigate).toHaveBeenCalledTimes(1);
    const url = navigate.mock.calls[0]?.[0].url ?? '';
    expect(url).toContain(`id=${id('o2')}`);
    expect(decodeURIComponent(url)).toContain(`ids=${id('o1')},${id('o2')}`);
    fireEvent.click(element('#memories-year-2025'));
    expect(navigate.mock.calls[1]?.[0].url).toContain(`id=${id('o1')}`);
  });

  it('hides for the rest of the day, and stays hidden when the timeline opens again that day', async () => {
    renderTimeline([], { 'memories.today': () => memories });
    await waitFor(() => element('#memories-card'));
    fireEvent.click(element('#memories-hide'));
    await waitFor(() => expect(document.querySelector('#memories-card')).toBeNull());
    await waitFor(() => expect(stored.get(`xiaojia.memories.hiddenOn.${id('h1')}`)).toBe('2026-06-01'));
    cleanup();
    const again = renderTimeline([], { 'memories.today': () => memories });
    await waitFor(() => expect(again.callsTo('memories.today')).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(document.querySelector('#memories-card')).toBeNull();
  });

  describe('appearing after the grid', () => {
    scrollingWindow();
    // jsdom lays nothing out: the grid starts lower by the card's height (300 px) while the card is there.
    beforeEach(() => {
      const layout = HTMLElement.prototype.getBoundingClientRect;
      vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
        if (this.id !== 'timeline-grid') return layout.call(this);
        const top = (document.querySelector('#memories-card') ? 420 : 120) - window.scrollY;
        return { top, bottom: top + 9000, height: 9000, left: 0, right: 390, width: 390, x: 0, y: top } as DOMRect;
      });
    });
    const many = Array.from({ length: 60 }, (_, i) =>
      photo(id(`p${i}`), new Date(Date.UTC(2026, 4, 20) - i * 3_600_000).toISOString(), ME.id),
    );
    const later = () => {
      let answer: () => void = () => undefined;
      const answered = new Promise<void>((resolve) => {
        answer = resolve;
      });
      return { answer, memoriesToday: async () => answered.then(() => memories) };
    };

    it('keeps the view still when the card comes in above a scrolled timeline', async () => {
      const { answer, memoriesToday } = later();
      renderTimeline(many, { 'memories.today': memoriesToday });
      await waitFor(() => element(`#photo-${many[0]?.id}`));
      scrollWindowTo(2000);
      answer();
      await waitFor(() => element('#memories-card'));
      await waitFor(() => expect(window.scrollY).toBe(2300));
    });

    it('lets the card push the grid down at the top of the page, where it is to be seen', async () => {
      const { answer, memoriesToday } = later();
      const screen = renderTimeline(many, { 'memories.today': memoriesToday });
      await waitFor(() => element(`#photo-${many[0]?.id}`));
      answer();
      await waitFor(() => element('#memories-card'));
      await waitFor(() => expect(screen.callsTo('photos.list').length).toBeGreaterThan(0));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(window.scrollY).toBe(0);
    });
  });

  it('shows no card on a day without memories, or when they cannot be read', async () => {
    const empty = renderTimeline([], {});
    await waitFor(() => expect(empty.callsTo('memories.today')).toHaveLength(1));
    await waitFor(() => element('#timeline-empty'));
    expect(document.querySelector('#memories-card')).toBeNull();
    cleanup();
    const failing = renderTimeline([], {
      'memories.today': () => {
        throw appError('INTERNAL');
      },
    });
    await waitFor(() => expect(failing.callsTo('memories.today')).toHaveLength(1));
    await waitFor(() => element('#timeline-empty'));
    expect(document.querySelector('#memories-card')).toBeNull();
  });
});

import Taro from '@tarojs/taro';
import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import type { Home, Photo } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { home } from '../../../test/support/homes';
import { id } from '../../../test/support/ids';
import { libraryAnswers as library } from '../../../test/support/library';
import { element, photo, renderWithApi, textOf } from '../../../test/support/screen';
import { scrollingWindow, scrollWindowTo } from '../../../test/support/scroll';
import { setLocale } from '../../i18n';
import { TimelineScreen } from './TimelineScreen';

const USER = id('user-1');
const mine = photo('01900000-0000-7000-8000-000000000001', '2026-05-03T08:00:00.000Z', USER);
const theirs = photo('01900000-0000-7000-8000-000000000002', '2026-05-02T08:00:00.000Z', id('user-2'));
const ME = {
  id: USER,
  username: 'mama',
  displayName: '妈妈',
  hasPassword: true,
  wechatLinked: false,
  createdAt: '2026-01-01T00:00:00.000Z',
};

const libraryAnswers = (all: () => readonly Photo[]) => library(all, ME);

function renderTimeline(current: Home, homes: Home[] = [current]) {
  const switched: string[] = [];
  const api = renderWithApi(
    <TimelineScreen
      home={current}
      homes={homes}
      switchTo={async (id) => {
        switched.push(id);
      }}
    />,
    libraryAnswers(() => [mine, theirs]),
  );
  return { ...api, switched };
}

describe('timeline of the current home', () => {
  beforeEach(() => setLocale('zh-CN'));
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it("lists the home's photos under its name, and narrows them to the user's own", async () => {
    const api = renderTimeline(home('h1', 'member', '我们家'));
    await waitFor(() => element(`#photo-${theirs.id}`));
    expect(textOf('#home-name')).toBe('我们家');
    expect(api.callsTo('photos.list')[0]).toMatchObject({ homeId: 'h1' });
    expect(element('#open-upload')).toBeTruthy();
    fireEvent.click(element('#only-mine'));
    await waitFor(() => expect(document.querySelector(`#photo-${theirs.id}`)).toBeNull());
    expect(api.callsTo('photos.list').at(-1)).toMatchObject({ homeId: 'h1', onlyMine: true });
    expect(textOf('#only-mine')).toBe('看全家的');
  });

  it('shows a viewer (亲友) no upload and no "only mine", and a plain empty sentence', async () => {
    const api = renderWithApi(
      <TimelineScreen home={home('h2', 'viewer')} homes={[home('h2', 'viewer')]} switchTo={vi.fn()} />,
      libraryAnswers(() => []),
    );
    await waitFor(() => expect(textOf('#timeline-empty')).toContain('家人上传照片后'));
    expect(document.querySelector('#open-upload')).toBeNull();
    expect(document.querySelector('#only-mine')).toBeNull();
    expect(document.querySelector('#timeline-empty button')).toBeNull();
    expect(api.callsTo('photos.list')).toEqual([]);
  });

  it('offers delete on long-press only where the role allows it', async () => {
    const sheet = vi.fn(async (_option: { itemList: string[] }) => ({ tapIndex: -1 }));
    Taro.showActionSheet = sheet as unknown as typeof Taro.showActionSheet;
    renderTimeline(home('h1', 'member'));
    await waitFor(() => element(`#photo-${theirs.id}`));
    await waitFor(() => expect(document.querySelector('#only-mine')).toBeTruthy());
    const longPress = (id: string) => fireEvent(element(`#photo-${id}`), new Event('longpress', { bubbles: true }));
    longPress(theirs.id);
    longPress(mine.id);
    await waitFor(() => expect(sheet).toHaveBeenCalledTimes(2));
    expect(sheet.mock.calls.map(([option]) => option.itemList.length)).toEqual([1, 2]);
  });

  it('switches home from the title, listing each home with the role in plain words', async () => {
    const homes = [home('h1', 'owner', '我的家'), home('h2', 'viewer', '外婆家')];
    const sheet = vi.fn(async (_option: { itemList: string[] }) => ({ tapIndex: 1 }));
    Taro.showActionSheet = sheet as unknown as typeof Taro.showActionSheet;
    const api = renderTimeline(homes[0] as Home, homes);
    fireEvent.click(element('#home-switch'));
    await waitFor(() => expect(api.switched).toEqual(['h2']));
    expect(sheet.mock.calls[0]?.[0].itemList).toEqual(['✓ 我的家（主人）', '外婆家（亲友）']);
  });
});

describe('a timeline of ten years', () => {
  // 120 months of 40 photos each (every 18 hours), newest first, ending this month.
  const library = Array.from({ length: 120 * 40 }, (_, i) =>
    photo(
      `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`,
      new Date(Date.UTC(2026, 4, 3, 8) - i * 18 * 3_600_000).toISOString(),
      USER,
    ),
  );
  const oldest = library[library.length - 1] as Photo;
  const scrollTo = scrollWindowTo;
  scrollingWindow();
  beforeEach(() => setLocale('zh-CN'));

  it('maps the whole library at once, but loads and renders only the months near the viewport', async () => {
    const api = renderWithApi(
      <TimelineScreen home={home('h1', 'member')} homes={[home('h1', 'member')]} switchTo={vi.fn()} />,
      libraryAnswers(() => library),
    );
    await waitFor(() => element(`#photo-${library[0]?.id}`));
    expect(textOf('.timeline__count')).toBe('4800 张照片');
    expect(api.callsTo('photos.buckets')).toHaveLength(1);
    const months = api.callsTo('photos.list').length;
    expect(months).toBeGreaterThan(0);
    expect(months).toBeLessThan(6);
    expect(document.querySelectorAll('.photo-grid__cell').length).toBeLessThan(150);

    // The page is as high as the whole library: the end is there to scroll to, and its photos load there.
    const grid = element('#timeline-grid');
    const height = Number.parseInt(grid.style.height, 10);
    scrollTo(height - 500);
    await waitFor(() => element(`#photo-${oldest.id}`));
    expect(document.querySelector(`#photo-${library[0]?.id}`)).toBeNull();
    expect(document.querySelectorAll('.photo-grid__cell').length).toBeLessThan(150);
    // Only the months near either end were asked for, not the ten years between.
    const asked = (api.callsTo('photos.list') as { since: string }[]).map((call) => call.since.slice(0, 7));
    expect(asked.some((month) => month.startsWith('2016'))).toBe(true);
    expect(new Set(asked).size).toBeLessThan(20);
  });

  it('fetches a month again when one of its thumbnails fails (its signed URL expired), once a while', async () => {
    const api = renderWithApi(
      <TimelineScreen home={home('h1', 'member')} homes={[home('h1', 'member')]} switchTo={vi.fn()} />,
      libraryAnswers(() => library),
    );
    await waitFor(() => element(`#photo-${library[0]?.id}`));
    const newest = (api.callsTo('photos.list') as { since: string }[]).filter((c) =>
      c.since.startsWith('2026-0'),
    ).length;
    const image = () => element(`#photo-${library[0]?.id} .photo-grid__image`);
    fireEvent.error(image());
    await waitFor(() =>
      expect(
        (api.callsTo('photos.list') as { since: string }[]).filter((c) => c.since.startsWith('2026-0')).length,
      ).toBe(newest + 1),
    );
    fireEvent.error(image());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((api.callsTo('photos.list') as { since: string }[]).filter((c) => c.since.startsWith('2026-0')).length).toBe(
      newest + 1,
    );
  });

  it('jumps to a year with the scrubber and says the month under the finger', async () => {
    renderWithApi(
      <TimelineScreen home={home('h1', 'member')} homes={[home('h1', 'member')]} switchTo={vi.fn()} />,
      libraryAnswers(() => library),
    );
    await waitFor(() => element('#timeline-scrubber'));
    const years = [...document.querySelectorAll('.scrubber__year')].map((node) => node.textContent);
    expect(years[0]).toBe('2026');
    expect(years).toContain('2017');
    const scrubber = element('#timeline-scrubber');
    fireEvent.touchStart(scrubber, { touches: [{ clientY: 10_000 }] });
    await waitFor(() => expect(textOf('#scrubber-label')).toMatch(/^2016年/));
    fireEvent.touchEnd(scrubber);
    await waitFor(() => element(`#photo-${oldest.id}`));
    expect(document.querySelector('#scrubber-label')).toBeNull();
  });
});

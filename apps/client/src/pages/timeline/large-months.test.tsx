import { waitFor } from '@testing-library/react';
import type { Photo } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { home } from '../../../test/support/homes';
import { libraryAnswers, me } from '../../../test/support/library';
import { element, photo, renderWithApi } from '../../../test/support/screen';
import { scrollingWindow, scrollWindowTo } from '../../../test/support/scroll';
import { setLocale } from '../../i18n';
import { PART_PHOTOS_MAX } from './parts';
import { TimelineScreen } from './TimelineScreen';

const ME = me();

/** `perDay` photos a day (one every 10 minutes from 20:00 down) for `days` days ending 2026-05-30, newest first. */
function library(days: number, perDay: (day: number) => number): Photo[] {
  const photos: Photo[] = [];
  for (let d = 0; d < days; d += 1) {
    const evening = Date.UTC(2026, 4, 30 - d, 20);
    for (let i = 0; i < perDay(d); i += 1) {
      const n = photos.length;
      photos.push(
        photo(
          `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`,
          new Date(evening - i * 60_000).toISOString(),
          ME.id,
        ),
      );
    }
  }
  return photos;
}

const scrollTo = scrollWindowTo;

/** The photos the timeline was sent: every photos.list answer's range and page, read back from the library. */
function photosSent(all: readonly Photo[], calls: unknown[]): number {
  return (calls as { since: string; until: string; limit: number; cursor?: string }[]).reduce((sum, call) => {
    const inRange = all.filter((p) => p.sortAt >= call.since && p.sortAt < call.until).length;
    const start = call.cursor ? Number(call.cursor) : 0;
    return sum + Math.max(0, Math.min(call.limit, inRange - start));
  }, 0);
}

describe('a timeline of large months', () => {
  scrollingWindow();
  beforeEach(() => setLocale('zh-CN'));
  afterEach(() => vi.restoreAllMocks());

  it('loads the parts near the view, not the whole month: a few parts of a month of 900', async () => {
    // Three months of 30 photos a day.
    const all = library(90, () => 30);
    const api = renderWithApi(
      <TimelineScreen home={home('h1', 'member')} homes={[home('h1', 'member')]} switchTo={vi.fn()} />,
      libraryAnswers(() => all, ME),
    );
    await waitFor(() => element(`#photo-${all[0]?.id}`), { timeout: 5000 });
    const calls = api.callsTo('photos.list');
    expect(calls.length).toBeGreaterThan(0);
    expect(photosSent(all, calls)).toBeLessThanOrEqual(6 * PART_PHOTOS_MAX);

    // Deep in the library, the same: the parts around the view only.
    const height = Number.parseInt(element('#timeline-grid').style.height, 10);
    scrollTo(Math.round(height * 0.6));
    await waitFor(() => expect(api.callsTo('photos.list').length).toBeGreaterThan(calls.length), { timeout: 5000 });
    await waitFor(() => expect(document.querySelector('.photo-grid__block--month .photo-grid__cell')).toBeNull());
    const deep = api.callsTo('photos.list').slice(calls.length);
    expect(photosSent(all, deep)).toBeLessThanOrEqual(6 * PART_PHOTOS_MAX);
    expect(photosSent(all, [...calls, ...deep])).toBeLessThan(all.length / 2);
  }, 30_000);

  it('reaches the middle of a day of 260 by keyset cursor, each piece continuing the one before', async () => {
    // One huge day at the top, then small ones.
    const all = library(20, (d) => (d === 0 ? 260 : 3));
    const day = all.slice(0, 260);
    const api = renderWithApi(
      <TimelineScreen home={home('h1', 'member')} homes={[home('h1', 'member')]} switchTo={vi.fn()} />,
      libraryAnswers(() => all, ME),
    );
    await waitFor(() => element(`#photo-${day[0]?.id}`), { timeout: 5000 });
    // A jump into the middle of the day (as the scrubber makes): the pieces above it were never shown.
    scrollTo(6000);
    await waitFor(() => element(`#photo-${day[199]?.id}`), { timeout: 5000 });
    const pieces = (api.callsTo('photos.list') as { cursor?: string; limit: number }[]).filter(
      (call) => call.limit === PART_PHOTOS_MAX,
    );
    // Piece 0 starts the day; each later one goes on from the cursor the piece before it answered.
    expect(pieces[0]?.cursor).toBeUndefined();
    expect(pieces.map((call) => call.cursor).filter(Boolean)).toEqual(
      expect.arrayContaining([String(PART_PHOTOS_MAX), String(2 * PART_PHOTOS_MAX), String(3 * PART_PHOTOS_MAX)]),
    );
    // One header for the day, however many pieces it came in.
    const header = [...document.querySelectorAll('.photo-grid__day-text')].filter((node) =>
      node.textContent?.startsWith('5月30日'),
    );
    expect(header.length).toBeLessThanOrEqual(1);
  }, 30_000);
});

import type { PhotoBucket } from '@xiaojia/shared';
import { describe, expect, it } from 'vitest';
import { continuesDay, monthParts, PART_PHOTOS_MAX, timelineParts } from './parts';

const bucket = (month: string, days: [number, number][]): PhotoBucket => ({
  month,
  count: days.reduce((sum, [, count]) => sum + count, 0),
  days,
});

/** Every instant of the month in exactly one part: each part starts where the one before it ends. */
function expectTiled(parts: ReturnType<typeof monthParts>, since: string, until: string) {
  const ranges = [...new Map(parts.map((part) => [part.since + part.until, part])).values()];
  expect(ranges[0]?.until).toBe(until);
  expect(ranges[ranges.length - 1]?.since).toBe(since);
  for (let i = 1; i < ranges.length; i += 1) expect(ranges[i]?.until).toBe(ranges[i - 1]?.since);
}

describe('monthParts', () => {
  it('keeps a small month whole, over the whole month', () => {
    const parts = monthParts(
      bucket('2026-03', [
        [30, 4],
        [2, 1],
      ]),
      480,
    );
    expect(parts).toEqual([
      {
        key: '2026-03/30',
        month: '2026-03',
        since: '2026-02-28T16:00:00.000Z',
        until: '2026-03-31T16:00:00.000Z',
        count: 5,
        dayCounts: [4, 1],
      },
    ]);
  });

  it('cuts a large month into runs of whole days of at most the maximum, tiling the month', () => {
    const days: [number, number][] = Array.from({ length: 30 }, (_, i) => [30 - i, 9]);
    const parts = monthParts(bucket('2016-11', days), 0, 50);
    expect(parts.map((part) => part.count)).toEqual([45, 45, 45, 45, 45, 45]);
    expect(parts.every((part) => part.count <= 50)).toBe(true);
    expect(parts.map((part) => part.key)).toEqual([
      '2016-11/30',
      '2016-11/25',
      '2016-11/20',
      '2016-11/15',
      '2016-11/10',
      '2016-11/5',
    ]);
    // The second part is days 25 down to 21: from the 21st's start to the 26th's.
    expect(parts[1]).toMatchObject({ since: '2016-11-21T00:00:00.000Z', until: '2016-11-26T00:00:00.000Z' });
    expectTiled(parts, '2016-11-01T00:00:00.000Z', '2016-12-01T00:00:00.000Z');
    expect(parts.flatMap((part) => part.dayCounts)).toEqual(days.map(([, count]) => count));
  });

  it('cuts a day larger than a part into pieces over the day, each continuing after the one before', () => {
    const parts = monthParts(
      bucket('2026-12', [
        [31, 3],
        [24, 120],
        [1, 2],
      ]),
      480,
      50,
    );
    expect(parts.map((part) => [part.key, part.count])).toEqual([
      ['2026-12/31', 3],
      ['2026-12/24#0', 50],
      ['2026-12/24#1', 50],
      ['2026-12/24#2', 20],
      ['2026-12/1', 2],
    ]);
    const [, first, second, third] = parts;
    expect(first?.piece).toEqual({ index: 0, after: null });
    expect(second?.piece?.after).toBe(first);
    expect(third?.piece?.after).toBe(second);
    // The pieces share one range: the 24th, up to where the part above starts.
    for (const piece of [first, second, third]) {
      expect(piece).toMatchObject({ since: '2026-12-23T16:00:00.000Z', until: '2026-12-30T16:00:00.000Z' });
    }
    expect(parts.map(continuesDay)).toEqual([false, false, true, true, false]);
    // December's end is January's first instant.
    expectTiled(parts, '2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z');
  });

  it('lets the oldest pieces reach down to the month start when the large day is its oldest', () => {
    const parts = monthParts(bucket('2020-02', [[29, 60]]), 0, 50);
    expect(parts.map((part) => part.since)).toEqual(['2020-02-01T00:00:00.000Z', '2020-02-01T00:00:00.000Z']);
    expect(parts[0]?.until).toBe('2020-03-01T00:00:00.000Z');
  });

  it('refuses a part that could hold nothing', () => {
    expect(() => monthParts(bucket('2020-02', [[1, 1]]), 0, 0)).toThrow(RangeError);
  });
});

describe('timelineParts', () => {
  it('holds every photo the buckets count, in parts never above the maximum', () => {
    const months = [
      bucket('2026-05', [[3, 700]]),
      bucket(
        '2026-04',
        Array.from({ length: 30 }, (_, i): [number, number] => [30 - i, (i * 7) % 40 || 1]),
      ),
      bucket('2016-01', [[1, 1]]),
    ];
    const parts = timelineParts(months, 480);
    expect(parts.reduce((sum, part) => sum + part.count, 0)).toBe(months.reduce((sum, m) => sum + m.count, 0));
    expect(Math.max(...parts.map((part) => part.count))).toBeLessThanOrEqual(PART_PHOTOS_MAX);
    expect(new Set(parts.map((part) => part.key)).size).toBe(parts.length);
    expect(parts.map((part) => part.month).filter((m, i, all) => all.indexOf(m) === i)).toEqual([
      '2026-05',
      '2026-04',
      '2016-01',
    ]);
  });
});

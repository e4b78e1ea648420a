import { describe, expect, it } from 'vitest';
import type { GridItem } from '../../components/PhotoGrid';
import {
  anchorShift,
  averageAspect,
  layoutTimeline,
  monthIndexAt,
  monthSpans,
  monthsInWindow,
  utcOffsetMinutes,
} from './months';

const metrics = { width: 390, rowHeight: 120 };
const buckets = [
  { month: '2026-12', count: 3, days: [[1, 3]] as [number, number][] },
  {
    month: '2026-01',
    count: 40,
    days: [
      [31, 30],
      [2, 10],
    ] as [number, number][],
  },
  {
    month: '2016-03',
    count: 2,
    days: [
      [5, 1],
      [4, 1],
    ] as [number, number][],
  },
];
const grid = (id: string, sortAt: string): GridItem => ({
  id,
  sortAt,
  width: 400,
  height: 300,
  thumbUrl: null,
  availability: 'ok',
  filename: `${id}.jpg`,
  thumbhash: null,
  mime: 'image/jpeg',
  durationMs: null,
});

describe('monthSpans', () => {
  it('bounds each month at the offset the buckets were counted at, December running into January', () => {
    const spans = monthSpans(buckets, 480);
    expect(spans[0]).toMatchObject({
      month: '2026-12',
      since: '2026-11-30T16:00:00.000Z',
      until: '2026-12-31T16:00:00.000Z',
      dayCounts: [3],
    });
    expect(monthSpans(buckets, -300)[2]).toMatchObject({
      since: '2016-03-01T05:00:00.000Z',
      until: '2016-04-01T05:00:00.000Z',
    });
  });

  it('reads the device offset with the sign photos.buckets wants', () => {
    const beijing = { getTimezoneOffset: () => -480 } as Date;
    expect(utcOffsetMinutes(beijing)).toBe(480);
    expect(utcOffsetMinutes({ getTimezoneOffset: () => 0 } as Date)).toBe(0);
  });
});

describe('layoutTimeline', () => {
  const spans = monthSpans(buckets, 0);

  it('gives every month a place before any loads, one placeholder block each', () => {
    const layout = layoutTimeline(spans, new Map(), metrics);
    expect(layout.blocks.map((block) => block.kind)).toEqual(['month', 'month', 'month']);
    expect(layout.tops[0]).toBe(0);
    expect(layout.tops[1]).toBe(layout.heights[0]);
    expect(layout.height).toBe(layout.heights.reduce((a, b) => a + b, 0));
  });

  it('lays a loaded month out in days and keeps the others estimated after it', () => {
    const loaded = new Map([['2026-12', [grid('a', '2026-12-01T10:00:00Z'), grid('b', '2026-12-01T09:00:00Z')]]]);
    const layout = layoutTimeline(spans, loaded, metrics);
    expect(layout.blocks[0]?.kind).toBe('shared');
    expect(layout.blocks.slice(1).map((block) => block.kind)).toEqual(['month', 'month']);
    expect(layout.blocks[1]?.top).toBe(layout.tops[1]);
  });

  it('uses the height a month had when it was loaded, once it is let go', () => {
    const layout = layoutTimeline(spans, new Map(), metrics, 1, (span) => (span.month === '2026-01' ? 777 : undefined));
    expect(layout.heights[1]).toBe(777);
  });
});

describe('monthsInWindow and monthIndexAt', () => {
  const layout = { tops: [0, 500, 3000, 3100], heights: [500, 2500, 100, 900] };

  it('finds the month at a height', () => {
    expect(monthIndexAt(layout.tops, 0)).toBe(0);
    expect(monthIndexAt(layout.tops, 2999)).toBe(1);
    expect(monthIndexAt(layout.tops, 99_999)).toBe(3);
    expect(monthIndexAt([], 10)).toBe(0);
  });

  it('wants the months that meet the window', () => {
    expect(monthsInWindow(layout, { from: 600, to: 3050 })).toEqual([1, 2]);
    expect(monthsInWindow(layout, { from: 0, to: 400 })).toEqual([0]);
  });
});

describe('anchorShift', () => {
  it('moves the page by what the months above the viewed one grew', () => {
    const before = { months: ['a', 'b', 'c'], tops: [0, 1000, 2000], heights: [1000, 1000, 1000] };
    const after = { months: ['a', 'b', 'c'], tops: [0, 1400, 2400], heights: [1400, 1000, 1000] };
    expect(anchorShift(before, after, 2100)).toBe(400);
  });

  it('does not move the page at the top, or when only the viewed month or those below changed', () => {
    const before = { months: ['a', 'b'], tops: [0, 1000], heights: [1000, 1000] };
    expect(anchorShift(before, { ...before, heights: [1000, 3000] }, 1200)).toBe(0);
    expect(anchorShift(before, { months: ['a', 'b'], tops: [0, 1500], heights: [1500, 1000] }, 0)).toBe(0);
  });
});

describe('averageAspect', () => {
  it('averages the known shapes and falls back to square', () => {
    expect(averageAspect([[grid('a', ''), { ...grid('b', ''), width: 300, height: 300 }]])).toBeCloseTo(
      (4 / 3 + 1) / 2,
    );
    expect(averageAspect([])).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import type { GridItem } from '../../components/PhotoGrid';
import { anchorShift, averageAspect, indexAt, layoutTimeline, partsInWindow, utcOffsetMinutes } from './months';
import { timelineParts } from './parts';

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

describe('utcOffsetMinutes', () => {
  it('reads the device offset with the sign photos.buckets wants', () => {
    const beijing = { getTimezoneOffset: () => -480 } as Date;
    expect(utcOffsetMinutes(beijing)).toBe(480);
    expect(utcOffsetMinutes({ getTimezoneOffset: () => 0 } as Date)).toBe(0);
  });
});

describe('layoutTimeline', () => {
  // 2026-01's 30 photos of the 31st are cut in two pieces of a day (20, 10) by parts of at most 20.
  const parts = timelineParts(buckets, 0, 20);
  const day31 = (n: number, from = 0) =>
    Array.from({ length: n }, (_, i) =>
      grid(`p${from + i}`, `2026-01-31T${String(20 - Math.floor((from + i) / 3)).padStart(2, '0')}:00:00Z`),
    );

  it('gives every part a place before any loads, one placeholder block each, and each month its first part', () => {
    expect(parts.map((part) => part.key)).toEqual([
      '2026-12/1',
      '2026-01/31#0',
      '2026-01/31#1',
      '2026-01/2',
      '2016-03/5',
    ]);
    const layout = layoutTimeline(parts, new Map(), metrics);
    expect(layout.blocks.map((block) => block.kind)).toEqual(['month', 'month', 'month', 'month', 'month']);
    expect(layout.keys).toEqual(parts.map((part) => part.key));
    expect(layout.tops[0]).toBe(0);
    expect(layout.tops[1]).toBe(layout.heights[0]);
    expect(layout.height).toBe(layout.heights.reduce((a, b) => a + b, 0));
    expect(layout.months).toEqual(['2026-12', '2026-01', '2016-03']);
    expect(layout.monthTops).toEqual([layout.tops[0], layout.tops[1], layout.tops[4]]);
  });

  it('lays a loaded part out in days and keeps the others estimated after it', () => {
    const loaded = new Map([['2026-12/1', [grid('a', '2026-12-01T10:00:00Z'), grid('b', '2026-12-01T09:00:00Z')]]]);
    const layout = layoutTimeline(parts, loaded, metrics);
    expect(layout.blocks[0]?.kind).toBe('shared');
    expect(layout.blocks.slice(1).map((block) => block.kind)).toEqual(['month', 'month', 'month', 'month']);
    expect(layout.blocks[1]?.top).toBe(layout.tops[1]);
  });

  it("gives a day's header to its first piece only, the next piece going on in rows", () => {
    const first = layoutTimeline(parts, new Map([['2026-01/31#0', day31(20)]]), metrics, 4 / 3);
    const both = layoutTimeline(
      parts,
      new Map([
        ['2026-01/31#0', day31(20)],
        ['2026-01/31#1', day31(10, 20)],
      ]),
      metrics,
      4 / 3,
    );
    const inPart = (layout: typeof both, i: number) =>
      layout.blocks.filter((block) => block.top >= (layout.tops[i] ?? 0) && block.top < (layout.tops[i + 1] ?? 0));
    expect(inPart(both, 1)[0]).toMatchObject({ kind: 'day', day: '2026-01-31' });
    expect(
      inPart(both, 2)
        .map((block) => block.kind)
        .every((kind) => kind === 'row'),
    ).toBe(true);
    // Loading the second piece moved nothing of the first, and its estimate was its real height.
    expect(inPart(both, 1)).toEqual(inPart(first, 1));
    expect(both.heights[2]).toBe(first.heights[2]);
  });

  it('uses the height a part had when it was loaded, once it is let go', () => {
    const layout = layoutTimeline(parts, new Map(), metrics, 1, (part) => (part.key === '2026-01/2' ? 777 : undefined));
    expect(layout.heights[3]).toBe(777);
  });
});

describe('partsInWindow and indexAt', () => {
  const layout = { tops: [0, 500, 3000, 3100], heights: [500, 2500, 100, 900] };

  it('finds the part at a height', () => {
    expect(indexAt(layout.tops, 0)).toBe(0);
    expect(indexAt(layout.tops, 2999)).toBe(1);
    expect(indexAt(layout.tops, 99_999)).toBe(3);
    expect(indexAt([], 10)).toBe(0);
  });

  it('wants the parts that meet the window', () => {
    expect(partsInWindow(layout, { from: 600, to: 3050 })).toEqual([1, 2]);
    expect(partsInWindow(layout, { from: 0, to: 400 })).toEqual([0]);
  });
});

describe('anchorShift', () => {
  it('moves the page by what the parts above the viewed one grew', () => {
    const before = { keys: ['a', 'b', 'c'], tops: [0, 1000, 2000], heights: [1000, 1000, 1000] };
    const after = { keys: ['a', 'b', 'c'], tops: [0, 1400, 2400], heights: [1400, 1000, 1000] };
    expect(anchorShift(before, after, 2100)).toBe(400);
  });

  it('does not move the page at the top, or when only the viewed part or those below changed', () => {
    const before = { keys: ['a', 'b'], tops: [0, 1000], heights: [1000, 1000] };
    expect(anchorShift(before, { ...before, heights: [1000, 3000] }, 1200)).toBe(0);
    expect(anchorShift(before, { keys: ['a', 'b'], tops: [0, 1500], heights: [1500, 1000] }, 0)).toBe(0);
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

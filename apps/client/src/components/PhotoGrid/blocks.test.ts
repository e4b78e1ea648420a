import { describe, expect, it } from 'vitest';
import {
  type Block,
  DAY_HEADER_HEIGHT,
  DAY_SPACING,
  estimateDaysHeight,
  GAP,
  layoutDays,
  MIN_SEGMENT_WIDTH,
  packDays,
} from './blocks';
import type { DayGroup, GridPhoto } from './layout';

const metrics = { width: 390, rowHeight: 120 };
let made = 0;
function photo(width = 400, height = 300): GridPhoto {
  made += 1;
  return { id: `p${made}`, sortAt: '', width, height };
}
const day = (name: string, count: number, shape: [number, number] = [400, 300]): DayGroup<GridPhoto> => ({
  day: name,
  photos: Array.from({ length: count }, () => photo(...shape)),
});

function bottoms(blocks: readonly Block<GridPhoto>[]) {
  return blocks.map((block) => block.top + block.height);
}

describe('packDays', () => {
  it('puts consecutive days that fit side by side on one line, and a wide day on its own', () => {
    const lines = packDays([100, 120, 90, 500, 80], (w) => w, 390);
    expect(lines).toEqual([
      { kind: 'shared', days: [100, 120, 90] },
      { kind: 'own', day: 500 },
      { kind: 'shared', days: [80] },
    ]);
  });

  it('starts a new line when the next day would not fit with its spacing', () => {
    const lines = packDays([190, 190], (w) => w, 390);
    expect(190 + DAY_SPACING + 190).toBeGreaterThan(390);
    expect(lines).toEqual([
      { kind: 'shared', days: [190] },
      { kind: 'shared', days: [190] },
    ]);
  });

  it('gives a day narrower than its date the minimum segment width', () => {
    const lines = packDays([10, 10, 10, 10, 10, 10], (w) => w, 390);
    const perLine = Math.floor((390 + DAY_SPACING) / (MIN_SEGMENT_WIDTH + DAY_SPACING));
    expect(lines[0]).toEqual({ kind: 'shared', days: Array(perLine).fill(10) });
  });
});

describe('layoutDays', () => {
  it('shares a line between sparse days, each under its own header, without blowing the photos up', () => {
    const { blocks, height } = layoutDays([day('2026-05-03', 1), day('2026-05-02', 1)], metrics);
    expect(blocks).toHaveLength(1);
    const line = blocks[0];
    if (line?.kind !== 'shared') throw new Error('expected a shared line');
    expect(line.segments.map((s) => s.day)).toEqual(['2026-05-03', '2026-05-02']);
    // A 4:3 photo at the row height, not stretched to fill the width.
    expect(line.segments.map((s) => s.cells[0]?.width)).toEqual([160, 160]);
    expect(line.segments[1]?.left).toBe(160 + DAY_SPACING);
    expect(line.height).toBe(DAY_HEADER_HEIGHT + 120);
    expect(height).toBe(line.height + GAP);
  });

  it('gives a full day a header and justified rows that fill the width', () => {
    const { blocks } = layoutDays([day('2026-05-03', 7)], metrics);
    expect(blocks[0]).toMatchObject({ kind: 'day', day: '2026-05-03', top: 0, height: DAY_HEADER_HEIGHT });
    const rows = blocks.filter((block) => block.kind === 'row');
    expect(rows.length).toBeGreaterThan(1);
    const first = rows[0];
    if (first?.kind !== 'row') throw new Error('expected a row');
    const last = first.cells[first.cells.length - 1];
    expect((last?.left ?? 0) + (last?.width ?? 0)).toBe(390);
  });

  it('stacks blocks without overlap or gaps other than the row gap, from the given top', () => {
    const { blocks, height } = layoutDays(
      [day('2026-05-05', 9), day('2026-05-04', 1), day('2026-05-03', 2), day('2026-05-01', 12, [300, 400])],
      metrics,
      1000,
    );
    expect(blocks[0]?.top).toBe(1000);
    const ends = bottoms(blocks);
    blocks.slice(1).forEach((block, i) => {
      const gap = block.top - (ends[i] ?? 0);
      expect(gap === 0 || gap === GAP).toBe(true);
    });
    expect(1000 + height).toBe((ends[ends.length - 1] ?? 0) + GAP);
  });

  it('keys every block uniquely, so React keeps nodes as the window moves', () => {
    const { blocks } = layoutDays([day('a', 9), day('b', 1), day('c', 1), day('d', 30)], metrics);
    expect(new Set(blocks.map((block) => block.key)).size).toBe(blocks.length);
  });
});

describe('estimateDaysHeight', () => {
  it('matches the real layout for photos of the estimated shape', () => {
    const counts = [1, 2, 9, 1, 1, 30, 4];
    const groups = counts.map((count, i) => day(`d${i}`, count));
    const real = layoutDays(groups, metrics).height;
    const estimate = estimateDaysHeight(counts, metrics, 4 / 3);
    expect(Math.abs(estimate - real) / real).toBeLessThan(0.1);
  });

  it('is zero for no days', () => {
    expect(estimateDaysHeight([], metrics)).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { blocksInWindow } from '../components/PhotoGrid/window';
import { ASPECT_MAX, ASPECT_MIN, coverHeight, layoutWaterfall } from './waterfall';

const metrics = { width: 310, gap: 10, captionHeight: 50 };
const card = (id: string, width: number | null, height: number | null) => ({ id, width, height });

describe('waterfall layout', () => {
  it('puts each card under the shorter column, keeping the cover’s aspect', () => {
    const { columns, height } = layoutWaterfall(
      [card('a', 300, 450), card('b', 300, 150), card('c', 300, 300), card('d', 300, 300)],
      metrics,
    );
    // Columns 150 px wide: a is 225 tall (+50), b 90 (clamped to 0.6) (+50); c goes right (150 < 285), d left (285 < 360).
    expect(columns[0].map((c) => [c.item.id, c.top, c.coverHeight])).toEqual([
      ['a', 0, 225],
      ['d', 285, 150],
    ]);
    expect(columns[1].map((c) => [c.item.id, c.top, c.left, c.coverHeight])).toEqual([
      ['b', 0, 160, 90],
      ['c', 150, 160, 150],
    ]);
    expect(height).toBe(285 + 150 + 50);
  });

  it('clamps extreme aspects and makes unknown sizes square', () => {
    expect(coverHeight(card('p', 4000, 500), 100)).toBe(100 * ASPECT_MIN);
    expect(coverHeight(card('s', 500, 4000), 100)).toBe(100 * ASPECT_MAX);
    expect(coverHeight(card('u', null, null), 100)).toBe(100);
    expect(coverHeight(card('z', 0, 300), 100)).toBe(100);
    expect(layoutWaterfall([], metrics)).toEqual({ columns: [[], []], height: 0 });
  });

  it('gives columns sorted, non-overlapping spans that the window search finds', () => {
    const items = Array.from({ length: 1000 }, (_, i) => card(`w${i}`, 300, 200 + ((i * 37) % 400)));
    const { columns } = layoutWaterfall(items, metrics);
    for (const column of columns) {
      column.slice(1).forEach((card, i) => {
        const before = column[i] as (typeof column)[number];
        expect(card.top).toBeGreaterThanOrEqual(before.top + before.height);
      });
      const [start, end] = blocksInWindow(column, { from: 5000, to: 6000 });
      const shown = column.slice(start, end);
      expect(shown.length).toBeLessThan(12);
      expect(shown.every((card) => card.top < 6000 && card.top + card.height > 5000)).toBe(true);
      expect(column.slice(0, start).every((card) => card.top + card.height <= 5000)).toBe(true);
    }
    expect(columns[0].length + columns[1].length).toBe(1000);
  });
});

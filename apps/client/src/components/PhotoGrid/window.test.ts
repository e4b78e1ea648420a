import { describe, expect, it } from 'vitest';
import { blocksInWindow, keepGridInView, sameWindow, windowAt } from './window';

const blocks = Array.from({ length: 1000 }, (_, i) => ({ top: i * 100, height: 97 }));

describe('blocksInWindow', () => {
  it('finds exactly the blocks that meet the range', () => {
    expect(blocksInWindow(blocks, { from: 250, to: 620 })).toEqual([2, 7]);
    expect(blocksInWindow(blocks, { from: 0, to: 1 })).toEqual([0, 1]);
  });

  it('leaves out a block that ends exactly where the range starts', () => {
    expect(
      blocksInWindow(
        [
          { top: 0, height: 100 },
          { top: 100, height: 100 },
        ],
        { from: 100, to: 150 },
      ),
    ).toEqual([1, 2]);
  });

  it('answers an empty range past the end and for no blocks', () => {
    expect(blocksInWindow(blocks, { from: 200_000, to: 201_000 })).toEqual([1000, 1000]);
    expect(blocksInWindow([], { from: 0, to: 100 })).toEqual([0, 0]);
  });
});

describe('windowAt', () => {
  it('covers the viewport and a viewport above and below', () => {
    const w = windowAt(5000, 800, 100);
    expect(w.from).toBeLessThanOrEqual(5000 - 100 - 800);
    expect(w.to).toBeGreaterThanOrEqual(5000 - 100 + 1600);
  });

  it('does not move for small scrolls, so the grid is not re-rendered on every scroll event', () => {
    const at = windowAt(4100, 800, 0);
    expect(sameWindow(at, windowAt(4110, 800, 0))).toBe(true);
    expect(sameWindow(at, windowAt(4100 + 800, 800, 0))).toBe(false);
  });

  it('starts at the grid top before the grid is scrolled to', () => {
    expect(windowAt(0, 800, 300).from).toBe(0);
  });
});

describe('keepGridInView', () => {
  it('scrolls by what the content above the grid grew or shrank, once the user has scrolled', () => {
    expect(keepGridInView(120, 420, 2000)).toBe(300);
    expect(keepGridInView(420, 120, 2000)).toBe(-300);
  });

  it('leaves the page alone at its top (what appeared is there to be seen) and at the first measurement', () => {
    expect(keepGridInView(120, 420, 0)).toBe(0);
    expect(keepGridInView(null, 420, 2000)).toBe(0);
  });
});

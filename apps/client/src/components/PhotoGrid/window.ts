/**
 * Which blocks to render: those that meet the viewport widened by an overscan, found by binary search
 * (blocks are sorted by top and do not overlap). The window moves in steps of half a viewport, so scrolling
 * re-renders the grid a few times a screen, not on every scroll event (on weapp each render is a setData).
 */

export interface Span {
  top: number;
  height: number;
}

/** A range of the grid's own coordinates, px. */
export interface GridWindow {
  from: number;
  to: number;
}

/** [start, end) of the blocks that meet [from, to). */
export function blocksInWindow(blocks: readonly Span[], { from, to }: GridWindow): [number, number] {
  let lo = 0;
  let hi = blocks.length;
  // First block whose bottom is below `from`.
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const block = blocks[mid] as Span;
    if (block.top + block.height <= from) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < blocks.length && (blocks[end] as Span).top < to) end += 1;
  return [lo, end];
}

/**
 * The part of the grid to render when the page is scrolled to `scrollTop` and the grid starts `gridTop`
 * below the page's top: the viewport plus one viewport above and below, snapped to half-viewport steps so
 * that small scrolls give the same window.
 */
export function windowAt(scrollTop: number, viewportHeight: number, gridTop: number): GridWindow {
  const step = Math.max(100, Math.round(viewportHeight / 2));
  const top = scrollTop - gridTop;
  const from = Math.floor((top - viewportHeight) / step) * step;
  const to = Math.ceil((top + 2 * viewportHeight) / step) * step;
  return { from: Math.max(0, from), to: Math.max(step, to) };
}

export const sameWindow = (a: GridWindow, b: GridWindow) => a.from === b.from && a.to === b.to;

/**
 * How far to scroll so that what the user looks at stays put when the grid's top moved from `before` to
 * `after` on the page (something above it came or went: the memories card, a hint). Nothing at the
 * page's top, where what appeared is there to be seen, nor at the first measurement (`before` null).
 */
export function keepGridInView(before: number | null, after: number, scrollTop: number): number {
  return before === null || scrollTop <= 0 ? 0 : after - before;
}

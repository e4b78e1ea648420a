/**
 * Where the page is scrolled, as the grid needs it: the window of the grid to render (window.ts), and a
 * way to scroll to a point of the grid. The page itself scrolls on every target (page-scroll.ts: the
 * window on H5, the page on weapp, the page's ScrollView on RN), so the grid needs no scroll view of its
 * own and pull-to-refresh keeps working.
 */
import Taro from '@tarojs/taro';
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { measureElement, scrollPageTo, usePageScrollTop } from './page-scroll';
import { type GridWindow, keepGridInView, sameWindow, windowAt } from './window';

export function viewportHeight(): number {
  try {
    return Taro.getSystemInfoSync().windowHeight || 700;
  } catch {
    return 700;
  }
}

/** Where the element's top is, measured from the page's top (null where the runtime cannot say). */
async function measureTop(id: string): Promise<number | null> {
  return (await measureElement(id))?.pageTop ?? null;
}

export interface PageViewport {
  window: GridWindow;
  viewportHeight: number;
  /** The page's scroll position now (read on demand: keeping it in state would re-render on every event). */
  scrollTop(): number;
  /** Where the grid starts on the page. */
  gridTop(): number;
  /** Scrolls the page so that the grid's `y` is at the top of the viewport. */
  scrollToGrid(y: number): void;
  /** Moves the page by `dy` without animation (keeps the photos in view when content above changes size). */
  scrollBy(dy: number): void;
}

/**
 * The grid `id`'s window, updated as the page scrolls. `layoutKey` changes when what is above the grid may
 * have moved it (a hint appearing): its top is measured again.
 */
export function usePageViewport(id: string, layoutKey: unknown = null): PageViewport {
  const [height] = useState(viewportHeight);
  const scroll = useRef(0);
  const top = useRef(0);
  const [window, setWindow] = useState<GridWindow>(() => windowAt(0, height, 0));
  const update = useCallback(() => {
    const next = windowAt(scroll.current, height, top.current);
    setWindow((current) => (sameWindow(current, next) ? current : next));
  }, [height]);

  usePageScrollTop((scrollTop) => {
    scroll.current = scrollTop;
    update();
  });

  const scrollTo = useCallback(
    (scrollTop: number) => {
      scroll.current = Math.max(0, scrollTop);
      scrollPageTo(scroll.current);
      update();
    },
    [update],
  );

  // Measured before the browser paints (H5 measures at once), so content appearing above a scrolled grid
  // is answered by a scroll of the same height in the same frame: the view does not jump.
  const measured = useRef<number | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: layoutKey is the reason to measure again.
  useLayoutEffect(() => {
    let live = true;
    void measureTop(id).then((next) => {
      if (!live) return;
      // Without a measurement, the window's overscan (a viewport each way) covers a grid a header lower.
      const shift = next === null ? 0 : keepGridInView(measured.current, next, scroll.current);
      if (next !== null) measured.current = next;
      top.current = next ?? 0;
      if (shift !== 0) scrollTo(scroll.current + shift);
      else update();
    });
    return () => {
      live = false;
    };
  }, [id, layoutKey, update, scrollTo]);

  const scrollToGrid = useCallback((y: number) => scrollTo(top.current + y), [scrollTo]);
  const scrollBy = useCallback((dy: number) => scrollTo(scroll.current + dy), [scrollTo]);
  // One object per window: effects that take the viewport run when it moved, not on every render.
  return useMemo(
    () => ({
      window,
      viewportHeight: height,
      scrollTop: () => scroll.current,
      gridTop: () => top.current,
      scrollToGrid,
      scrollBy,
    }),
    [window, height, scrollToGrid, scrollBy],
  );
}

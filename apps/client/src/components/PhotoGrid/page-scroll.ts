/**
 * The page's scroll, on H5 (and in tests): the document scrolls, so the window's scroll events and
 * scrollTo are the page's. The weapp and RN builds take page-scroll.weapp.ts / .rn.ts instead, on Taro's
 * page events.
 */
import { useEffect, useRef } from 'react';

/** Calls `listener` with the page's scrollTop whenever it scrolls. */
export function usePageScrollTop(listener: (scrollTop: number) => void): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => {
    const onScroll = () => latest.current(window.scrollY);
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => window.removeEventListener('scroll', onScroll);
  }, []);
}

/** Scrolls the page to `scrollTop` at once (no animation: the grid positions itself from it). */
export function scrollPageTo(scrollTop: number): void {
  window.scrollTo(0, scrollTop);
}

/** Calls `listener` when the page becomes visible again (the tab or app came back). */
export function usePageShown(listener: () => void): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => {
    const onChange = () => {
      if (document.visibilityState === 'visible') latest.current();
    };
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, []);
}

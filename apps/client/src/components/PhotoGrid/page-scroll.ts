/**
 * The page's scroll, on H5 (and in tests). Taro's H5 router scrolls each page inside its own container (a
 * `.taro_page` whose id is the page's path, with the body fixed), not the window; without such a container
 * (the unit tests' jsdom, or a page set to usingWindowScroll) the window scrolls. The weapp and RN builds
 * take page-scroll.weapp.ts / .rn.ts instead, on Taro's page events.
 */
import Taro from '@tarojs/taro';
import { useEffect, useRef } from 'react';

/** The current page's scroll container, or null when the window scrolls. */
function pageContainer(): HTMLElement | null {
  const path = Taro.getCurrentInstance().page?.path;
  const element = path ? document.getElementById(path) : null;
  if (!element?.classList.contains('taro_page')) return null;
  return getComputedStyle(element).overflowY === 'visible' ? null : element;
}

/** Calls `listener` with the page's scrollTop whenever it scrolls. */
export function usePageScrollTop(listener: (scrollTop: number) => void): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => {
    const container = pageContainer();
    const target: HTMLElement | Window = container ?? window;
    const onScroll = () => latest.current(container ? container.scrollTop : window.scrollY);
    target.addEventListener('scroll', onScroll, { passive: true });
    return () => target.removeEventListener('scroll', onScroll);
  }, []);
}

/** Scrolls the page to `scrollTop` at once (no animation: the grid positions itself from it). */
export function scrollPageTo(scrollTop: number): void {
  const container = pageContainer();
  if (container) container.scrollTop = scrollTop;
  else window.scrollTo(0, scrollTop);
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

/** Where an element is: its top and height on the screen, and its top from the page's scroll origin. */
export interface ElementBox {
  screenTop: number;
  pageTop: number;
  height: number;
}

/**
 * Measures element `id` from the DOM, at once. Not Taro.createSelectorQuery: on H5 its exec runs later
 * and throws, out of any try, when the page has meanwhile stopped being the current one (a tab switch, a
 * home left), which the e2e tests saw as a page error.
 */
export function measureElement(id: string): Promise<ElementBox | null> {
  const element = document.getElementById(id);
  if (!element) return Promise.resolve(null);
  const rect = element.getBoundingClientRect();
  const container = pageContainer();
  const pageTop = container
    ? rect.top - container.getBoundingClientRect().top + container.scrollTop
    : rect.top + window.scrollY;
  return Promise.resolve({ screenTop: rect.top, pageTop, height: rect.height });
}

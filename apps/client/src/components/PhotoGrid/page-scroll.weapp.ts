/** The page's scroll in the mini-program (and RN, which re-exports this): Taro's page events. */
import Taro, { useDidShow, usePageScroll } from '@tarojs/taro';

export function usePageScrollTop(listener: (scrollTop: number) => void): void {
  usePageScroll(({ scrollTop }) => listener(scrollTop));
}

export function scrollPageTo(scrollTop: number): void {
  void Taro.pageScrollTo({ scrollTop, duration: 0 });
}

export function usePageShown(listener: () => void): void {
  useDidShow(listener);
}

/** Where an element is: its top and height on the screen, and its top from the page's scroll origin. */
export interface ElementBox {
  screenTop: number;
  pageTop: number;
  height: number;
}

/** Measures element `id` through a selector query (null when the runtime cannot say). */
export function measureElement(id: string): Promise<ElementBox | null> {
  return new Promise((resolve) => {
    try {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .boundingClientRect()
        .selectViewport()
        .scrollOffset()
        .exec((result: unknown[]) => {
          const rect = result?.[0] as { top?: number; height?: number } | null;
          const viewport = result?.[1] as { scrollTop?: number } | null;
          if (!rect || typeof rect.top !== 'number') return resolve(null);
          resolve({ screenTop: rect.top, pageTop: rect.top + (viewport?.scrollTop ?? 0), height: rect.height ?? 0 });
        });
    } catch {
      resolve(null);
    }
  });
}

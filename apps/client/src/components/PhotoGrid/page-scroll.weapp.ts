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

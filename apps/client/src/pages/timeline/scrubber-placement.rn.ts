import Taro from '@tarojs/taro';
import { type CSSProperties, useState } from 'react';
import { usePageScrollTop } from '../../components/PhotoGrid/page-scroll';

/** Where the strip starts below the top of the screen and stops above its bottom (design px, as index.css). */
const TOP_PX = 160;
const BOTTOM_PX = 48;

/**
 * React Native has no `position: fixed`, and Taro runs the whole page in one ScrollView with no place
 * beside it: the strip is placed absolutely in the page and moved down by what has been scrolled, so it
 * stays put on the screen. Taro's page ScrollView reports scrolls every 8 ms, which keeps it steady.
 */
export function useScrubberPlacement(screenHeight: number): CSSProperties {
  const [scrollTop, setScrollTop] = useState(0);
  usePageScrollTop(setScrollTop);
  // On RN pxTransform answers device pixels as a number (its type says string, for the web).
  const top = Number(Taro.pxTransform(TOP_PX));
  const bottom = Number(Taro.pxTransform(BOTTOM_PX));
  return { position: 'absolute', top: scrollTop + top, height: Math.max(0, screenHeight - top - bottom) };
}

// No class of its own: index.css pins the strip on the other targets only (#ifndef rn).
export const SCRUBBER_CLASS = 'scrubber--rn';

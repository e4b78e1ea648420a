/**
 * The navigation bar in the colour scheme's colours from theme.json, where Taro draws it from the app
 * config's one set of colours (H5, RN; WeChat switches it itself through theme.json).
 */
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { useEffect, useRef } from 'react';
import theme from '../theme.json';
import type { ColorScheme } from './color-scheme';

export function paintNavigationBar(scheme: ColorScheme): void {
  const colours = theme[scheme];
  void Taro.setNavigationBarColor({
    frontColor: colours.navTextStyle === 'white' ? '#ffffff' : '#000000',
    backgroundColor: colours.navBgColor,
  }).catch(() => undefined);
}

/**
 * Runs `paint` when the page shows and, while it is shown, when `scheme` or `fixedTone` change. Taro keeps
 * one bar and paints it for the page in front: a page behind that repainted it would colour another page's
 * bar. A screen that mounts counts as shown: it mounts on the page in front, often after the page's own
 * show (a screen waiting for its home), whose event it then never hears.
 */
export function usePaintWhileShown(
  paint: (scheme: ColorScheme, fixedTone: ColorScheme | null) => void,
  scheme: ColorScheme,
  fixedTone: ColorScheme | null,
): void {
  const shown = useRef(true);
  useDidShow(() => {
    shown.current = true;
    paint(scheme, fixedTone);
  });
  useDidHide(() => {
    shown.current = false;
  });
  useEffect(() => {
    if (shown.current) paint(scheme, fixedTone);
  }, [paint, scheme, fixedTone]);
}

import Taro from '@tarojs/taro';
import theme from '../theme.json';
import type { ColorScheme } from './color-scheme';

/**
 * The tab bar in the scheme's colours from theme.json, where the platform draws it from the app config's
 * one set of colours (H5, RN). WeChat switches it itself (system-scheme.weapp.ts).
 */
export function paintTabBar(scheme: ColorScheme): void {
  const colours = theme[scheme];
  void Taro.setTabBarStyle({
    color: colours.tabColor,
    selectedColor: colours.tabSelectedColor,
    backgroundColor: colours.tabBgColor,
    borderStyle: colours.tabBorderStyle as 'black' | 'white',
  }).catch(() => undefined);
}

/**
 * React Native follows the system's light/dark setting here (H5: system-scheme.ts, WeChat: .weapp.ts).
 * Stylesheets carry both palettes (config/rn-transformer.js); what is drawn outside them, the navigation
 * bar, tab bar, status bar and page background, takes theme.json's colours.
 */
import Taro from '@tarojs/taro';
import { Appearance, type ColorSchemeName, StatusBar } from 'react-native';
import theme from '../theme.json';
import { type ColorScheme, setColorScheme } from './color-scheme';
import { paintNavigationBar, usePaintWhileShown } from './navigation-bar';

export { paintTabBar } from './tab-bar';

let following = false;

function schemeOf(name: ColorSchemeName): ColorScheme {
  return name === 'dark' ? 'dark' : 'light';
}

interface WindowConfig {
  backgroundColor?: string;
  backgroundTextStyle?: string;
  navigationBarBackgroundColor?: string;
  navigationBarTextStyle?: string;
}

function apply(scheme: ColorScheme): void {
  const colours = theme[scheme];
  // Taro's RN router reads the app's window config when a page mounts (its navigation bar) and whenever a
  // page re-renders (its background): pages opened from now on take the scheme's colours from there.
  const window = Taro.getApp<{ config?: { window?: WindowConfig } }>()?.config?.window;
  if (window) {
    Object.assign(window, {
      backgroundColor: colours.bgColor,
      backgroundTextStyle: colours.bgTextStyle,
      navigationBarBackgroundColor: colours.navBgColor,
      navigationBarTextStyle: colours.navTextStyle,
    });
  }
  // Pages re-render (usePageChrome) and read their stylesheets in the new palette; app.tsx repaints the tab bar.
  setColorScheme(scheme);
  // Colours the pull-down spinner, and makes every mounted page's wrapper re-render with the new background.
  void Taro.setBackgroundTextStyle({ textStyle: colours.bgTextStyle as 'dark' | 'light' }).catch(() => undefined);
}

/** Once, before the first page renders (app.tsx), so the app starts in the system's scheme. */
export function followSystemColorScheme(): void {
  if (following) return;
  following = true;
  apply(schemeOf(Appearance.getColorScheme()));
  Appearance.addChangeListener(({ colorScheme: name }) => apply(schemeOf(name)));
}

/**
 * Taro paints the bars of the page in front, so a page paints its own when it shows and, while shown, when
 * the scheme changes. `fixedTone`: the page's config fixes its navigation bar (the viewer's is black), so
 * only the status bar follows that bar's tone.
 */
export function useSchemeNavigationBar(scheme: ColorScheme, fixedTone: ColorScheme | null): void {
  usePaintWhileShown(paintBars, scheme, fixedTone);
}

function paintBars(scheme: ColorScheme, fixedTone: ColorScheme | null): void {
  StatusBar.setBarStyle((fixedTone ?? scheme) === 'dark' ? 'light-content' : 'dark-content');
  if (!fixedTone) paintNavigationBar(scheme);
}

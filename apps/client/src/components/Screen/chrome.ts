import Taro from '@tarojs/taro';
import { useEffect } from 'react';
import { type ColorScheme, useColorScheme } from '../../styles/color-scheme';
import { useSchemeNavigationBar } from '../../styles/system-scheme';

export interface PageChromeOptions {
  /** The tone of a navigation bar the page's config fixes: the viewer's is black ('dark') in either scheme. */
  fixedBar?: ColorScheme;
}

/**
 * What every page sets about its window: the title in the user's language (a page config holds only one)
 * and, on React Native, the navigation and status bars of the current colour scheme. Reading the scheme
 * also re-renders the page when the system switches between light and dark, so it redraws in the new
 * palette.
 */
export function usePageChrome(title: string, { fixedBar }: PageChromeOptions = {}): void {
  const scheme = useColorScheme();
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title }).catch(() => undefined);
  }, [title]);
  useSchemeNavigationBar(scheme, fixedBar ?? null);
}

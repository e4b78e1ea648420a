import Taro from '@tarojs/taro';
import { useEffect } from 'react';
import { useColorScheme } from '../../styles/color-scheme';
import { useSchemeNavigationBar } from '../../styles/system-scheme';

export interface PageChromeOptions {
  /** The page's config fixes its navigation bar (the viewer's is black in either scheme). */
  fixedBar?: boolean;
}

/**
 * What every page sets about its window: the title in the user's language (a page config holds only one)
 * and, on React Native, the navigation bar of the current colour scheme. Reading the scheme also re-renders
 * the page when the system switches between light and dark, so it redraws in the new palette.
 */
export function usePageChrome(title: string, { fixedBar = false }: PageChromeOptions = {}): void {
  const scheme = useColorScheme();
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title }).catch(() => undefined);
  }, [title]);
  useSchemeNavigationBar(fixedBar ? null : scheme);
}

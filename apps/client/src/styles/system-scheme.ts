/**
 * Following the system's light/dark setting at run time, in the browser: pages switch through theme.css's
 * media query alone, but Taro's H5 tab bar and navigation bar take their colours from the app config, so
 * they are repainted from theme.json when the scheme changes. WeChat: system-scheme.weapp.ts; React
 * Native: system-scheme.rn.ts.
 */
import { type ColorScheme, setColorScheme } from './color-scheme';
import { paintNavigationBar, usePaintWhileShown } from './navigation-bar';

export { paintTabBar } from './tab-bar';

let following = false;

/** Once, as the app starts (app.tsx); the scheme then drives the tab bar (app.tsx) and pages re-render. */
export function followSystemColorScheme(): void {
  if (following || typeof window === 'undefined' || typeof window.matchMedia !== 'function') return;
  following = true;
  const dark = window.matchMedia('(prefers-color-scheme: dark)');
  const apply = () => setColorScheme(dark.matches ? 'dark' : 'light');
  apply();
  // Safari before 14 knows only the older addListener.
  if (typeof dark.addEventListener === 'function') dark.addEventListener('change', apply);
  else dark.addListener(apply);
}

/**
 * Taro's H5 bar above pages that are not tabs (welcome, album, storage…), in the scheme's colours; a page
 * whose config fixes its bar (the viewer's black one) keeps it.
 */
export function useSchemeNavigationBar(scheme: ColorScheme, fixedTone: ColorScheme | null): void {
  usePaintWhileShown(paintSchemeBar, scheme, fixedTone);
}

function paintSchemeBar(scheme: ColorScheme, fixedTone: ColorScheme | null): void {
  if (!fixedTone) paintNavigationBar(scheme);
}

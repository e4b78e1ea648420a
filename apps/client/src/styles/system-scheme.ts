/**
 * Following the system's light/dark setting at run time, in the browser: pages switch through theme.css's
 * media query alone, but Taro's H5 tab bar takes its colours from the app config, so it is repainted from
 * theme.json when the scheme changes. WeChat: system-scheme.weapp.ts; React Native: system-scheme.rn.ts.
 */
import { type ColorScheme, setColorScheme } from './color-scheme';

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

/** H5 draws no navigation bar (the browser's own chrome is the page title). */
export function useSchemeNavigationBar(_scheme: ColorScheme, _fixedTone: ColorScheme | null): void {}

/**
 * WeChat follows the system's light/dark setting by itself: theme.css's media query for the pages, and
 * theme.json (app.json `darkmode`) for the navigation bar, tab bar and window. Nothing to do at run time.
 */
import type { ColorScheme } from './color-scheme';

export function followSystemColorScheme(): void {}

export function useSchemeNavigationBar(_scheme: ColorScheme, _fixedTone: ColorScheme | null): void {}

export function paintTabBar(_scheme: ColorScheme): void {}

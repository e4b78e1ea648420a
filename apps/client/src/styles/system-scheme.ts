/**
 * Following the system's light/dark setting at run time. H5 and WeChat need nothing here: theme.css's media
 * query and theme.json (app.json `darkmode`) switch them. React Native does: system-scheme.rn.ts.
 */
import type { ColorScheme } from './color-scheme';

/** Starts following the system's colour scheme (RN only). */
export function followSystemColorScheme(): void {}

/**
 * Keeps the shown page's navigation and status bars in the scheme's colours, or the status bar in the tone
 * of a bar the page fixes (RN only).
 */
export function useSchemeNavigationBar(_scheme: ColorScheme, _fixedTone: ColorScheme | null): void {}

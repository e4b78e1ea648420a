/**
 * The colour scheme the app draws in. H5 and WeChat follow the system in CSS alone (theme.css's media
 * query, theme.json). React Native has neither CSS variables nor media queries, so its build compiles
 * each stylesheet in both palettes into a `schemeStyleSheet` (config/rn-transformer.js), and
 * system-scheme.rn.ts keeps the scheme here in step with the system. Elsewhere it stays 'light', unused.
 */
import { useSyncExternalStore } from 'react';

export type ColorScheme = 'light' | 'dark';

let current: ColorScheme = 'light';
const listeners = new Set<() => void>();

export function colorScheme(): ColorScheme {
  return current;
}

export function setColorScheme(scheme: ColorScheme): void {
  if (scheme === current) return;
  current = scheme;
  for (const listener of listeners) listener();
}

export function subscribeColorScheme(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The scheme, re-rendering the caller when it changes (pages do, through usePageChrome). */
export function useColorScheme(): ColorScheme {
  return useSyncExternalStore(subscribeColorScheme, colorScheme, colorScheme);
}

/**
 * One stylesheet in two palettes, whose class names resolve to the current scheme's entry when read.
 * Taro's RN build reads `sheet[className]` while rendering, so a page rendered after a switch draws
 * in the new palette.
 */
export function schemeStyleSheet<Sheet extends Record<string, unknown>>(light: Sheet, dark: Sheet): Sheet {
  const sheet: Record<string, unknown> = {};
  for (const name of new Set([...Object.keys(light), ...Object.keys(dark)])) {
    Object.defineProperty(sheet, name, {
      enumerable: true,
      get: () => (current === 'dark' ? dark : light)[name],
    });
  }
  return sheet as Sheet;
}

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A prefers-color-scheme query the test can flip; `legacy` has only Safari 13's addListener. */
function fakeQuery(matches: boolean, legacy: boolean) {
  const listeners: (() => void)[] = [];
  const query = {
    matches,
    addListener: (listener: () => void) => listeners.push(listener),
    ...(legacy ? {} : { addEventListener: (_type: string, listener: () => void) => listeners.push(listener) }),
    flip() {
      query.matches = !query.matches;
      for (const listener of listeners) listener();
    },
  };
  return query;
}

describe('following the browser colour scheme (H5)', () => {
  const originalMatchMedia = window.matchMedia;
  beforeEach(() => vi.resetModules());
  afterEach(() => {
    window.matchMedia = originalMatchMedia;
  });

  for (const legacy of [false, true]) {
    it(`starts in the system's scheme and follows its changes${legacy ? ' (Safari 13 listener)' : ''}`, async () => {
      const query = fakeQuery(true, legacy);
      window.matchMedia = vi.fn(() => query) as never;
      const { followSystemColorScheme } = await import('./system-scheme');
      const { colorScheme } = await import('./color-scheme');
      followSystemColorScheme();
      expect(window.matchMedia).toHaveBeenCalledWith('(prefers-color-scheme: dark)');
      expect(colorScheme()).toBe('dark');
      query.flip();
      expect(colorScheme()).toBe('light');
      // Once is enough: a second call adds no second listener.
      followSystemColorScheme();
      expect(window.matchMedia).toHaveBeenCalledTimes(1);
    });
  }
});

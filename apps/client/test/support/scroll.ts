/**
 * For screen tests of windowed grids: jsdom lays nothing out and never scrolls, so the tests move the
 * window themselves, and `window.scrollTo` (what the grid calls to jump or keep its place) fires its
 * scroll event afterwards, as a browser does, not inside the caller.
 */
import { act, cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';

/** The window scrolled to `y`, with its scroll event. */
export function scrollWindowTo(y: number): void {
  Object.defineProperty(window, 'scrollY', { value: y, configurable: true });
  act(() => {
    window.dispatchEvent(new Event('scroll'));
  });
}

/** Installs the scrolling window for a describe's tests, and brings it back to the top after each. */
export function scrollingWindow(): void {
  beforeEach(() => {
    window.scrollTo = ((_x: number, y: number) => void setTimeout(() => scrollWindowTo(y))) as typeof window.scrollTo;
  });
  afterEach(async () => {
    cleanup();
    // Let scrolls the grid asked for land before the next test starts from the top.
    await new Promise((resolve) => setTimeout(resolve, 20));
    scrollWindowTo(0);
  });
}

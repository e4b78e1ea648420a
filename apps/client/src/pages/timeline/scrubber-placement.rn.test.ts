import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

// What RN's Taro gives: page scrolls through usePageScrollTop, and pxTransform in device pixels (half the
// design px on a 375 dp wide phone).
const scrolled: Array<(top: number) => void> = [];
vi.mock('../../components/PhotoGrid/page-scroll', () => ({
  usePageScrollTop: (listener: (top: number) => void) => scrolled.push(listener),
}));
vi.mock('@tarojs/taro', () => ({ default: { pxTransform: (px: number) => px / 2 } }));

const { useScrubberPlacement } = await import('./scrubber-placement.rn');

describe('the scrubber on RN', () => {
  it('stays on the screen by moving down with the page, between the head and the tab bar', () => {
    const { result } = renderHook(() => useScrubberPlacement(800));
    expect(result.current).toEqual({ position: 'absolute', top: 80, height: 800 - 80 - 24 });
    act(() => {
      for (const listener of scrolled) listener(12_345);
    });
    expect(result.current).toEqual({ position: 'absolute', top: 12_345 + 80, height: 696 });
  });
});

import type { CSSProperties } from 'react';

/** H5 and the mini-program pin the scrubber with CSS (`position: fixed` in index.css): nothing to place. */
export function useScrubberPlacement(_screenHeight: number): CSSProperties | undefined {
  return undefined;
}

export const SCRUBBER_CLASS = process.env.TARO_ENV === 'h5' ? 'scrubber--h5' : 'scrubber--app';

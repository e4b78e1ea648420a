/**
 * A value once it has stopped changing for `ms`: what a screen fetches for while the user swipes through
 * photos, so a fast swipe past ten photos asks about the one it stops on, not all ten.
 */
import { useEffect, useState } from 'react';

/** Swipes come a few hundred ms apart at most when someone browses quickly. */
export const SETTLE_MS = 300;

export function useSettled<T>(value: T, ms = SETTLE_MS): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (ms <= 0) {
      setSettled(value);
      return;
    }
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

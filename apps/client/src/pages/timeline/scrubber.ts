/**
 * The date scrubber's arithmetic: the track stands for the whole timeline's height (every month has its
 * place from photos.buckets), a point on it is a scroll position and so a month, and the years are marked
 * where their newest month starts.
 */
import { indexAt } from './months';

export interface ScrubberMark {
  year: string;
  /** 0 (top of the track) to 1 (bottom). */
  at: number;
}

/** Scroll range of the grid: how far its top can move up (0 when it fits in the viewport). */
export const scrollRange = (height: number, viewportHeight: number) => Math.max(0, height - viewportHeight);

/** The grid height shown at the top of the viewport when the thumb is at `fraction` of the track. */
export function gridYAt(fraction: number, height: number, viewportHeight: number): number {
  return Math.round(Math.min(1, Math.max(0, fraction)) * scrollRange(height, viewportHeight));
}

/** Where the thumb sits for a grid scrolled to `y`. */
export function fractionAt(y: number, height: number, viewportHeight: number): number {
  const range = scrollRange(height, viewportHeight);
  return range > 0 ? Math.min(1, Math.max(0, y / range)) : 0;
}

/** The month shown at the top of the viewport when the grid is scrolled to `y`. */
export function monthAt(months: readonly string[], tops: readonly number[], y: number): string | undefined {
  return months[indexAt(tops, y)];
}

/**
 * One mark per year at its newest month's place, leaving out a year that would sit closer than `minGap`
 * (a fraction of the track) to the mark above it, so the labels never overlap.
 */
export function yearMarks(
  months: readonly string[],
  tops: readonly number[],
  height: number,
  viewportHeight: number,
  minGap = 0.06,
): ScrubberMark[] {
  const marks: ScrubberMark[] = [];
  let lastYear = '';
  months.forEach((month, i) => {
    const year = month.slice(0, 4);
    if (year === lastYear) return;
    lastYear = year;
    const at = fractionAt(tops[i] ?? 0, height, viewportHeight);
    const previous = marks[marks.length - 1];
    if (!previous || at - previous.at >= minGap) marks.push({ year, at });
  });
  return marks;
}

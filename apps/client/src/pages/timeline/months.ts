/**
 * The timeline as months, from photos.buckets: every month of the library has a place and a height from
 * the start (estimated from its day counts until its photos load, then laid out exactly), so the page
 * scrolls over the whole library, the scrubber can jump to any month, and only the months near the
 * viewport hold photos in memory.
 */
import type { PhotoBucket } from '@xiaojia/shared';
import {
  type Block,
  estimateDaysHeight,
  type GridItem,
  type GridMetrics,
  groupByDay,
  layoutDays,
} from '../../components/PhotoGrid';
import type { GridWindow } from '../../components/PhotoGrid/window';

export interface MonthSpan {
  /** YYYY-MM */
  month: string;
  /** The month's first instant and the next month's, at the offset the buckets were counted at. */
  since: string;
  until: string;
  count: number;
  /** Photos per day, newest day first. */
  dayCounts: number[];
}

/** The device's offset from UTC in minutes, as photos.buckets takes it (UTC+8 is 480). */
export function utcOffsetMinutes(at: Date = new Date()): number {
  return -at.getTimezoneOffset() || 0;
}

function monthStart(year: number, month: number, offsetMinutes: number): string {
  return new Date(Date.UTC(year, month - 1, 1) - offsetMinutes * 60_000).toISOString();
}

/** Each bucket's bounds as instants, so the month's photos are one photos.list range (since ≤ t < until). */
export function monthSpans(buckets: readonly PhotoBucket[], offsetMinutes: number): MonthSpan[] {
  return buckets.map((bucket) => {
    const [year = 0, month = 1] = bucket.month.split('-').map(Number);
    return {
      month: bucket.month,
      since: monthStart(year, month, offsetMinutes),
      until: month === 12 ? monthStart(year + 1, 1, offsetMinutes) : monthStart(year, month + 1, offsetMinutes),
      count: bucket.count,
      dayCounts: bucket.days.map(([, count]) => count),
    };
  });
}

export interface TimelineLayout<P extends GridItem> {
  blocks: Block<P>[];
  height: number;
  /** Where each month starts and how high it is, in `months` order. */
  tops: number[];
  heights: number[];
}

/** Average width/height of the photos seen: the shape unloaded months are estimated with. */
export function averageAspect(loaded: Iterable<readonly GridItem[]>): number {
  let sum = 0;
  let n = 0;
  for (const photos of loaded) {
    for (const photo of photos) {
      if (!photo.width || !photo.height) continue;
      sum += Math.min(2.5, Math.max(0.5, photo.width / photo.height));
      n += 1;
    }
  }
  return n > 0 ? sum / n : 1;
}

/**
 * Blocks for the whole timeline: a loaded month's days and rows, or one block the estimated size of a
 * month not loaded. Cheap enough to run on every change: a loaded month costs its photos, an unloaded one
 * its days.
 */
export function layoutTimeline<P extends GridItem>(
  months: readonly MonthSpan[],
  loaded: ReadonlyMap<string, readonly P[]>,
  metrics: GridMetrics,
  aspect = 1,
  /** The real height of a month laid out before, when it is still right (same width, same count). */
  knownHeight: (span: MonthSpan) => number | undefined = () => undefined,
): TimelineLayout<P> {
  const blocks: Block<P>[] = [];
  const tops: number[] = [];
  const heights: number[] = [];
  let y = 0;
  for (const span of months) {
    tops.push(y);
    const photos = loaded.get(span.month);
    if (photos && photos.length > 0) {
      const laid = layoutDays(groupByDay(photos), metrics, y);
      blocks.push(...laid.blocks);
      y += laid.height;
      heights.push(laid.height);
    } else {
      const height = photos ? 0 : (knownHeight(span) ?? estimateDaysHeight(span.dayCounts, metrics, aspect));
      if (height > 0) blocks.push({ kind: 'month', key: `m:${span.month}`, top: y, height, month: span.month });
      y += height;
      heights.push(height);
    }
  }
  return { blocks, height: y, tops, heights };
}

/** Index of the month at grid height `y` (the last month for anything below the end). */
export function monthIndexAt(tops: readonly number[], y: number): number {
  let lo = 0;
  let hi = tops.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((tops[mid] ?? 0) <= y) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

/** The months that meet the window: the ones to load. */
export function monthsInWindow(
  layout: Pick<TimelineLayout<GridItem>, 'tops' | 'heights'>,
  window: GridWindow,
): number[] {
  const wanted: number[] = [];
  for (let i = monthIndexAt(layout.tops, window.from); i < layout.tops.length; i += 1) {
    const top = layout.tops[i] ?? 0;
    if (top >= window.to) break;
    if (top + (layout.heights[i] ?? 0) > window.from || (layout.heights[i] ?? 0) === 0) wanted.push(i);
  }
  return wanted;
}

/**
 * How far the page must move so that what the user looks at stays put when months above the viewport
 * changed height (a month above loaded and its estimate became its real size).
 */
export function anchorShift(
  before: Pick<TimelineLayout<GridItem>, 'tops' | 'heights'> & { months: readonly string[] },
  after: Pick<TimelineLayout<GridItem>, 'tops' | 'heights'> & { months: readonly string[] },
  viewTop: number,
): number {
  const at = monthIndexAt(before.tops, viewTop);
  const month = before.months[at];
  if (month === undefined || viewTop <= 0) return 0;
  const index = after.months.indexOf(month);
  if (index < 0) return 0;
  // The same month's top moved by this much; within the month the view keeps its offset.
  return (after.tops[index] ?? 0) - (before.tops[at] ?? 0);
}

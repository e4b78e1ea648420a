/**
 * The timeline laid out over the whole library from photos.buckets: every part of every month (parts.ts)
 * has a place and a height from the start (estimated from its day counts until its photos load, then laid
 * out exactly), so the page scrolls over the whole library, the scrubber can jump to any month, and only
 * the parts near the viewport hold photos in memory.
 */
import {
  type Block,
  estimateDaysHeight,
  type GridItem,
  type GridMetrics,
  groupByDay,
  layoutDays,
} from '../../components/PhotoGrid';
import type { GridWindow } from '../../components/PhotoGrid/window';
import { continuesDay, type TimelinePart } from './parts';

/** The device's offset from UTC in minutes, as photos.buckets takes it (UTC+8 is 480). */
export function utcOffsetMinutes(at: Date = new Date()): number {
  return -at.getTimezoneOffset() || 0;
}

export interface TimelineLayout<P extends GridItem> {
  blocks: Block<P>[];
  height: number;
  /** Each part's key, where it starts and how high it is, in the parts' order. */
  keys: string[];
  tops: number[];
  heights: number[];
  /** Each month and where its first part starts: the scrubber's map. */
  months: string[];
  monthTops: number[];
}

/** Average width/height of the photos seen: the shape unloaded parts are estimated with. */
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
 * Blocks for the whole timeline: a loaded part's days and rows, or one block the estimated size of a part
 * not loaded (labelled with its month). Each part is laid out on its own, so a part's height depends on
 * its photos alone and loading one never moves the rows of another. Cheap enough to run on every change:
 * a loaded part costs its photos, an unloaded one its days.
 */
export function layoutTimeline<P extends GridItem>(
  parts: readonly TimelinePart[],
  loaded: ReadonlyMap<string, readonly P[]>,
  metrics: GridMetrics,
  aspect = 1,
  /** The real height of a part laid out before, when it is still right (same width, same count). */
  knownHeight: (part: TimelinePart) => number | undefined = () => undefined,
): TimelineLayout<P> {
  const blocks: Block<P>[] = [];
  const layout = { keys: [] as string[], tops: [] as number[], heights: [] as number[] };
  const months: string[] = [];
  const monthTops: number[] = [];
  let y = 0;
  for (const part of parts) {
    layout.keys.push(part.key);
    layout.tops.push(y);
    if (months[months.length - 1] !== part.month) {
      months.push(part.month);
      monthTops.push(y);
    }
    const continued = continuesDay(part);
    const photos = loaded.get(part.key);
    let height: number;
    if (photos && photos.length > 0) {
      const laid = layoutDays(groupByDay(photos), metrics, y, continued);
      blocks.push(...laid.blocks);
      height = laid.height;
    } else {
      height = photos ? 0 : (knownHeight(part) ?? estimateDaysHeight(part.dayCounts, metrics, aspect, continued));
      if (height > 0) blocks.push({ kind: 'month', key: `m:${part.key}`, top: y, height, month: part.month });
    }
    y += height;
    layout.heights.push(height);
  }
  return { blocks, height: y, ...layout, months, monthTops };
}

/** Index of the part (or month, given month tops) at grid height `y` (the last for anything below the end). */
export function indexAt(tops: readonly number[], y: number): number {
  let lo = 0;
  let hi = tops.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((tops[mid] ?? 0) <= y) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

/** The parts that meet the window: the ones to load. */
export function partsInWindow(
  layout: Pick<TimelineLayout<GridItem>, 'tops' | 'heights'>,
  window: GridWindow,
): number[] {
  const wanted: number[] = [];
  for (let i = indexAt(layout.tops, window.from); i < layout.tops.length; i += 1) {
    const top = layout.tops[i] ?? 0;
    if (top >= window.to) break;
    if (top + (layout.heights[i] ?? 0) > window.from || (layout.heights[i] ?? 0) === 0) wanted.push(i);
  }
  return wanted;
}

/**
 * How far the page must move so that what the user looks at stays put when parts above the viewport
 * changed height (a part above loaded and its estimate became its real size).
 */
export function anchorShift(
  before: Pick<TimelineLayout<GridItem>, 'keys' | 'tops' | 'heights'>,
  after: Pick<TimelineLayout<GridItem>, 'keys' | 'tops' | 'heights'>,
  viewTop: number,
): number {
  const at = indexAt(before.tops, viewTop);
  const key = before.keys[at];
  if (key === undefined || viewTop <= 0) return 0;
  const index = after.keys.indexOf(key);
  if (index < 0) return 0;
  // The same part's top moved by this much; within the part the view keeps its offset.
  return (after.tops[index] ?? 0) - (before.tops[at] ?? 0);
}

/**
 * The grid as positioned blocks: day headers, justified rows, and lines where several small days share the
 * width under their own headers (one photo a day used to fill 40% of a row and leave the rest blank). Every
 * block knows its top and height before any image loads, so the grid renders only the blocks near the
 * viewport (window.ts) and still sizes what it leaves out; a month not loaded yet is one block whose
 * height is estimated from its day counts with the same packing.
 */
import { aspectOf, type DayGroup, type GridPhoto, layoutRows } from './layout';

export const GAP = 3;
/** A day header above its photos, px (the text sits at its bottom). */
export const DAY_HEADER_HEIGHT = 40;
/** Space between two small days sharing a line, px. */
export const DAY_SPACING = 12;
/** A small day's segment is at least this wide, so its short date fits ("12月31日", "Dec 31"). */
export const MIN_SEGMENT_WIDTH = 72;

export interface GridMetrics {
  /** Width of the grid, px. */
  width: number;
  /** Rows are about this high; a shared line is exactly this high (small days are never blown up). */
  rowHeight: number;
}

export interface Cell<P> {
  photo: P;
  /** From the left edge of the grid, px. */
  left: number;
  width: number;
}

export interface Segment<P> {
  day: string;
  left: number;
  width: number;
  cells: Cell<P>[];
}

export type Block<P> =
  | { kind: 'day'; key: string; top: number; height: number; day: string }
  | { kind: 'row'; key: string; top: number; height: number; cells: Cell<P>[] }
  /** Small days side by side: each segment has its own header above its photos. */
  | { kind: 'shared'; key: string; top: number; height: number; segments: Segment<P>[] }
  /** A month whose photos have not loaded: its estimated size. */
  | { kind: 'month'; key: string; top: number; height: number; month: string };

export type Line<D> = { kind: 'own'; day: D } | { kind: 'shared'; days: D[] };

/**
 * How a run of days uses the width: a day too wide for one line gets its own header and justified rows;
 * consecutive days that each fit in a line share lines, in order, as many as fit.
 */
export function packDays<D>(days: readonly D[], naturalWidth: (day: D) => number, width: number): Line<D>[] {
  const lines: Line<D>[] = [];
  let shared: D[] | null = null;
  let used = 0;
  for (const day of days) {
    const w = Math.max(MIN_SEGMENT_WIDTH, naturalWidth(day));
    if (w > width) {
      shared = null;
      lines.push({ kind: 'own', day });
    } else if (shared && used + DAY_SPACING + w <= width) {
      shared.push(day);
      used += DAY_SPACING + w;
    } else {
      shared = [day];
      used = w;
      lines.push({ kind: 'shared', days: shared });
    }
  }
  return lines;
}

const cellWidth = (photo: GridPhoto, rowHeight: number) => Math.floor(aspectOf(photo) * rowHeight);

function naturalWidth(photos: readonly GridPhoto[], rowHeight: number): number {
  return photos.reduce((sum, photo) => sum + cellWidth(photo, rowHeight), 0) + GAP * (photos.length - 1);
}

/**
 * Days of photos (groupByDay) as blocks from `top` down; `height` is where the next block would start.
 * `continued`: the first day goes on from blocks above (a large day loaded in parts), so it has no header
 * and rows of its own however few its photos.
 */
export function layoutDays<P extends GridPhoto>(
  groups: readonly DayGroup<P>[],
  { width, rowHeight }: GridMetrics,
  top = 0,
  continued = false,
): { blocks: Block<P>[]; height: number } {
  const blocks: Block<P>[] = [];
  let y = top;
  const first = groups[0];
  const lineWidth = (group: DayGroup<P>) =>
    continued && group === first ? Number.POSITIVE_INFINITY : naturalWidth(group.photos, rowHeight);
  for (const line of packDays(groups, lineWidth, width)) {
    if (line.kind === 'own') {
      if (!(continued && line.day === first)) {
        blocks.push({ kind: 'day', key: `d:${line.day.day}`, top: y, height: DAY_HEADER_HEIGHT, day: line.day.day });
        y += DAY_HEADER_HEIGHT;
      }
      for (const row of layoutRows(line.day.photos, { width, targetHeight: rowHeight, gap: GAP })) {
        let left = 0;
        const cells = row.cells.map((cell) => {
          const placed = { photo: cell.photo, left, width: cell.width };
          left += cell.width + GAP;
          return placed;
        });
        blocks.push({ kind: 'row', key: `r:${cells[0]?.photo.id}`, top: y, height: row.height, cells });
        y += row.height + GAP;
      }
    } else {
      let left = 0;
      const segments = line.days.map((group) => {
        let x = left;
        const cells = group.photos.map((photo) => {
          const placed = { photo, left: x, width: cellWidth(photo, rowHeight) };
          x += placed.width + GAP;
          return placed;
        });
        const segment = { day: group.day, left, width: Math.max(MIN_SEGMENT_WIDTH, x - GAP - left), cells };
        left += segment.width + DAY_SPACING;
        return segment;
      });
      const height = DAY_HEADER_HEIGHT + rowHeight;
      blocks.push({ kind: 'shared', key: `s:${line.days[0]?.day}`, top: y, height, segments });
      y += height + GAP;
    }
  }
  return { blocks, height: y - top };
}

/**
 * The height layoutDays would give days of `count` photos each, guessing every photo's shape as `aspect`
 * (the average of the photos seen so far): what a month not loaded yet takes, so the scroll height and the
 * scrubber's positions are right before its photos arrive.
 */
export function estimateDaysHeight(
  counts: readonly number[],
  { width, rowHeight }: GridMetrics,
  aspect = 1,
  /** As layoutDays': the first day goes on from above, headerless, on rows of its own. */
  continued = false,
): number {
  const cell = Math.max(1, Math.floor(aspect * rowHeight));
  const natural = (count: number) => count * cell + GAP * (count - 1);
  // As layoutRows fills them: a row closes once its photos reach the width, then shrinks to fit it.
  const perRow = Math.max(1, Math.ceil((width + GAP) / (aspect * rowHeight + GAP)));
  const fullRowHeight = Math.round((width - GAP * (perRow - 1)) / (perRow * aspect));
  let height = 0;
  const days = counts.map((count, index) => ({ count, index }));
  const width0 = (day: { count: number; index: number }) =>
    continued && day.index === 0 ? Number.POSITIVE_INFINITY : natural(day.count);
  for (const line of packDays(days, width0, width)) {
    if (line.kind === 'shared') {
      height += DAY_HEADER_HEIGHT + rowHeight + GAP;
    } else {
      const { count, index } = line.day;
      const header = continued && index === 0 ? 0 : DAY_HEADER_HEIGHT;
      const full = Math.floor(count / perRow);
      height += header + full * (fullRowHeight + GAP) + (count % perRow > 0 ? rowHeight + GAP : 0);
    }
  }
  return height;
}

/**
 * The two-column waterfall of work cards (发现): each card goes under the shorter column, its cover keeping
 * the image's aspect (clamped, so a panorama or a strip does not make a sliver or a tower), with a caption
 * of fixed height below. Pure, so the layout is tested without a renderer; the screen windows the result
 * with the timeline's window math (components/PhotoGrid/window.ts), one column at a time.
 */

export interface WaterfallItem {
  id: string;
  width: number | null;
  height: number | null;
}

export interface WaterfallMetrics {
  /** The whole waterfall's width, px. */
  width: number;
  /** Between the columns and between cards, px. */
  gap: number;
  /** The caption under each cover (title, author, likes), px. */
  captionHeight: number;
}

export interface PlacedCard<T> {
  item: T;
  column: 0 | 1;
  left: number;
  top: number;
  width: number;
  /** The cover's height; the card is coverHeight + captionHeight. */
  coverHeight: number;
  height: number;
}

export interface Waterfall<T> {
  /** Each column's cards, top to bottom (sorted by top, not overlapping: what blocksInWindow needs). */
  columns: [PlacedCard<T>[], PlacedCard<T>[]];
  height: number;
}

/** Height over width of a cover: the image's own, between 3:4 landscape-ish and 4:3 portrait-ish bounds. */
export const ASPECT_MIN = 0.6;
export const ASPECT_MAX = 1.6;

/** A cover's height for its column width; unknown sizes are square. */
export function coverHeight(item: WaterfallItem, columnWidth: number): number {
  const ratio = item.width && item.height && item.width > 0 && item.height > 0 ? item.height / item.width : 1;
  return Math.round(columnWidth * Math.min(ASPECT_MAX, Math.max(ASPECT_MIN, ratio)));
}

/** Lays `items` out in order, each under the shorter column (the left one on a tie). */
export function layoutWaterfall<T extends WaterfallItem>(items: readonly T[], metrics: WaterfallMetrics): Waterfall<T> {
  const { width, gap, captionHeight } = metrics;
  const columnWidth = Math.max(1, Math.floor((width - gap) / 2));
  const columns: [PlacedCard<T>[], PlacedCard<T>[]] = [[], []];
  const bottoms = [0, 0];
  for (const item of items) {
    const column = (bottoms[1] as number) < (bottoms[0] as number) ? 1 : 0;
    const cover = coverHeight(item, columnWidth);
    const top = bottoms[column] as number;
    const height = cover + captionHeight;
    columns[column].push({
      item,
      column,
      left: column === 0 ? 0 : columnWidth + gap,
      top,
      width: columnWidth,
      coverHeight: cover,
      height,
    });
    bottoms[column] = top + height + gap;
  }
  const height = Math.max(0, Math.max(bottoms[0] as number, bottoms[1] as number) - gap);
  return { columns, height };
}

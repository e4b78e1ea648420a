/**
 * The photo grid used by the timeline, albums and trash: day headers, justified rows whose placeholders have
 * each photo's shape, small days sharing a line, tap to open, long-press for actions, a multi-select mode.
 * Only the blocks near the viewport are rendered (the rest is empty height), so a grid scrolled through
 * 20,000 photos has the nodes of a screenful or three.
 */
import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { isVideoMime, type Photo } from '@xiaojia/shared';
import { useMemo, useState } from 'react';
import { useT } from '../../i18n';
import { placeholderOf } from '../../lib/placeholder';
import { PHOTO_TOUCH_CLASS } from '../photo-touch';
import { VideoBadge, VideoPlaceholder } from '../VideoBadge';
import { type Block, type Cell, DAY_HEADER_HEIGHT, type GridMetrics, layoutDays } from './blocks';
import { formatDay, groupByDay, toggleSelected } from './layout';
import { longPress as press } from './long-press';
import { usePageViewport } from './viewport';
import { blocksInWindow, type GridWindow } from './window';
import './index.css';

export { type Block, estimateDaysHeight, GAP, type GridMetrics, layoutDays } from './blocks';
export { formatDay, groupByDay, layoutRows, localDayKey, toggleSelected } from './layout';
export { type PageViewport, usePageViewport } from './viewport';

export type GridItem = Pick<
  Photo,
  'id' | 'sortAt' | 'width' | 'height' | 'thumbUrl' | 'availability' | 'filename' | 'thumbhash' | 'mime' | 'durationMs'
>;

/** RN styles take numbers; the web and mini-program runtimes take CSS lengths. */
function px(n: number): number | string {
  return process.env.TARO_ENV === 'rn' ? n : `${n}px`;
}

function windowWidth(): number {
  try {
    return Taro.getSystemInfoSync().windowWidth || 375;
  } catch {
    return 375;
  }
}

/** The grid's width and row height: small phones get ~3 photos a row, tablets more, never giant thumbnails. */
export function gridMetrics(width: number = windowWidth(), rowHeight?: number): GridMetrics {
  return { width, rowHeight: rowHeight ?? Math.max(96, Math.min(160, Math.round(width / 3.2))) };
}

export interface GridHandlers<P extends GridItem> {
  /** Tap outside select mode. */
  onOpen?(photo: P): void;
  /** Long-press outside select mode (e.g. an action sheet: save / delete). */
  onLongPress?(photo: P): void;
  /** Multi-select: taps toggle the photo in `selectedIds` through `onSelectionChange`. */
  selectable?: boolean;
  selectedIds?: readonly string[];
  onSelectionChange?(ids: string[]): void;
  /** A thumbnail failed to load (e.g. its signed URL expired): the owner of the list fetches it again. */
  onThumbError?(photo: P): void;
}

export interface WindowedGridProps<P extends GridItem> extends GridHandlers<P> {
  id: string;
  blocks: readonly Block<P>[];
  /** The grid's whole height, px, rendered or not. */
  height: number;
  window: GridWindow;
  /** "Today" and "yesterday" are relative to this (tests pin it). */
  now?: Date;
  /** How a month not loaded yet is labelled ("2016年3月"). */
  monthLabel?(month: string): string;
  /**
   * A line a day header adds after its date (the children's ages that day), `compact` for a narrow header
   * of a day sharing its line, where it sits small above the date; null for none.
   */
  dayNote?(day: string, compact: boolean): string | null;
}

/** Renders the blocks of `blocks` that meet `window`, each at its own place in a box of the full height. */
export function WindowedGrid<P extends GridItem>({
  id,
  blocks,
  height,
  window,
  now,
  monthLabel = (month) => month,
  dayNote,
  ...handlers
}: WindowedGridProps<P>) {
  const t = useT();
  const [start, end] = blocksInWindow(blocks, window);
  const selected = new Set(handlers.selectedIds ?? []);
  const today = now ?? new Date();
  return (
    <View id={id} className="photo-grid" style={{ height: px(height) }}>
      {blocks.slice(start, end).map((block) => (
        <View
          key={block.key}
          className={`photo-grid__block photo-grid__block--${block.kind}`}
          style={{ top: px(block.top), height: px(block.height) }}
        >
          {block.kind === 'day' && (
            <DayHeader text={formatDay(block.day, today, t)} note={dayNote?.(block.day, false)} left={0} />
          )}
          {block.kind === 'row' &&
            block.cells.map((cell) => (
              <GridCell
                key={cell.photo.id}
                cell={cell}
                top={0}
                height={block.height}
                selected={selected}
                {...handlers}
              />
            ))}
          {block.kind === 'shared' &&
            block.segments.map((segment) => [
              // A day alone on its line has the whole width for its header, weekday included.
              block.segments.length === 1 ? (
                <DayHeader
                  key={segment.day}
                  text={formatDay(segment.day, today, t)}
                  note={dayNote?.(segment.day, false)}
                  left={0}
                />
              ) : (
                <DayHeader
                  key={segment.day}
                  text={formatDay(segment.day, today, t, true)}
                  note={dayNote?.(segment.day, true)}
                  stacked
                  left={segment.left}
                  width={segment.width}
                />
              ),
              ...segment.cells.map((cell) => (
                <GridCell
                  key={cell.photo.id}
                  cell={cell}
                  top={DAY_HEADER_HEIGHT}
                  height={block.height - DAY_HEADER_HEIGHT}
                  selected={selected}
                  {...handlers}
                />
              )),
            ])}
          {block.kind === 'month' && (
            <View className="photo-grid__month">
              <Text className="photo-grid__month-text">{monthLabel(block.month)}</Text>
            </View>
          )}
        </View>
      ))}
    </View>
  );
}

interface DayHeaderProps {
  text: string;
  /** The children's ages: after the date, or on a small line above it when `stacked` (a narrow header). */
  note?: string | null;
  stacked?: boolean;
  left: number;
  width?: number;
}

function DayHeader({ text, note, stacked = false, left, width }: DayHeaderProps) {
  return (
    <View
      className="photo-grid__day"
      style={{ left: px(left), height: px(DAY_HEADER_HEIGHT), ...(width ? { width: px(width) } : { right: px(0) }) }}
    >
      {note && stacked && (
        <Text className="photo-grid__day-note photo-grid__day-note--stacked" numberOfLines={1}>
          {note}
        </Text>
      )}
      <Text className="photo-grid__day-text" numberOfLines={1}>
        {text}
        {note && !stacked && <Text className="photo-grid__day-note">{`  ${note}`}</Text>}
      </Text>
    </View>
  );
}

/**
 * While the thumbnail loads, the cell shows the photo's colours from its ThumbHash: its average colour
 * everywhere, and the blurred picture on H5. Not on weapp, where every style goes through setData: ~6 KB
 * of data: URL per cell would make each window move a payload of hundreds of KB; nor on RN, whose View
 * has no background image.
 */
function placeholderStyle(placeholder: ReturnType<typeof placeholderOf>) {
  if (!placeholder) return {};
  if (process.env.TARO_ENV !== 'h5') return { backgroundColor: placeholder.color };
  return {
    backgroundColor: placeholder.color,
    backgroundImage: `url(${placeholder.url})`,
    backgroundSize: 'cover',
    backgroundPosition: 'center',
  };
}

function GridCell<P extends GridItem>({
  cell,
  top,
  height,
  selected,
  selectable,
  selectedIds = [],
  onSelectionChange,
  onOpen,
  onLongPress,
  onThumbError,
}: GridHandlers<P> & { cell: Cell<P>; top: number; height: number; selected: ReadonlySet<string> }) {
  const t = useT();
  const { photo } = cell;
  const isSelected = selected.has(photo.id);
  const placeholder = placeholderOf(photo.thumbhash);
  const video = isVideoMime(photo.mime);
  // A video's poster that failed (none made: a server without ffmpeg) gives way to a plain placeholder;
  // a fresh URL (the list fetched again) is tried again.
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  const tap = () => {
    if (selectable) onSelectionChange?.(toggleSelected(selectedIds, photo.id));
    else onOpen?.(photo);
  };
  return (
    <View
      id={`photo-${photo.id}`}
      className={`photo-grid__cell ${PHOTO_TOUCH_CLASS}${isSelected ? ' photo-grid__cell--selected' : ''}`}
      style={{
        left: px(cell.left),
        top: px(top),
        width: px(cell.width),
        height: px(height),
        ...placeholderStyle(placeholder),
      }}
      onClick={tap}
      onLongPress={() => {
        if (!selectable && onLongPress) press.fire(() => onLongPress(photo));
      }}
      onTouchEnd={press.release}
    >
      {photo.availability === 'ok' && photo.thumbUrl && !(video && failedUrl === photo.thumbUrl) ? (
        <Image
          className="photo-grid__image"
          style={{ width: px(cell.width), height: px(height) }}
          src={photo.thumbUrl}
          mode="aspectFill"
          onError={() => {
            if (video) setFailedUrl(photo.thumbUrl);
            onThumbError?.(photo);
          }}
        />
      ) : video && photo.availability === 'ok' ? (
        <VideoPlaceholder />
      ) : (
        <View className="photo-grid__unbound">
          <Text className="photo-grid__unbound-text">{t('grid.unbound')}</Text>
        </View>
      )}
      {video && <VideoBadge durationMs={photo.durationMs} />}
      {selectable && (
        <View className={`photo-grid__check${isSelected ? ' photo-grid__check--on' : ''}`}>
          <Text className="photo-grid__check-mark">{isSelected ? '✓' : ''}</Text>
        </View>
      )}
    </View>
  );
}

export interface PhotoGridProps<P extends GridItem> extends GridHandlers<P> {
  photos: readonly P[];
  dayNote?: WindowedGridProps<P>['dayNote'];
  /** Width of the grid in px; defaults to the window's width. */
  width?: number;
  targetRowHeight?: number;
  now?: Date;
  id?: string;
}

/** A loaded list of photos (an album, the trash) as a windowed grid over the page's scroll. */
export function PhotoGrid<P extends GridItem>({
  photos,
  width,
  targetRowHeight,
  now,
  id = 'photo-grid',
  ...handlers
}: PhotoGridProps<P>) {
  const viewport = usePageViewport(id);
  const metrics = useMemo(() => gridMetrics(width, targetRowHeight), [width, targetRowHeight]);
  const { blocks, height } = useMemo(() => layoutDays(groupByDay(photos), metrics), [photos, metrics]);
  return <WindowedGrid id={id} blocks={blocks} height={height} window={viewport.window} now={now} {...handlers} />;
}

export default PhotoGrid;

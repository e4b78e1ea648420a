/**
 * The photo grid used by the timeline, albums and trash: day headers, justified rows whose placeholders
 * have each photo's shape, tap to open, long-press for actions, and a multi-select mode.
 */
import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Photo } from '@xiaojia/shared';
import { useMemo } from 'react';
import { useT } from '../../i18n';
import { PHOTO_TOUCH_CLASS } from '../photo-touch';
import { formatDay, groupByDay, layoutRows, toggleSelected } from './layout';
import { longPress as press } from './long-press';
import './index.css';

export { formatDay, groupByDay, layoutRows, localDayKey, toggleSelected } from './layout';

export type GridItem = Pick<Photo, 'id' | 'sortAt' | 'width' | 'height' | 'thumbUrl' | 'availability' | 'filename'>;

export interface PhotoGridProps<P extends GridItem> {
  photos: readonly P[];
  /** Tap outside select mode. `index` is the photo's position in `photos`. */
  onOpen?(photo: P, index: number): void;
  /** Long-press outside select mode (e.g. an action sheet: save / delete). */
  onLongPress?(photo: P, index: number): void;
  /** Multi-select: taps toggle the photo in `selectedIds` through `onSelectionChange`. */
  selectable?: boolean;
  selectedIds?: readonly string[];
  onSelectionChange?(ids: string[]): void;
  /** Day headers (on by default). */
  showDays?: boolean;
  /** Width of the grid in px; defaults to the window's width. */
  width?: number;
  targetRowHeight?: number;
  /** "Today" and "yesterday" are relative to this (tests pin it). */
  now?: Date;
  id?: string;
}

const GAP = 3;

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

export function PhotoGrid<P extends GridItem>({
  photos,
  onOpen,
  onLongPress,
  selectable = false,
  selectedIds = [],
  onSelectionChange,
  showDays = true,
  width,
  targetRowHeight,
  now,
  id = 'photo-grid',
}: PhotoGridProps<P>) {
  const t = useT();
  const gridWidth = width ?? windowWidth();
  // Small phones get ~3 photos a row, tablets and desktops more, never giant thumbnails.
  const rowHeight = targetRowHeight ?? Math.max(96, Math.min(160, Math.round(gridWidth / 3.2)));
  const indexOf = useMemo(() => new Map(photos.map((photo, index) => [photo.id, index])), [photos]);
  const sections = useMemo(() => {
    const groups = showDays ? groupByDay(photos) : [{ day: '', photos: [...photos] }];
    return groups.map((group) => ({
      day: group.day,
      rows: layoutRows(group.photos, { width: gridWidth, targetHeight: rowHeight, gap: GAP }),
    }));
  }, [photos, showDays, gridWidth, rowHeight]);
  const selected = new Set(selectedIds);
  const today = now ?? new Date();

  const tap = (photo: P) => {
    if (selectable) onSelectionChange?.(toggleSelected(selectedIds, photo.id));
    else onOpen?.(photo, indexOf.get(photo.id) ?? 0);
  };
  const longPress = (photo: P) => {
    if (!selectable && onLongPress) press.fire(() => onLongPress(photo, indexOf.get(photo.id) ?? 0));
  };

  return (
    <View id={id} className="photo-grid">
      {sections.map((section) => (
        <View key={section.day || 'all'} className="photo-grid__section">
          {showDays && (
            <View className="photo-grid__day">
              <Text className="photo-grid__day-text">{formatDay(section.day, today, t)}</Text>
            </View>
          )}
          {section.rows.map((row) => (
            <View
              key={row.cells[0]?.photo.id}
              className="photo-grid__row"
              style={{ height: px(row.height), marginBottom: px(GAP) }}
            >
              {row.cells.map((cell, i) => {
                const photo = cell.photo;
                const isSelected = selected.has(photo.id);
                return (
                  <View
                    key={photo.id}
                    id={`photo-${photo.id}`}
                    className={`photo-grid__cell ${PHOTO_TOUCH_CLASS}${isSelected ? ' photo-grid__cell--selected' : ''}`}
                    style={{
                      width: px(cell.width),
                      height: px(row.height),
                      marginRight: px(i === row.cells.length - 1 ? 0 : GAP),
                    }}
                    onClick={() => tap(photo)}
                    onLongPress={() => longPress(photo)}
                    onTouchEnd={press.release}
                  >
                    {photo.availability === 'ok' && photo.thumbUrl ? (
                      <Image
                        className="photo-grid__image"
                        style={{ width: px(cell.width), height: px(row.height) }}
                        src={photo.thumbUrl}
                        mode="aspectFill"
                        lazyLoad
                      />
                    ) : (
                      <View className="photo-grid__unbound">
                        <Text className="photo-grid__unbound-text">{t('grid.unbound')}</Text>
                      </View>
                    )}
                    {selectable && (
                      <View className={`photo-grid__check${isSelected ? ' photo-grid__check--on' : ''}`}>
                        <Text className="photo-grid__check-mark">{isSelected ? '✓' : ''}</Text>
                      </View>
                    )}
                  </View>
                );
              })}
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}

export default PhotoGrid;

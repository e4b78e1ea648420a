/**
 * Works as a two-column waterfall (发现, a tag's feed, a profile): cover with its aspect, title, author and
 * likes. Only the cards near the viewport are rendered (the timeline's window over the page's scroll,
 * PhotoGrid/viewport.ts), the rest is empty height, so a feed scrolled through a thousand works keeps the
 * nodes of a few screens. Layout math: lib/waterfall.ts.
 */
import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { MyWorkCard, WorkCard } from '@xiaojia/shared';
import { useMemo, useState } from 'react';
import { type MessageKey, useT } from '../../i18n';
import { layoutWaterfall, type PlacedCard } from '../../lib/waterfall';
import { usePageViewport } from '../PhotoGrid/viewport';
import { blocksInWindow } from '../PhotoGrid/window';
import './index.css';

/** A card of any feed; one's own works (works.mine) carry a status shown as a badge. */
export type WaterfallCard = WorkCard & Partial<Pick<MyWorkCard, 'status' | 'reviewReason'>>;

const GAP = 8;
const CAPTION_HEIGHT = 58;
/** The page's side padding (the screens' 32 design px at 750 wide). */
const SIDE = 16;

function px(n: number): number | string {
  return process.env.TARO_ENV === 'rn' ? n : `${n}px`;
}

function waterfallWidth(): number {
  try {
    return (Taro.getSystemInfoSync().windowWidth || 375) - 2 * SIDE;
  } catch {
    return 375 - 2 * SIDE;
  }
}

const STATUS_KEYS: Record<NonNullable<WaterfallCard['status']>, MessageKey> = {
  pending: 'discover.status.pending',
  published: 'discover.status.published',
  rejected: 'discover.status.rejected',
  hidden: 'discover.status.hidden',
  unpublished: 'discover.status.unpublished',
};

export interface WorkWaterfallProps {
  id: string;
  works: readonly WaterfallCard[];
  onOpen(work: WaterfallCard): void;
  /** A cover failed to load (its signed URL expired while the phone slept): the owner fetches the list again. */
  onCoverError?(): void;
  /** Width in px (tests); the window's width less the page's padding otherwise. */
  width?: number;
}

export function WorkWaterfall({ id, works, onOpen, onCoverError, width }: WorkWaterfallProps) {
  const [fullWidth] = useState(() => width ?? waterfallWidth());
  const layout = useMemo(
    () =>
      layoutWaterfall(
        works.map((work) => ({ id: work.id, width: work.cover.width, height: work.cover.height, work })),
        {
          width: fullWidth,
          gap: GAP,
          captionHeight: CAPTION_HEIGHT,
        },
      ),
    [works, fullWidth],
  );
  const viewport = usePageViewport(id, works.length === 0);
  const shown = layout.columns.flatMap((column) => {
    const [start, end] = blocksInWindow(column, viewport.window);
    return column.slice(start, end);
  });
  return (
    <View id={id} className="waterfall" style={{ height: px(layout.height) }}>
      {shown.map((placed) => (
        <Card
          key={placed.item.id}
          placed={placed}
          work={placed.item.work}
          onOpen={onOpen}
          onCoverError={onCoverError}
        />
      ))}
    </View>
  );
}

function Card({
  placed,
  work,
  onOpen,
  onCoverError,
}: {
  placed: PlacedCard<unknown>;
  work: WaterfallCard;
  onOpen(work: WaterfallCard): void;
  onCoverError?(): void;
}) {
  const t = useT();
  return (
    <View
      id={`work-card-${work.id}`}
      className="waterfall__card"
      style={{ top: px(placed.top), left: px(placed.left), width: px(placed.width), height: px(placed.height) }}
      onClick={() => onOpen(work)}
    >
      {work.cover.url ? (
        <Image
          className="waterfall__cover"
          style={{ height: px(placed.coverHeight) }}
          src={work.cover.url}
          mode="aspectFill"
          lazyLoad
          onError={onCoverError}
        />
      ) : (
        <View className="waterfall__cover waterfall__cover--none" style={{ height: px(placed.coverHeight) }} />
      )}
      {work.imageCount > 1 && <Text className="waterfall__count">{work.imageCount}</Text>}
      {work.status && work.status !== 'published' && (
        <Text className={`waterfall__status waterfall__status--${work.status}`}>{t(STATUS_KEYS[work.status])}</Text>
      )}
      <View className="waterfall__caption" style={{ height: px(CAPTION_HEIGHT) }}>
        <Text className="waterfall__title">{work.title}</Text>
        <View className="waterfall__meta">
          <Text className="waterfall__author">{work.author.displayName}</Text>
          <Text className={`waterfall__likes${work.likedByMe ? ' waterfall__likes--mine' : ''}`}>
            {`♥ ${work.likeCount}`}
          </Text>
        </View>
      </View>
    </View>
  );
}

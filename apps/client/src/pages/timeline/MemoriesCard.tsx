/**
 * "那年今日" at the top of the timeline: photos from this day in earlier years ("3年前的今天 · 12张") and the
 * children's occasions ("宝宝 6个月啦"), from memories.today for the device's today and UTC offset. Tapping a
 * year (or one of its photos) opens them in the viewer, swiping through that year's photos only. Hidden for
 * the rest of the day with ✕. Its rows have fixed heights, so the grid below moves once, when the card
 * appears or goes (the timeline measures its grid again then: `visible` is part of its layout key).
 */
import { useQuery } from '@tanstack/react-query';
import { Image, Text, View } from '@tarojs/components';
import type { Memories, Photo } from '@xiaojia/shared';
import { useEffect, useState } from 'react';
import { taroStorage } from '../../api/platform';
import { useTRPC } from '../../api/query';
import type { TaroStorage } from '../../api/token-store';
import { localDayKey } from '../../components/PhotoGrid';
import { useT } from '../../i18n';
import {
  hasMemories,
  hiddenOn,
  hideFor,
  MEMORY_THUMBS_SHOWN,
  MEMORY_YEARS_SHOWN,
  occasionText,
  yearText,
} from './memories';
import { utcOffsetMinutes } from './months';

export interface MemoriesCardState {
  memories: Memories | undefined;
  visible: boolean;
  hide(): void;
}

/** The card's data and whether it shows today (`now` pins the day in tests; `storage` is Taro's). */
export function useMemoriesCard(homeId: string, now?: Date, storage: TaroStorage = taroStorage): MemoriesCardState {
  const trpc = useTRPC();
  const [today] = useState(() => localDayKey((now ?? new Date()).toISOString()));
  const [offset] = useState(() => utcOffsetMinutes(now));
  const query = useQuery(trpc.memories.today.queryOptions({ homeId, today, utcOffsetMinutes: offset }));
  // Unknown until storage answers: the card waits for it rather than flash and vanish.
  const [hidden, setHidden] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    setHidden(undefined);
    void hiddenOn(storage, homeId).then((day) => {
      if (live) setHidden(day);
    });
    return () => {
      live = false;
    };
  }, [storage, homeId]);
  return {
    memories: query.data,
    visible: hidden !== undefined && hidden !== today && hasMemories(query.data),
    hide: () => {
      setHidden(today);
      void hideFor(storage, homeId, today);
    },
  };
}

export interface MemoriesCardProps {
  card: MemoriesCardState;
  /** Opens `photo` in the viewer, swiping through `ids` (that year's photos). */
  onOpen(photo: Photo, ids: readonly string[]): void;
}

export function MemoriesCard({ card, onOpen }: MemoriesCardProps) {
  const t = useT();
  const { memories } = card;
  if (!card.visible || !memories) return null;
  return (
    <View id="memories-card" className="memories">
      <View className="memories__head">
        <Text className="memories__title">{t('memories.title')}</Text>
        <View id="memories-hide" className="memories__hide" onClick={card.hide}>
          <Text className="memories__hide-text">{`${t('memories.dismiss')} ✕`}</Text>
        </View>
      </View>
      {memories.occasions.map((occasion) => (
        <Text key={occasion.childId} id={`memories-occasion-${occasion.childId}`} className="memories__occasion">
          {occasionText(occasion, t)}
        </Text>
      ))}
      {memories.years.slice(0, MEMORY_YEARS_SHOWN).map((year) => {
        const ids = year.photos.map((photo) => photo.id);
        const first = year.photos[0];
        return (
          <View
            key={year.year}
            id={`memories-year-${year.year}`}
            className="memories__year"
            onClick={() => first && onOpen(first, ids)}
          >
            <Text className="memories__year-text">{yearText(year, t)}</Text>
            <View className="memories__thumbs">
              {year.photos.slice(0, MEMORY_THUMBS_SHOWN).map((photo) => (
                <View
                  key={photo.id}
                  id={`memories-photo-${photo.id}`}
                  className="memories__thumb"
                  onClick={(event) => {
                    event.stopPropagation();
                    onOpen(photo, ids);
                  }}
                >
                  {photo.thumbUrl && <Image className="memories__thumb-image" src={photo.thumbUrl} mode="aspectFill" />}
                </View>
              ))}
            </View>
          </View>
        );
      })}
    </View>
  );
}

/**
 * The timeline of the current home: every photo by day, newest first, over the whole library at once
 * (use-timeline.ts loads the parts of months near the viewport; the grid renders only what is near it), with a
 * date scrubber, long-press for save / delete, tap to open the viewer. The title is the home's name:
 * tapping it switches home. "Only mine" narrows it to the photos the user uploaded. Refreshes itself when
 * uploads finish.
 */

import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Home, Photo } from '@xiaojia/shared';
import { useEffect, useState } from 'react';
import { useInvalidate } from '../../api/invalidate';
import { useTRPC, useTRPCClient } from '../../api/query';
import { useDayAges } from '../../children/use-children';
import { WindowedGrid } from '../../components/PhotoGrid';
import { canManageStorage, canTrashPhoto, canUpload } from '../../home';
import { chooseHome } from '../../home/switcher';
import { useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { monthName } from '../../i18n/keys';
import { savePhotoToPhone } from '../../lib/photo-actions';
import { ROUTES, withQuery } from '../../routes';
import { onUploadsDrained } from '../../upload/session';
import { remember } from '../viewer/handoff';
import { listQuery } from '../viewer/navigation';
import { MemoriesCard, useMemoriesCard } from './MemoriesCard';
import { SCRUBBER_MIN_SCREENS, Scrubber } from './Scrubber';
import { useTimeline } from './use-timeline';
import './index.css';

const GRID_ID = 'timeline-grid';

export interface TimelineScreenProps {
  home: Home;
  homes: readonly Home[];
  switchTo(id: string): Promise<void>;
  /** "Today" in day headers (tests pin it). */
  now?: Date;
}

export function TimelineScreen({ home, homes, switchTo, now }: TimelineScreenProps) {
  const t = useT();
  const api = useTRPCClient();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const me = useQuery(trpc.auth.me.queryOptions());
  const [onlyMine, setOnlyMine] = useState(false);
  const mayUpload = canUpload(home.role);
  // Whether the "bucket not bound" hint shows above the grid: the viewport measures the grid's top again
  // when it changes. It trails `unbound` by one render because `unbound` comes from the photos the
  // timeline loaded, and the timeline needs this key first.
  const [hint, setHint] = useState(false);
  // Whether the grid is there to measure (the same one render behind).
  const [gridShown, setGridShown] = useState(false);
  const memories = useMemoriesCard(home.id, now);
  const dayAges = useDayAges(home.id);
  // What sits above the grid moves it: the hint and the memories card coming or going (the view is kept
  // still when the page is scrolled), and the grid itself appearing.
  const timeline = useTimeline({ homeId: home.id, onlyMine }, GRID_ID, `${hint}:${memories.visible}:${gridShown}`);
  const { buckets: list, photos, layout, viewport } = timeline;
  const total = list.data?.total ?? 0;
  const unbound = photos.some((photo) => photo.availability === 'unbound');
  useEffect(() => setHint(unbound), [unbound]);
  useEffect(() => setGridShown(total > 0), [total]);
  const monthLabel = (month: string) => {
    const [year, number] = month.split('-').map(Number);
    return t('month.ofYear', { year: year ?? 0, month: number ?? 0, monthName: monthName(t, number ?? 0) });
  };
  const trash = useMutation(
    trpc.photos.trash.mutationOptions({
      onSuccess: () => {
        void invalidate.photosChanged();
        void Taro.showToast({ title: t('timeline.trashed'), icon: 'success' });
      },
      onError: (error) => void Taro.showToast({ title: errorMessage(error, t), icon: 'none' }),
    }),
  );

  useEffect(() => onUploadsDrained(() => void invalidate.photosChanged()), [invalidate]);

  const open = (photo: Photo, ids?: readonly string[]) => {
    remember(photo);
    void Taro.navigateTo({ url: withQuery(ROUTES.viewer, { id: photo.id, home: home.id, ...listQuery(ids) }) });
  };
  const actions = async (photo: Photo) => {
    const mayTrash = canTrashPhoto(home.role, photo.uploaderId, me.data?.id);
    try {
      const { tapIndex } = await Taro.showActionSheet({
        itemList: mayTrash ? [t('timeline.action.save'), t('timeline.action.delete')] : [t('timeline.action.save')],
      });
      if (tapIndex === 0) await savePhotoToPhone(api, home.id, photo.id);
      if (tapIndex === 1 && mayTrash) trash.mutate({ homeId: home.id, ids: [photo.id] });
    } catch {
      // The user closed the sheet.
    }
  };
  const upload = () => void Taro.navigateTo({ url: ROUTES.upload });
  const switchHome = async () => {
    const id = await chooseHome(homes, home.id, t, Taro.showActionSheet);
    if (id && id !== home.id) await switchTo(id);
  };

  const emptyBody = onlyMine ? 'timeline.empty.mine' : mayUpload ? 'timeline.empty.body' : 'timeline.empty.viewer';
  return (
    <View className="timeline">
      <View className="timeline__head">
        {homes.length > 1 ? (
          <Button id="home-switch" className="timeline__home timeline__home--switch" onClick={() => void switchHome()}>
            {`${home.name} ▾`}
          </Button>
        ) : (
          <Text id="home-name" className="timeline__home">
            {home.name}
          </Text>
        )}
      </View>
      <View className="timeline__bar">
        <Text className="timeline__count">{total > 0 ? t('timeline.count', { count: total }) : ''}</Text>
        <View className="timeline__tools">
          {mayUpload && (
            <Button
              id="only-mine"
              className={`timeline__toggle${onlyMine ? ' timeline__toggle--on' : ''}`}
              size="mini"
              onClick={() => setOnlyMine((value) => !value)}
            >
              {onlyMine ? t('timeline.showAll') : t('timeline.onlyMine')}
            </Button>
          )}
          {mayUpload && (
            <Button id="open-upload" className="timeline__upload" size="mini" onClick={upload}>
              {t('timeline.upload')}
            </Button>
          )}
        </View>
      </View>

      <MemoriesCard card={memories} onOpen={open} />

      {list.isPending && (
        <View className="timeline__state">
          <Text className="timeline__muted">{t('common.loading')}</Text>
        </View>
      )}

      {list.isError && (
        <View className="timeline__state">
          <Text id="timeline-error" className="timeline__error">
            {t('timeline.loadFailed', { message: errorMessage(list.error, t) })}
          </Text>
          <Button className="timeline__retry" size="mini" onClick={() => void list.refetch()}>
            {t('common.retry')}
          </Button>
        </View>
      )}

      {list.isSuccess && total === 0 && (
        <View id="timeline-empty" className="timeline__empty">
          <Text className="timeline__empty-title">{t('timeline.empty.title')}</Text>
          <Text className="timeline__empty-body">{t(emptyBody)}</Text>
          {mayUpload && (
            <Button className="timeline__cta" onClick={upload}>
              {t('timeline.upload')}
            </Button>
          )}
        </View>
      )}

      {unbound && (
        <View className="timeline__hint">
          <Text className="timeline__hint-text">
            {canManageStorage(home.role) ? t('timeline.unboundHint') : t('timeline.unboundHint.notOwner')}
          </Text>
        </View>
      )}

      {total > 0 && (
        <WindowedGrid
          id={GRID_ID}
          blocks={layout.blocks}
          height={layout.height}
          window={viewport.window}
          now={now}
          monthLabel={monthLabel}
          dayNote={dayAges}
          onOpen={(photo) => open(photo)}
          onLongPress={(photo) => void actions(photo)}
          onThumbError={timeline.onThumbError}
        />
      )}
      {layout.height > SCRUBBER_MIN_SCREENS * viewport.viewportHeight && (
        <Scrubber
          months={layout.months}
          tops={layout.monthTops}
          height={layout.height}
          viewport={viewport}
          label={monthLabel}
        />
      )}
      {total > 0 && (
        <View className="timeline__more">
          <Text className="timeline__muted">{t('common.noMore')}</Text>
        </View>
      )}
    </View>
  );
}

/**
 * The timeline: every photo by day, newest first, in pages of 60 (infinite scroll), pull down to
 * refresh, long-press for save / delete, tap to open the viewer. Refreshes itself when uploads finish.
 */

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import type { Photo } from '@xiaojia/shared';
import { useEffect } from 'react';
import { useApi } from '../../api/context';
import { useTRPC } from '../../api/query';
import { ActionButton } from '../../components/ActionButton';
import { PhotoGrid } from '../../components/PhotoGrid';
import { savePhotoToPhone } from '../../components/photo-actions';
import { usePageChrome } from '../../components/Screen/chrome';
import { usePhotoList } from '../../components/Screen/photos';
import { useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { ROUTES, withQuery } from '../../routes';
import { onUploadsDrained } from '../../upload';
import './index.css';

export default function TimelinePage() {
  const t = useT();
  usePageChrome(t('timeline.title'));
  const api = useApi();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // The same list (and cache) as the album screen's "add from the timeline".
  const { query: list, photos, loadMore } = usePhotoList({});
  const trash = useMutation(
    trpc.photos.trash.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.photos.pathKey() });
        void Taro.showToast({ title: t('timeline.trashed'), icon: 'success' });
      },
      onError: (error) => void Taro.showToast({ title: errorMessage(error, t), icon: 'none' }),
    }),
  );

  useEffect(
    () => onUploadsDrained(() => void queryClient.invalidateQueries({ queryKey: trpc.photos.pathKey() })),
    [queryClient, trpc],
  );

  usePullDownRefresh(() => {
    void list.refetch().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(loadMore);

  const open = (photo: Photo) => void Taro.navigateTo({ url: withQuery(ROUTES.viewer, { id: photo.id }) });
  const actions = async (photo: Photo) => {
    try {
      const { tapIndex } = await Taro.showActionSheet({
        itemList: [t('timeline.action.save'), t('timeline.action.delete')],
      });
      if (tapIndex === 0) await savePhotoToPhone(api, photo.id);
      if (tapIndex === 1) trash.mutate({ ids: [photo.id] });
    } catch {
      // The user closed the sheet.
    }
  };
  const upload = () => void Taro.navigateTo({ url: ROUTES.upload });

  return (
    <View className="timeline">
      <View className="timeline__bar">
        <Text className="timeline__count">
          {photos.length > 0 ? t('timeline.count', { count: photos.length }) : ''}
        </Text>
        <Button id="open-upload" className="timeline__upload" size="mini" onClick={upload}>
          {t('timeline.upload')}
        </Button>
      </View>

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

      {list.isSuccess && photos.length === 0 && (
        <View id="timeline-empty" className="timeline__empty">
          <Text className="timeline__empty-title">{t('timeline.empty.title')}</Text>
          <Text className="timeline__empty-body">{t('timeline.empty.body')}</Text>
          <Button className="timeline__cta" onClick={upload}>
            {t('timeline.upload')}
          </Button>
        </View>
      )}

      {photos.some((photo) => photo.availability === 'unbound') && (
        <View className="timeline__hint">
          <Text className="timeline__hint-text">{t('timeline.unboundHint')}</Text>
        </View>
      )}

      {photos.length > 0 && <PhotoGrid photos={photos} onOpen={open} onLongPress={(photo) => void actions(photo)} />}

      {list.hasNextPage && (
        <View className="timeline__more">
          <ActionButton id="load-more" size="mini" busy={list.isFetchingNextPage} onClick={loadMore}>
            {t('common.loadMore')}
          </ActionButton>
        </View>
      )}
      {photos.length > 0 && !list.hasNextPage && (
        <View className="timeline__more">
          <Text className="timeline__muted">{t('common.noMore')}</Text>
        </View>
      )}
    </View>
  );
}

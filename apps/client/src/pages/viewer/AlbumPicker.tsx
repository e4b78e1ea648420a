/** The viewer's "add to album" sheet: the home's albums a page at a time, the ones holding the photo dimmed. */
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { PhotoDetail } from '@xiaojia/shared';
import { useInvalidate } from '../../api/invalidate';
import { useTRPC } from '../../api/query';
import { LoadMore } from '../../components/Screen/photos';
import { useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { nextPageOf, usePagedItems } from '../../lib/paging';

/** Albums the picker asks for at a time: one page fits on a phone screen. */
const PICKER_PAGE_SIZE = 10;

export interface AlbumPickerProps {
  homeId: string;
  detail: PhotoDetail;
  onClose(): void;
}

export function AlbumPicker({ homeId, detail, onClose }: AlbumPickerProps) {
  const t = useT();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const albums = useInfiniteQuery(
    trpc.albums.list.infiniteQueryOptions({ homeId, limit: PICKER_PAGE_SIZE }, { getNextPageParam: nextPageOf }),
  );
  const pickable = usePagedItems(albums);
  const addToAlbum = useMutation(
    trpc.albums.addPhotos.mutationOptions({
      onSuccess: (_count, variables) => {
        const album = pickable.items.find((a) => a.id === variables.albumId);
        void Taro.showToast({ title: t('viewer.addedToAlbum', { name: album?.name ?? '' }), icon: 'success' });
        onClose();
        void invalidate.photosChanged();
      },
      onError: (error) => void Taro.showToast({ title: errorMessage(error, t), icon: 'none' }),
    }),
  );

  return (
    <View id="album-picker" className="viewer__picker">
      <Text className="viewer__picker-title">{t('viewer.pickAlbum')}</Text>
      {albums.isPending && <Text className="viewer__picker-empty">{t('common.loading')}</Text>}
      {albums.isSuccess && pickable.items.length === 0 && (
        <Text className="viewer__picker-empty">{t('viewer.noAlbums')}</Text>
      )}
      {pickable.items.map((album) => {
        const already = detail.albumIds.includes(album.id);
        return (
          <View
            key={album.id}
            className={`viewer__album${already ? ' viewer__album--in' : ''}`}
            onClick={() => {
              if (!already) addToAlbum.mutate({ homeId, albumId: album.id, photoIds: [detail.photo.id] });
            }}
          >
            <Text className="viewer__album-name">{album.name}</Text>
            <Text className="viewer__album-count">
              {already ? t('viewer.inAlbum') : t('albums.count', { count: album.photoCount })}
            </Text>
          </View>
        );
      })}
      <LoadMore
        id="album-picker-more"
        hasMore={albums.hasNextPage}
        loading={albums.isFetchingNextPage}
        onLoadMore={pickable.loadMore}
      />
      <Button className="viewer__picker-cancel" size="mini" onClick={onClose}>
        {t('common.cancel')}
      </Button>
    </View>
  );
}

/**
 * Full-screen viewer: swipe (or the arrows, or the keyboard on H5) through the same list the user came
 * from (timeline, an album, the trash) using photos.get's prevId/nextId; pinch-zoom on weapp, tap to zoom
 * elsewhere; info, save to phone, add to album, move to trash.
 */

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Image, MovableArea, MovableView, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { Home } from '@xiaojia/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '../../api/context';
import { useTRPC } from '../../api/query';
import { savePhotoToPhone } from '../../components/photo-actions';
import { usePageChrome } from '../../components/Screen/chrome';
import { nextPageOf, usePagedItems } from '../../components/Screen/paging';
import { LoadMore } from '../../components/Screen/photos';
import { canEditAlbums, canTrashPhoto } from '../../home';
import { HomeGate } from '../../home/HomeGate';
import { useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { afterRemoval, formatBytes, formatDateTime, keyTarget, swipeTarget } from './navigation';
import './index.css';

const isWeapp = process.env.TARO_ENV === 'weapp';
/** Albums the picker asks for at a time: one page fits on a phone screen. */
const PICKER_PAGE_SIZE = 10;

type TouchPoint = { clientX: number; clientY: number };

/** Taro types touch handlers with a generic event; every platform's touch events carry these lists. */
function touchOf(event: unknown, list: 'touches' | 'changedTouches'): TouchPoint | undefined {
  return (event as Record<typeof list, TouchPoint[] | undefined>)[list]?.[0];
}

export default function ViewerPage() {
  // Black in either scheme (index.config.ts), and untitled: the photo speaks for itself.
  usePageChrome('', { fixedBar: 'dark' });
  const { params } = useRouter();
  return <HomeGate homeId={params.home}>{(home) => <Viewer home={home} />}</HomeGate>;
}

/** The viewer within one home: what the user's role there allows (a viewer 亲友 sees and saves). */
function Viewer({ home }: { home: Home }) {
  const t = useT();
  const homeId = home.id;
  const api = useApi();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { params } = useRouter();
  const albumId = params.albumId || undefined;
  const trashed = params.trashed === '1';
  const [id, setId] = useState(params.id ?? '');
  const [showInfo, setShowInfo] = useState(false);
  const [picking, setPicking] = useState(false);
  const [zoomed, setZoomed] = useState(false);
  const touchStart = useRef<{ x: number; y: number } | null>(null);

  const input = useCallback(
    (photoId: string) => ({ homeId, id: photoId, ...(albumId ? { albumId } : {}), trashed }),
    [homeId, albumId, trashed],
  );
  const detail = useQuery({ ...trpc.photos.get.queryOptions(input(id)), enabled: id !== '' });
  const neighbours = { prevId: detail.data?.prevId ?? null, nextId: detail.data?.nextId ?? null };

  // The neighbours load ahead, so a swipe shows the next photo at once.
  useEffect(() => {
    for (const next of [detail.data?.prevId, detail.data?.nextId]) {
      if (next) void queryClient.prefetchQuery(trpc.photos.get.queryOptions(input(next)));
    }
  }, [detail.data?.prevId, detail.data?.nextId, input, queryClient, trpc]);

  const go = (target: string | null) => {
    if (!target) return;
    setId(target);
    setZoomed(false);
  };

  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return;
    const onKey = (event: KeyboardEvent) => go(keyTarget(event.key, neighbours));
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  // The album picker pages like the albums tab; it loads only once opened.
  const albums = useInfiniteQuery({
    ...trpc.albums.list.infiniteQueryOptions({ homeId, limit: PICKER_PAGE_SIZE }, { getNextPageParam: nextPageOf }),
    enabled: picking,
  });
  const pickable = usePagedItems(albums);
  const invalidatePhotos = () => queryClient.invalidateQueries({ queryKey: trpc.photos.pathKey() });
  const trash = useMutation(
    trpc.photos.trash.mutationOptions({
      onSuccess: async () => {
        void Taro.showToast({ title: t('viewer.trashed'), icon: 'success' });
        const next = afterRemoval(neighbours);
        await invalidatePhotos();
        if (next) go(next);
        else await Taro.navigateBack();
      },
      onError: (error) => void Taro.showToast({ title: errorMessage(error, t), icon: 'none' }),
    }),
  );
  const addToAlbum = useMutation(
    trpc.albums.addPhotos.mutationOptions({
      onSuccess: (_count, variables) => {
        const album = pickable.items.find((a) => a.id === variables.albumId);
        void Taro.showToast({ title: t('viewer.addedToAlbum', { name: album?.name ?? '' }), icon: 'success' });
        setPicking(false);
        void queryClient.invalidateQueries({ queryKey: trpc.albums.pathKey() });
        void invalidatePhotos();
      },
      onError: (error) => void Taro.showToast({ title: errorMessage(error, t), icon: 'none' }),
    }),
  );

  const me = useQuery(trpc.auth.me.queryOptions());
  const photo = detail.data?.photo;
  const src = detail.data?.previewUrl ?? null;

  return (
    <View
      className="viewer"
      onTouchStart={(event) => {
        const touch = touchOf(event, 'touches');
        touchStart.current = touch ? { x: touch.clientX, y: touch.clientY } : null;
      }}
      onTouchEnd={(event) => {
        const start = touchStart.current;
        const touch = touchOf(event, 'changedTouches');
        touchStart.current = null;
        if (!start || !touch || zoomed) return;
        go(swipeTarget(touch.clientX - start.x, touch.clientY - start.y, neighbours));
      }}
    >
      <View className="viewer__stage">
        {detail.isError && (
          <Text id="viewer-error" className="viewer__message">
            {errorMessage(detail.error, t)}
          </Text>
        )}
        {photo && !src && <Text className="viewer__message">{t('viewer.unbound')}</Text>}
        {src &&
          (isWeapp ? (
            <MovableArea className="viewer__movable-area" scaleArea>
              <MovableView className="viewer__movable" direction="all" scale scaleMin={1} scaleMax={4}>
                <Image id="viewer-image" className="viewer__image" src={src} mode="aspectFit" />
              </MovableView>
            </MovableArea>
          ) : (
            <View className={`viewer__zoom${zoomed ? ' viewer__zoom--on' : ''}`}>
              <Image
                id="viewer-image"
                className={`viewer__image${zoomed ? ' viewer__image--zoomed' : ''}`}
                src={src}
                mode={zoomed ? 'widthFix' : 'aspectFit'}
                onClick={() => setZoomed(!zoomed)}
              />
            </View>
          ))}
        {neighbours.prevId && (
          <View id="viewer-prev" className="viewer__arrow viewer__arrow--prev" onClick={() => go(neighbours.prevId)}>
            <Text className="viewer__arrow-text">‹</Text>
          </View>
        )}
        {neighbours.nextId && (
          <View id="viewer-next" className="viewer__arrow viewer__arrow--next" onClick={() => go(neighbours.nextId)}>
            <Text className="viewer__arrow-text">›</Text>
          </View>
        )}
      </View>

      {showInfo && photo && (
        <View id="viewer-info-panel" className="viewer__info">
          {photo.takenAt && (
            <Text className="viewer__info-row">
              {t('viewer.info.taken')}: {formatDateTime(photo.takenAt)}
            </Text>
          )}
          <Text id="viewer-uploader" className="viewer__info-row">
            {t('viewer.info.uploadedBy', { name: detail.data?.uploaderName ?? '' })}
          </Text>
          <Text className="viewer__info-row">
            {t('viewer.info.uploaded')}: {formatDateTime(photo.createdAt)}
          </Text>
          <Text className="viewer__info-row">
            {t('viewer.info.size')}: {formatBytes(photo.size)}
          </Text>
          {photo.width && photo.height && (
            <Text className="viewer__info-row">
              {t('viewer.info.dimensions')}: {photo.width} × {photo.height}
            </Text>
          )}
          <Text className="viewer__info-row">
            {t('viewer.info.name')}: {photo.filename}
          </Text>
        </View>
      )}

      {picking && (
        <View id="album-picker" className="viewer__picker">
          <Text className="viewer__picker-title">{t('viewer.pickAlbum')}</Text>
          {albums.isPending && <Text className="viewer__picker-empty">{t('common.loading')}</Text>}
          {albums.isSuccess && pickable.items.length === 0 && (
            <Text className="viewer__picker-empty">{t('viewer.noAlbums')}</Text>
          )}
          {pickable.items.map((album) => {
            const already = detail.data?.albumIds.includes(album.id) ?? false;
            return (
              <View
                key={album.id}
                className={`viewer__album${already ? ' viewer__album--in' : ''}`}
                onClick={() => {
                  if (!already && photo) addToAlbum.mutate({ homeId, albumId: album.id, photoIds: [photo.id] });
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
          <Button className="viewer__picker-cancel" size="mini" onClick={() => setPicking(false)}>
            {t('common.cancel')}
          </Button>
        </View>
      )}

      <View className="viewer__toolbar">
        <View
          id="viewer-info"
          className="viewer__tool"
          onClick={() => {
            setPicking(false);
            setShowInfo(!showInfo);
          }}
        >
          <Text className="viewer__tool-text">{t('viewer.info')}</Text>
        </View>
        {photo && src && (
          <View id="viewer-save" className="viewer__tool" onClick={() => void savePhotoToPhone(api, homeId, photo.id)}>
            <Text className="viewer__tool-text">{t('viewer.save')}</Text>
          </View>
        )}
        {photo && !trashed && canEditAlbums(home.role) && (
          <View
            id="viewer-album"
            className="viewer__tool"
            onClick={() => {
              setShowInfo(false);
              setPicking(true);
            }}
          >
            <Text className="viewer__tool-text">{t('viewer.addToAlbum')}</Text>
          </View>
        )}
        {photo && !trashed && canTrashPhoto(home.role, photo.uploaderId, me.data?.id) && (
          <View
            id="viewer-trash"
            className="viewer__tool viewer__tool--danger"
            onClick={() => trash.mutate({ homeId, ids: [photo.id] })}
          >
            <Text className="viewer__tool-text viewer__tool-text--danger">{t('viewer.trash')}</Text>
          </View>
        )}
      </View>
    </View>
  );
}

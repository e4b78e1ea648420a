/**
 * One album: its photos (opening the viewer with the album as the swipe scope), rename, delete, adding
 * photos picked from the timeline, removing chosen photos, and the cover. Navigation is handed in so the
 * screen runs in tests.
 */

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Text, View } from '@tarojs/components';
import type { Home, Photo } from '@xiaojia/shared';
import { useState } from 'react';
import { useInvalidate } from '../../api/invalidate';
import { useTRPC } from '../../api/query';
import { useDayAges } from '../../children/use-children';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { AlbumNameDialog } from '../../components/NameDialog/AlbumNameDialog';
import { PhotoGrid } from '../../components/PhotoGrid';
import { EmptyState, Notice, QueryState } from '../../components/Screen';
import { usePageChrome } from '../../components/Screen/chrome';
import { LoadMore, usePhotoList } from '../../components/Screen/photos';
import { SelectionBar } from '../../components/SelectionBar';
import { canEditAlbums } from '../../home';
import { useT } from '../../i18n';
import { appCodeOf, errorMessage } from '../../i18n/errors';
import { useSelection } from '../../lib/selection';
import './index.css';

export interface AlbumScreenProps {
  /** The home the album belongs to: a viewer (亲友) sees it without changing it. */
  home: Home;
  albumId: string;
  onOpenPhoto(photo: Photo, albumId: string): void;
  /** The album is gone (deleted here): leave the screen. */
  onDeleted(): void;
  /** Increments each time the page scrolls to its bottom. */
  reachedBottom?: number;
  /** Grid width in px (tests); the window's width otherwise. */
  gridWidth?: number;
}

/** view: the album's photos; select: choosing among them; pick: choosing timeline photos to add. */
type Mode = 'view' | 'select' | 'pick';

export function AlbumScreen({ home, albumId, onOpenPhoto, onDeleted, reachedBottom = 0, gridWidth }: AlbumScreenProps) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  const [mode, setMode] = useState<Mode>('view');
  const [renaming, setRenaming] = useState(false);
  const [askDelete, setAskDelete] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // Once deleted, the album's queries must not refetch (and 404) while the page leaves.
  const [deleted, setDeleted] = useState(false);
  const homeId = home.id;
  const mayEdit = canEditAlbums(home.role);

  const album = useQuery({ ...trpc.albums.get.queryOptions({ homeId, id: albumId }), enabled: !deleted });
  const inAlbum = usePhotoList({ homeId, albumId }, !deleted);
  const timeline = usePhotoList({ homeId }, mode === 'pick');
  const dayAges = useDayAges(homeId);
  const listed = mode === 'pick' ? timeline : inAlbum;
  const selection = useSelection(listed.ids);

  const failed = (error: unknown) => setNotice(t('albums.failed', { message: errorMessage(error, t) }));
  const leaveSelection = () => {
    selection.end();
    setMode('view');
  };

  const rename = useMutation(
    trpc.albums.rename.mutationOptions({
      onSuccess(next) {
        setRenaming(false);
        queryClient.setQueryData(trpc.albums.get.queryKey({ homeId, id: albumId }), next);
        void invalidate.albumsChanged();
      },
    }),
  );
  const remove = useMutation(
    trpc.albums.delete.mutationOptions({
      onSuccess() {
        setAskDelete(false);
        setDeleted(true);
        queryClient.removeQueries(trpc.albums.get.queryFilter({ homeId, id: albumId }));
        void invalidate.albumsChanged();
        onDeleted();
      },
      onError(error) {
        setAskDelete(false);
        failed(error);
      },
    }),
  );
  /** Adding and removing photos end alike: out of select mode, say how many, refresh the album. */
  const batchDone = (doneKey: 'album.added' | 'album.removed') => ({
    onSuccess({ count }: { count: number }) {
      leaveSelection();
      setNotice(t(doneKey, { count }));
      void invalidate.photosChanged();
    },
    onError: failed,
  });
  const addPhotos = useMutation(trpc.albums.addPhotos.mutationOptions(batchDone('album.added')));
  const removePhotos = useMutation(trpc.albums.removePhotos.mutationOptions(batchDone('album.removed')));
  const setCover = useMutation(
    trpc.albums.setCover.mutationOptions({
      onSuccess(next) {
        leaveSelection();
        setNotice(next.coverChosen ? t('album.coverSet') : t('album.coverAuto'));
        queryClient.setQueryData(trpc.albums.get.queryKey({ homeId, id: albumId }), next);
        void invalidate.albumsChanged();
      },
      onError: failed,
    }),
  );
  const busy = addPhotos.isPending || removePhotos.isPending || setCover.isPending;

  const current = album.data;
  // The album's own name heads the page once it is known (renames included).
  usePageChrome(current?.name ?? t('album.title'));
  if (!current) {
    return (
      <View className="screen" id="album-page">
        {appCodeOf(album.error) === 'NOT_FOUND' ? (
          <EmptyState id="album-missing" text={t('album.notFound')} />
        ) : (
          <QueryState
            loadingKey="album.loading"
            failedKey="album.loadFailed"
            isPending={album.isPending}
            error={album.error}
            onRetry={() => void album.refetch()}
          />
        )}
      </View>
    );
  }

  const start = (next: Mode) => {
    setNotice(null);
    selection.start();
    setMode(next);
  };
  const photos = listed.photos;
  const choosing = mode !== 'view';

  return (
    <View className={`screen screen--flush${choosing ? ' screen--with-bar' : ''}`} id="album-page">
      <View className="screen__pad">
        {mode === 'pick' ? (
          <View className="album__head">
            <Text className="album__name">{t('album.pick.title')}</Text>
            <Text className="screen__hint">{t('album.pick.hint', { name: current.name })}</Text>
          </View>
        ) : (
          <View className="album__head">
            <Text id="album-name" className="album__name">
              {current.name}
            </Text>
            <Text id="album-count" className="screen__hint">
              {t('album.count', { count: current.photoCount })}
            </Text>
            {mayEdit && current.coverChosen && (
              <View className="album__cover-line">
                <Text id="album-cover" className="screen__hint">
                  {t('album.coverChosen')}
                </Text>
                <Text
                  id="album-cover-reset"
                  className="album__link"
                  onClick={() => !setCover.isPending && setCover.mutate({ homeId, albumId, photoId: null })}
                >
                  {t('album.coverReset')}
                </Text>
              </View>
            )}
            {mayEdit && !current.coverChosen && current.photoCount > 0 && (
              <Text id="album-cover" className="screen__hint">
                {t('album.coverAuto')}
              </Text>
            )}
          </View>
        )}

        <Notice id="album-notice" text={notice} />

        {mode === 'view' && mayEdit && (
          <View className="screen__actions">
            <Button id="album-add" className="screen__button screen__button--primary" onClick={() => start('pick')}>
              {t('album.add')}
            </Button>
            {photos.length > 0 && (
              <Button id="album-select" className="screen__button" onClick={() => start('select')}>
                {t('album.select')}
              </Button>
            )}
            <Button
              id="album-rename"
              className="screen__button"
              onClick={() => {
                rename.reset();
                setRenaming(true);
              }}
            >
              {t('album.rename')}
            </Button>
            <Button
              id="album-delete"
              className="screen__button screen__button--danger"
              onClick={() => setAskDelete(true)}
            >
              {t('album.delete')}
            </Button>
          </View>
        )}
      </View>

      {photos.length > 0 ? (
        <PhotoGrid
          id={mode === 'pick' ? 'pick-grid' : 'album-grid'}
          photos={photos}
          width={gridWidth}
          dayNote={dayAges}
          onThumbError={listed.onThumbError}
          selectable={choosing}
          selectedIds={selection.ids}
          onSelectionChange={selection.replace}
          onOpen={(photo) => onOpenPhoto(photo, albumId)}
          onLongPress={(photo) => {
            if (!mayEdit) return;
            setNotice(null);
            selection.start(photo.id);
            setMode('select');
          }}
        />
      ) : (
        <QueryState
          loadingKey="album.loading"
          failedKey="album.loadFailed"
          isPending={listed.query.isPending}
          error={listed.query.error}
          onRetry={() => void listed.query.refetch()}
        />
      )}
      {photos.length === 0 && listed.query.isSuccess && (
        <EmptyState id="album-empty" text={mode === 'pick' ? t('album.pick.empty') : t('album.empty')} />
      )}
      <LoadMore
        hasMore={listed.query.hasNextPage}
        loading={listed.query.isFetchingNextPage}
        reachedBottom={reachedBottom}
        onLoadMore={listed.loadMore}
      />

      {choosing && (
        <SelectionBar
          countLabel={t('select.count', { count: selection.ids.length })}
          empty={selection.ids.length === 0}
          busy={busy}
          selectAllLabel={t('select.all')}
          onSelectAll={selection.selectAll}
          cancelLabel={t('select.cancel')}
          onCancel={leaveSelection}
          actions={
            mode === 'pick'
              ? [
                  {
                    id: 'album-add-selected',
                    label: t('album.pick.confirm'),
                    onPress: () => addPhotos.mutate({ homeId, albumId, photoIds: selection.ids }),
                  },
                ]
              : [
                  {
                    id: 'album-set-cover',
                    label: t('album.setCover'),
                    disabled: selection.ids.length !== 1,
                    onPress: () => setCover.mutate({ homeId, albumId, photoId: selection.ids[0] ?? null }),
                  },
                  {
                    id: 'album-remove-selected',
                    label: t('album.remove'),
                    danger: true,
                    onPress: () => removePhotos.mutate({ homeId, albumId, photoIds: selection.ids }),
                  },
                ]
          }
        />
      )}

      <AlbumNameDialog
        open={renaming}
        title={t('album.rename.title')}
        initial={current.name}
        busy={rename.isPending}
        error={rename.error}
        onConfirm={(name) => rename.mutate({ homeId, id: albumId, name })}
        onCancel={() => setRenaming(false)}
      />
      <ConfirmDialog
        id="album-delete-dialog"
        open={askDelete}
        title={t('album.delete.title', { name: current.name })}
        body={t('album.delete.body', { count: current.photoCount })}
        confirmLabel={t('common.delete')}
        cancelLabel={t('common.cancel')}
        danger
        busy={remove.isPending}
        onConfirm={() => remove.mutate({ homeId, id: albumId })}
        onCancel={() => setAskDelete(false)}
      />
    </View>
  );
}

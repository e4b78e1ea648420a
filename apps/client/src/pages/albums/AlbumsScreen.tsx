/**
 * The albums list, a page at a time: covers and counts, and a new album in two taps. Navigation and the
 * page's reach-bottom count are handed in (tests).
 */

import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { Button, Image, Text, View } from '@tarojs/components';
import type { Album, Home } from '@xiaojia/shared';
import { useState } from 'react';
import { useInvalidate } from '../../api/invalidate';
import { useTRPC } from '../../api/query';
import { AlbumNameDialog } from '../../components/NameDialog/AlbumNameDialog';
import { EmptyState, Notice, QueryState } from '../../components/Screen';
import { LoadMore } from '../../components/Screen/photos';
import { canEditAlbums } from '../../home';
import { useT } from '../../i18n';
import { nextPageOf, usePagedItems } from '../../lib/paging';
import './index.css';

/** Albums asked for at a time (the server allows up to ALBUM_PAGE_MAX). */
export const ALBUM_PAGE_SIZE = 30;

export interface AlbumsScreenProps {
  /** Whose albums: the current home. A viewer (亲友) sees them but makes none. */
  home: Home;
  onOpenAlbum(album: Album): void;
  /** How many times the page scrolled to the bottom (useReachBottom): each loads the next page. */
  reachedBottom?: number;
}

/** The album just made, and when the list was last loaded before it (to know when the list has caught up). */
interface CreatedAlbum {
  album: Album;
  listedAt: number;
}

/**
 * The album to announce as created, as the list now knows it: renamed there, under its new name; deleted,
 * not at all. Until the list has loaded again after the creation, the album as the server made it.
 */
function createdAsListed(created: CreatedAlbum | null, items: Album[] | undefined, listedAt: number): Album | null {
  if (!created) return null;
  if (listedAt === created.listedAt) return created.album;
  return items?.find((album) => album.id === created.album.id) ?? null;
}

export function AlbumsScreen({ home, onOpenAlbum, reachedBottom = 0 }: AlbumsScreenProps) {
  const t = useT();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const albums = useInfiniteQuery(
    trpc.albums.list.infiniteQueryOptions(
      { homeId: home.id, limit: ALBUM_PAGE_SIZE },
      { getNextPageParam: nextPageOf },
    ),
  );
  const listed = usePagedItems(albums);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedAlbum | null>(null);
  const create = useMutation(
    trpc.albums.create.mutationOptions({
      onSuccess(album) {
        setCreating(false);
        setCreated({ album, listedAt: albums.dataUpdatedAt });
        void invalidate.albumsChanged();
      },
    }),
  );

  const items = albums.data ? listed.items : undefined;
  const announced = createdAsListed(created, items, albums.dataUpdatedAt);
  return (
    <View className="screen" id="albums-page">
      <View className="albums__header">
        <Text className="albums__title">{t('albums.title')}</Text>
        {canEditAlbums(home.role) && (
          <Button
            id="albums-create"
            className="screen__button screen__button--primary albums__create"
            onClick={() => {
              create.reset();
              setCreated(null);
              setCreating(true);
            }}
          >
            {t('albums.create')}
          </Button>
        )}
      </View>

      <Notice id="albums-notice" text={announced && t('albums.created', { name: announced.name })} />

      {items ? (
        items.length === 0 ? (
          <EmptyState
            id="albums-empty"
            text={canEditAlbums(home.role) ? t('albums.empty') : t('albums.empty.viewer')}
          />
        ) : (
          <View className="albums__list" id="albums-list">
            {items.map((album) => (
              <View key={album.id} id={`album-${album.id}`} className="albums__item" onClick={() => onOpenAlbum(album)}>
                {album.coverThumbUrl ? (
                  <Image className="albums__cover" src={album.coverThumbUrl} mode="aspectFill" lazyLoad />
                ) : (
                  <View className="albums__cover albums__cover--empty">
                    <Text className="albums__cover-text">{t('albums.noCover')}</Text>
                  </View>
                )}
                <Text className="albums__name">{album.name}</Text>
                <Text className="albums__count">{t('albums.count', { count: album.photoCount })}</Text>
              </View>
            ))}
          </View>
        )
      ) : (
        <QueryState
          loadingKey="albums.loading"
          failedKey="albums.loadFailed"
          isPending={albums.isPending}
          error={albums.error}
          onRetry={() => void albums.refetch()}
        />
      )}
      <LoadMore
        id="albums-load-more"
        hasMore={albums.hasNextPage}
        loading={albums.isFetchingNextPage}
        reachedBottom={reachedBottom}
        onLoadMore={listed.loadMore}
      />

      <AlbumNameDialog
        open={creating}
        title={t('albums.create.title')}
        busy={create.isPending}
        error={create.error}
        onConfirm={(name) => create.mutate({ homeId: home.id, name })}
        onCancel={() => setCreating(false)}
      />
    </View>
  );
}

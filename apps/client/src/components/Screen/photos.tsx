/** A photo list (album, trash, timeline to pick from) loaded page by page through photos.list. */

import { useInfiniteQuery } from '@tanstack/react-query';
import { View } from '@tarojs/components';
import type { HomeRef, ListPhotosInput } from '@xiaojia/shared';
import { useEffect, useMemo, useRef } from 'react';
import { useTRPC } from '../../api/query';
import { refreshDelay, soonestExpiry } from '../../api/signed-urls';
import { useT } from '../../i18n';
import { nextPageOf, usePagedItems } from '../../lib/paging';
import { useRefetchOnImageError } from '../../lib/thumb-retry';
import { ActionButton } from '../ActionButton';

export const PHOTO_PAGE_SIZE = 60;

/** One home's photos (the timeline, an album, the trash), a page at a time. */
export function usePhotoList(
  input: HomeRef & Pick<ListPhotosInput, 'albumId' | 'trashed' | 'onlyMine'>,
  enabled = true,
) {
  const trpc = useTRPC();
  const query = useInfiniteQuery({
    ...trpc.photos.list.infiniteQueryOptions({ ...input, limit: PHOTO_PAGE_SIZE }, { getNextPageParam: nextPageOf }),
    enabled,
    // Fetched again (every loaded page) before the thumbnails' signed URLs expire.
    refetchInterval: (q) => refreshDelay(soonestExpiry(q.state.data?.pages), q.state.dataUpdatedAt) || false,
  });
  const { items: photos, loadMore } = usePagedItems(query);
  const ids = useMemo(() => photos.map((photo) => photo.id), [photos]);
  // A thumbnail that fails anyway (URLs expired while the phone slept) fetches the list again, once a while.
  const onThumbError = useRefetchOnImageError(query.refetch);
  return { query, photos, ids, loadMore, onThumbError };
}

/**
 * Loads the next page when the page scrolled to the bottom (`reachedBottom` counts those moments, from
 * the page's useReachBottom) and offers a button where scrolling cannot tell.
 */
export function LoadMore({
  hasMore,
  loading,
  reachedBottom = 0,
  onLoadMore,
  id = 'load-more',
}: {
  hasMore: boolean;
  loading: boolean;
  /** Omitted where the list is not what the page scrolls (the button alone then loads more). */
  reachedBottom?: number;
  onLoadMore(): void;
  id?: string;
}) {
  const t = useT();
  // Each arrival at the bottom asks for one page, however often onLoadMore changes identity meanwhile.
  const handled = useRef(reachedBottom);
  useEffect(() => {
    if (reachedBottom === handled.current) return;
    handled.current = reachedBottom;
    onLoadMore();
  }, [reachedBottom, onLoadMore]);
  if (!hasMore) return null;
  return (
    <View className="screen__load-more">
      <ActionButton id={id} className="screen__button" busy={loading} onClick={onLoadMore}>
        {loading ? t('common.loading') : t('common.loadMore')}
      </ActionButton>
    </View>
  );
}

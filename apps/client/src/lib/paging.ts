/** What every keyset-paged list (photos, albums, devices) does with its loaded pages. */
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';

/** The server's next-page cursor as TanStack Query wants it: undefined on the last page. */
export const nextPageOf = (page: { nextCursor: string | null }) => page.nextCursor ?? undefined;

/**
 * The items of every loaded page in order, each once: an album or device changed while paging moves to
 * the front and could come round again. `loadMore` asks for one page at a time and none after the last.
 */
export function usePagedItems<T extends { id: string }>(
  query: UseInfiniteQueryResult<InfiniteData<{ items: T[] }, unknown>, unknown>,
) {
  const items = useMemo(() => {
    const seen = new Set<string>();
    return (query.data?.pages ?? []).flatMap((page) =>
      page.items.filter((item) => !seen.has(item.id) && seen.add(item.id)),
    );
  }, [query.data]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  return { items, loadMore };
}

/** What every keyset-paged list (photos, albums, devices) does with its loaded pages. */
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';

/** The server's next-page cursor as TanStack Query wants it: undefined on the last page. */
export const nextPageOf = (page: { nextCursor: string | null }) => page.nextCursor ?? undefined;

/**
 * The items of every loaded page in order, each once: an album or device changed while paging moves to
 * the front and could come round again. `loadMore` asks for one page at a time and none after the last.
 */
const byId = (item: unknown) => (item as { id: string }).id;

export function usePagedItems<T>(
  query: UseInfiniteQueryResult<InfiniteData<{ items: T[] }, unknown>, unknown>,
  /** What makes an item the same one again (its id; a person's userId). Stable (module-level). */
  keyOf: (item: T) => string = byId,
) {
  const items = useMemo(() => {
    const seen = new Set<string>();
    return (query.data?.pages ?? []).flatMap((page) =>
      page.items.filter((item) => !seen.has(keyOf(item)) && seen.add(keyOf(item))),
    );
  }, [query.data, keyOf]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  return { items, loadMore };
}

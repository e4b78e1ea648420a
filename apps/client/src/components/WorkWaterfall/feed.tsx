/**
 * The community's feeds as the screens load them and show them (WorkFeed): one infinite query per feed (keyset pages of
 * COMMUNITY_PAGE_SIZE), each work once. Covers' URLs are signed for rounded windows of several minutes:
 * the app's staleTime and pull-to-refresh fetch them again, and a cover failing to load refetches.
 */
import { type InfiniteData, type UseInfiniteQueryResult, useInfiniteQuery } from '@tanstack/react-query';
import { useTRPC } from '../../api/query';
import { type MessageKey, useT } from '../../i18n';
import { nextPageOf, usePagedItems } from '../../lib/paging';
import { useRefetchOnImageError } from '../../lib/thumb-retry';
import { EmptyState, QueryState } from '../Screen';
import { LoadMore } from '../Screen/photos';
import { type WaterfallCard, WorkWaterfall } from '.';

export const COMMUNITY_PAGE_SIZE = 20;

export type FeedKind = 'following' | 'hot' | 'latest';

/** Which feed: a segment of 发现, a tag, an author's works, or one's own works in every state. */
export type FeedSource =
  | { kind: FeedKind }
  | { kind: 'tag'; tag: string }
  | { kind: 'author'; userId: string }
  | { kind: 'mine' };

function useFeedOptions(source: FeedSource) {
  const trpc = useTRPC();
  const paging = { getNextPageParam: nextPageOf };
  const limit = COMMUNITY_PAGE_SIZE;
  switch (source.kind) {
    case 'tag':
      return trpc.feeds.tag.infiniteQueryOptions({ tag: source.tag, limit }, paging);
    case 'author':
      return trpc.feeds.author.infiniteQueryOptions({ userId: source.userId, limit }, paging);
    case 'mine':
      return trpc.works.mine.infiniteQueryOptions({ limit }, paging);
    default:
      return trpc.feeds[source.kind].infiniteQueryOptions({ limit }, paging);
  }
}

/** Every feed answers pages of cards; works.mine's cards are feed cards with a status. */
type FeedQuery = UseInfiniteQueryResult<InfiniteData<{ items: WaterfallCard[]; nextCursor: string | null }>, unknown>;

export function useWorkFeed(source: FeedSource, enabled = true) {
  const options = useFeedOptions(source) as ReturnType<
    ReturnType<typeof useTRPC>['feeds']['latest']['infiniteQueryOptions']
  >;
  const query = useInfiniteQuery({ ...options, enabled }) as unknown as FeedQuery;
  const { items, loadMore } = usePagedItems(query);
  const onCoverError = useRefetchOnImageError(query.refetch);
  return { query, works: items, loadMore, onCoverError };
}

/** One feed as a waterfall with its loading, failure, empty and more states (also the tag page's). */
export function WorkFeed({
  id,
  source,
  emptyKey,
  reachedBottom,
  onOpen,
}: {
  id: string;
  source: FeedSource;
  emptyKey: MessageKey;
  reachedBottom: number;
  onOpen(work: WaterfallCard): void;
}) {
  const t = useT();
  const { query, works, loadMore, onCoverError } = useWorkFeed(source);
  return (
    <>
      {query.data ? (
        works.length === 0 ? (
          <EmptyState id={`${id}-empty`} text={t(emptyKey)} />
        ) : (
          <WorkWaterfall id={id} works={works} onOpen={onOpen} onCoverError={onCoverError} />
        )
      ) : (
        <QueryState
          id={`${id}-state`}
          loadingKey="discover.loading"
          failedKey="discover.loadFailed"
          isPending={query.isPending}
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      )}
      <LoadMore
        id={`${id}-more`}
        hasMore={query.hasNextPage}
        loading={query.isFetchingNextPage}
        reachedBottom={reachedBottom}
        onLoadMore={loadMore}
      />
    </>
  );
}

/**
 * The home's activity feed (动态): who uploaded, liked, commented, recorded a milestone or joined, newest
 * first, a page at a time, each entry with a small grid of its photos (tap opens the viewer). Entries that
 * arrived since the user last looked are marked; showing the page marks the feed seen, which clears the
 * tab's badge. Thumbnails' signed URLs are fetched again before they expire, and a thumbnail failing anyway
 * fetches the feed again (lib/thumb-retry.ts), as in the other lists.
 */
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Image, Text, View } from '@tarojs/components';
import { ACTIVITY_PHOTOS_SHOWN, type Activity, type ActivityPhoto, type Home } from '@xiaojia/shared';
import { useCallback, useEffect, useRef } from 'react';
import { useTRPC } from '../../api/query';
import { refreshDelay, soonestExpiry } from '../../api/signed-urls';
import { EmptyState, QueryState } from '../../components/Screen';
import { LoadMore } from '../../components/Screen/photos';
import { useT } from '../../i18n';
import { showFeedBadge } from '../../lib/badge';
import { nextPageOf, usePagedItems } from '../../lib/paging';
import { relativeTime } from '../../lib/relative-time';
import { useThumbRetry } from '../../lib/thumb-retry';
import { NotifyCard } from './NotifyCard';
import { activitySentence } from './sentence';
import './index.css';

/** Entries asked for at a time (the server allows up to ACTIVITY_PAGE_MAX). */
export const FEED_PAGE_SIZE = 20;

export interface FeedScreenProps {
  home: Home;
  onOpenPhoto(photo: ActivityPhoto): void;
  /** How many times the page scrolled to the bottom (useReachBottom): each loads the next page. */
  reachedBottom?: number;
  /** How many times the page was shown (useDidShow): each shows what is new and marks it seen. */
  shown?: number;
  /** WeChat's subscribe messages are offered (weapp only; elsewhere the badge is the notification). */
  reminders?: boolean;
  /** "Now" for the relative times (tests pin it). */
  now?: Date;
}

export function FeedScreen({
  home,
  onOpenPhoto,
  reachedBottom = 0,
  shown = 1,
  reminders = process.env.TARO_ENV === 'weapp',
  now,
}: FeedScreenProps) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const homeId = home.id;
  const feed = useInfiniteQuery({
    ...trpc.activity.list.infiniteQueryOptions({ homeId, limit: FEED_PAGE_SIZE }, { getNextPageParam: nextPageOf }),
    refetchInterval: (q) => refreshDelay(soonestExpiry(q.state.data?.pages), q.state.dataUpdatedAt) || false,
  });
  const { items, loadMore } = usePagedItems(feed);
  // A thumbnail that fails anyway (URLs expired while the phone slept) fetches the feed again, once a while.
  const retry = useThumbRetry();
  const { refetch: refetchFeed } = feed;
  const onThumbError = useCallback(() => retry('feed', refetchFeed), [retry, refetchFeed]);

  // Seen: the badge goes at once. The list keeps this visit's unread marks (it is not fetched again for it).
  const markSeen = useMutation(
    trpc.activity.markSeen.mutationOptions({
      onSuccess: () => {
        queryClient.setQueryData(trpc.activity.unread.queryKey({ homeId }), { count: 0 });
        showFeedBadge(0);
      },
    }),
  );
  const seenAt = useRef(0);
  const { refetch } = feed;
  const { mutate: seen } = markSeen;
  useEffect(() => {
    if (!feed.isSuccess || seenAt.current === shown) return;
    const again = seenAt.current !== 0;
    seenAt.current = shown;
    // Shown again: what is new first (with its marks), then seen.
    void (again ? refetch() : Promise.resolve()).then(() => seen({ homeId }));
  }, [feed.isSuccess, shown, refetch, seen, homeId]);

  const at = now ?? new Date();
  return (
    <View className="screen feed" id="feed-page">
      <Text className="feed__title">{t('feed.title')}</Text>
      {reminders && <NotifyCard homeId={homeId} />}
      {feed.data ? (
        items.length === 0 ? (
          <EmptyState id="feed-empty" text={t('feed.empty')} />
        ) : (
          <View id="feed-list" className="feed__list">
            {items.map((entry) => (
              <FeedEntry key={entry.id} entry={entry} now={at} onOpenPhoto={onOpenPhoto} onThumbError={onThumbError} />
            ))}
          </View>
        )
      ) : (
        <QueryState
          id="feed-state"
          loadingKey="feed.loading"
          failedKey="feed.loadFailed"
          isPending={feed.isPending}
          error={feed.error}
          onRetry={() => void feed.refetch()}
        />
      )}
      <LoadMore
        id="feed-more"
        hasMore={feed.hasNextPage}
        loading={feed.isFetchingNextPage}
        reachedBottom={reachedBottom}
        onLoadMore={loadMore}
      />
    </View>
  );
}

function FeedEntry({
  entry,
  now,
  onOpenPhoto,
  onThumbError,
}: {
  entry: Activity;
  now: Date;
  onOpenPhoto(photo: ActivityPhoto): void;
  onThumbError(): void;
}) {
  const t = useT();
  // An upload of 12 shows 9 and says "+3" on the last (likes name photos too: the same grid).
  const hidden = entry.kind === 'upload' || entry.kind === 'like' ? entry.count - entry.photos.length : 0;
  return (
    <View id={`feed-${entry.id}`} className={`feed__entry${entry.unread ? ' feed__entry--unread' : ''}`}>
      <View className="feed__head">
        <Text className="feed__sentence">{activitySentence(entry, t)}</Text>
        {entry.unread && <Text className="feed__unread">{t('feed.unread')}</Text>}
      </View>
      <Text className="feed__time">{relativeTime(entry.at, now, t)}</Text>
      {entry.photos.length > 0 && (
        <View className="feed__grid">
          {entry.photos.slice(0, ACTIVITY_PHOTOS_SHOWN).map((photo, index) => (
            <View
              key={photo.id}
              id={`feed-photo-${entry.id}-${index}`}
              className="feed__cell"
              onClick={() => onOpenPhoto(photo)}
            >
              {photo.thumbUrl ? (
                <Image className="feed__thumb" src={photo.thumbUrl} mode="aspectFill" lazyLoad onError={onThumbError} />
              ) : (
                <View className="feed__thumb feed__thumb--none" />
              )}
              {hidden > 0 && index === entry.photos.length - 1 && (
                <View className="feed__more">
                  <Text className="feed__more-text">{t('feed.morePhotos', { count: hidden })}</Text>
                </View>
              )}
            </View>
          ))}
        </View>
      )}
    </View>
  );
}

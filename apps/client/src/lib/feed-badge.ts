/**
 * The feed tab's unread badge, kept by the tab page in front: each tab page calls useFeedBadge, and only
 * the one shown polls activity.unread (every UNREAD_POLL_MS while the app is in the foreground, and at
 * once each time a tab is shown), so there is one request a minute however many tab pages are alive. The
 * feed page itself does not: opening it marks the feed seen (FeedScreen) and clears the badge.
 */
import { useQuery } from '@tanstack/react-query';
import { useDidHide, useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { useTRPC } from '../api/query';
import { useCurrentHome } from '../home/use-current-home';
import { showFeedBadge } from './badge';
import { useForeground } from './foreground';

/** A family's activity is not a chat: a minute is soon enough, and cheap for the server. */
export const UNREAD_POLL_MS = 60_000;

export interface FeedBadgeOptions {
  /** The feed page: it clears the badge instead of polling for it. */
  onFeed?: boolean;
}

/** Whether this page is the one in front (between its show and hide). */
export function usePageShown(): boolean {
  const [shown, setShown] = useState(false);
  useDidShow(() => setShown(true));
  useDidHide(() => setShown(false));
  return shown;
}

/** For the current home; every tab page calls it once. */
export function useFeedBadge({ onFeed = false }: FeedBadgeOptions = {}): void {
  const trpc = useTRPC();
  const { homeId } = useCurrentHome();
  const shown = usePageShown();
  const foreground = useForeground();
  const polling = shown && foreground && !onFeed && homeId !== undefined;
  const unread = useQuery({
    ...trpc.activity.unread.queryOptions({ homeId: homeId ?? '' }),
    enabled: polling,
    // Asked again whenever polling starts (a tab shown, the app back in front): never served from cache.
    staleTime: 0,
    refetchInterval: polling ? UNREAD_POLL_MS : false,
    // Foreground is decided here (weapp and RN have no document visibility for TanStack to watch).
    refetchIntervalInBackground: true,
  });
  const count = unread.data?.count;
  const { dataUpdatedAt } = unread;
  // Put on again after every answer, not only when the count changed: Taro's H5 tab bar drops a badge set
  // before it exists, and says nothing about it.
  useEffect(() => {
    if ((polling || onFeed) && count !== undefined && dataUpdatedAt > 0) showFeedBadge(count);
  }, [polling, onFeed, count, dataUpdatedAt]);
}

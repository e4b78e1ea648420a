/**
 * 发现, the community tab: 关注 / 热门 / 最新 as a two-column waterfall of works, a page at a time as the
 * page scrolls, a tag search with the tags searched lately and the community's popular ones (tags.popular,
 * those not searched lately), and the header's ways to 私信 (with the unread count), 摄影挑战 and one's own
 * profile. A suspended account sees why, and until when.
 */
import { useQuery } from '@tanstack/react-query';
import { Input, Text, View } from '@tarojs/components';
import { normalizeTag, TAG_MAX } from '@xiaojia/shared';
import { useState } from 'react';
import { useTRPC } from '../../api/query';
import type { WaterfallCard } from '../../components/WorkWaterfall';
import { type FeedKind, WorkFeed } from '../../components/WorkWaterfall/feed';
import { type MessageKey, useT } from '../../i18n';
import './index.css';

export const SEGMENTS: readonly { kind: FeedKind; key: MessageKey }[] = [
  { kind: 'following', key: 'discover.following' },
  { kind: 'hot', key: 'discover.hot' },
  { kind: 'latest', key: 'discover.latest' },
];

/** How many popular tags the search offers (the server keeps up to 30, refreshed every few minutes). */
export const POPULAR_TAGS_SHOWN = 12;
const POPULAR_STALE_MS = 5 * 60 * 1000;

const EMPTY_KEYS: Record<FeedKind, MessageKey> = {
  following: 'discover.empty.following',
  hot: 'discover.empty.hot',
  latest: 'discover.empty.latest',
};

export interface DiscoverScreenProps {
  onOpenWork(work: WaterfallCard): void;
  onOpenTag(tag: string): void;
  onOpenMessages(): void;
  onOpenChallenges(): void;
  onOpenProfile(userId: string): void;
  /** How many times the page scrolled to the bottom (useReachBottom): each loads the next page. */
  reachedBottom?: number;
  /** Tags searched lately, newest first (the page keeps them in storage). */
  recentTags?: readonly string[];
  initialSegment?: FeedKind;
}

export function DiscoverScreen({
  onOpenWork,
  onOpenTag,
  onOpenMessages,
  onOpenChallenges,
  onOpenProfile,
  reachedBottom = 0,
  recentTags = [],
  initialSegment = 'hot',
}: DiscoverScreenProps) {
  const t = useT();
  const trpc = useTRPC();
  const [segment, setSegment] = useState<FeedKind>(initialSegment);
  const [search, setSearch] = useState('');
  // Refused or not there yet: the tab works without the badge and the banner.
  const me = useQuery({ ...trpc.profiles.me.queryOptions(), retry: false });
  // Refused or failed: the search works without them.
  const popular = useQuery({
    ...trpc.tags.popular.queryOptions({ limit: POPULAR_TAGS_SHOWN }),
    retry: false,
    staleTime: POPULAR_STALE_MS,
  });
  const popularTags = (popular.data?.items ?? []).map((item) => item.tag).filter((tag) => !recentTags.includes(tag));
  const unread = me.data?.unreadMessages ?? 0;
  const suspension = me.data?.suspension ?? null;
  const submitTag = () => {
    const tag = normalizeTag(search);
    if (tag) onOpenTag(tag);
  };
  return (
    <View className="screen discover" id="discover-page">
      <View className="discover__header">
        <Text className="discover__title">{t('discover.title')}</Text>
        <View className="discover__entries">
          <View id="discover-challenges" className="discover__entry" onClick={onOpenChallenges}>
            <Text>{t('discover.challenges')}</Text>
          </View>
          <View id="discover-messages" className="discover__entry" onClick={onOpenMessages}>
            <Text>{t('discover.messages')}</Text>
            {unread > 0 && (
              <Text id="discover-unread" className="discover__badge">
                {unread > 99 ? '99+' : String(unread)}
              </Text>
            )}
          </View>
          {me.data && (
            <View id="discover-me" className="discover__entry" onClick={() => onOpenProfile(me.data.user.userId)}>
              <Text>{t('discover.myProfile')}</Text>
            </View>
          )}
        </View>
      </View>
      {suspension && (
        <View id="discover-suspended" className="discover__banner">
          <Text>
            {suspension.until
              ? t('discover.suspendedUntil', { until: suspension.until.slice(0, 10), reason: suspension.reason })
              : t('discover.suspended', { reason: suspension.reason })}
          </Text>
        </View>
      )}
      <View className="discover__search">
        <Input
          id="discover-tag-search"
          className="discover__search-input"
          value={search}
          maxlength={TAG_MAX + 1}
          placeholder={t('discover.tagSearch')}
          confirmType="search"
          onInput={(event) => setSearch(event.detail.value)}
          onConfirm={submitTag}
        />
        <View id="discover-tag-go" className="discover__search-go" onClick={submitTag}>
          <Text>{t('discover.tagGo')}</Text>
        </View>
      </View>
      {recentTags.length > 0 && (
        <View className="discover__chips" id="discover-recent-tags">
          {recentTags.map((tag) => (
            <Text key={tag} className="discover__chip" onClick={() => onOpenTag(tag)}>{`#${tag}`}</Text>
          ))}
        </View>
      )}
      {popularTags.length > 0 && (
        <View className="discover__chips" id="discover-popular-tags">
          <Text className="discover__chips-label">{t('discover.popularTags')}</Text>
          {popularTags.map((tag) => (
            <Text key={tag} className="discover__chip" onClick={() => onOpenTag(tag)}>{`#${tag}`}</Text>
          ))}
        </View>
      )}
      <View className="discover__segments">
        {SEGMENTS.map(({ kind, key }) => (
          <View
            key={kind}
            id={`discover-segment-${kind}`}
            className={`discover__segment${kind === segment ? ' discover__segment--on' : ''}`}
            onClick={() => setSegment(kind)}
          >
            <Text>{t(key)}</Text>
          </View>
        ))}
      </View>
      <WorkFeed
        key={segment}
        id="discover-feed"
        source={{ kind: segment }}
        emptyKey={EMPTY_KEYS[segment]}
        reachedBottom={reachedBottom}
        onOpen={onOpenWork}
      />
    </View>
  );
}

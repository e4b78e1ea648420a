/**
 * 摄影挑战: the contests, current / upcoming / past, each with its cover, theme, phase and a countdown in
 * words, a page at a time. Tapping one opens its page.
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { Image, Text, View } from '@tarojs/components';
import type { Challenge } from '@xiaojia/shared';
import { useState } from 'react';
import { useTRPC } from '../../api/query';
import { Filters } from '../../components/Filters';
import { EmptyState, QueryState } from '../../components/Screen';
import { LoadMore } from '../../components/Screen/photos';
import { useT } from '../../i18n';
import { loadCommunitySafetyMessages } from '../../i18n/community-safety';
import { CHALLENGE_LISTS, type ChallengeList, challengeCountdown } from '../../lib/countdown';
import { nextPageOf, usePagedItems } from '../../lib/paging';
import '../../styles/community.css';

loadCommunitySafetyMessages();

export const CHALLENGES_PAGE_SIZE = 20;

export interface ChallengesScreenProps {
  onOpen(challenge: Challenge): void;
  reachedBottom?: number;
  now?: Date;
}

export function ChallengesScreen({ onOpen, reachedBottom = 0, now }: ChallengesScreenProps) {
  const t = useT();
  const trpc = useTRPC();
  const [when, setWhen] = useState<ChallengeList>('current');
  const list = useInfiniteQuery(
    trpc.challenges.list.infiniteQueryOptions({ when, limit: CHALLENGES_PAGE_SIZE }, { getNextPageParam: nextPageOf }),
  );
  const { items, loadMore } = usePagedItems(list);
  const at = now ?? new Date();
  return (
    <View className="screen" id="challenges-page">
      <Text className="cm__title">{t('challenges.title')}</Text>
      <Filters
        id="challenges-tab"
        options={CHALLENGE_LISTS}
        value={when}
        label={(w) => t(`challenges.tab.${w}`)}
        onChange={setWhen}
      />
      {list.data ? (
        items.length === 0 ? (
          <EmptyState id="challenges-empty" text={t(`challenges.empty.${when}`)} />
        ) : (
          <View id="challenges-list">
            {items.map((challenge) => (
              <View
                key={challenge.id}
                id={`challenge-${challenge.id}`}
                className="screen__card"
                onClick={() => onOpen(challenge)}
              >
                {challenge.cover?.url ? (
                  <Image className="cm__cover" src={challenge.cover.url} mode="aspectFill" lazyLoad />
                ) : null}
                <Text className="cm__name">{challenge.title}</Text>
                <Text className="cm__line" id={`challenge-countdown-${challenge.id}`}>
                  {challengeCountdown(challenge, at, t)}
                </Text>
                <Text className="cm__line">{t('challenges.entries', { count: challenge.entries })}</Text>
              </View>
            ))}
          </View>
        )
      ) : (
        <QueryState
          id="challenges-state"
          loadingKey="challenges.loading"
          failedKey="challenges.loadFailed"
          isPending={list.isPending}
          error={list.error}
          onRetry={() => void list.refetch()}
        />
      )}
      <LoadMore
        id="challenges-more"
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        reachedBottom={reachedBottom}
        onLoadMore={loadMore}
      />
    </View>
  );
}

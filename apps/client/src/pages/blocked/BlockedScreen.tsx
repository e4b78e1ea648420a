/** 黑名单: the people the caller blocked, newest first, a page at a time, each with unblock. */
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { Text, View } from '@tarojs/components';
import { useMemo } from 'react';
import { useInvalidate } from '../../api/invalidate';
import { useTRPC } from '../../api/query';
import { ActionButton } from '../../components/ActionButton';
import { EmptyState, Notice, QueryState } from '../../components/Screen';
import { LoadMore } from '../../components/Screen/photos';
import { useT } from '../../i18n';
import { loadCommunitySafetyMessages } from '../../i18n/community-safety';
import { errorMessage } from '../../i18n/errors';
import { nextPageOf } from '../../lib/paging';
import { relativeTime } from '../../lib/relative-time';
import '../../styles/community.css';

loadCommunitySafetyMessages();

export const BLOCKED_PAGE_SIZE = 30;

export function BlockedScreen({ reachedBottom = 0, now }: { reachedBottom?: number; now?: Date }) {
  const t = useT();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const list = useInfiniteQuery(
    trpc.blocks.list.infiniteQueryOptions({ limit: BLOCKED_PAGE_SIZE }, { getNextPageParam: nextPageOf }),
  );
  const people = useMemo(() => {
    const seen = new Set<string>();
    return (list.data?.pages ?? []).flatMap((p) => p.items).filter((b) => !seen.has(b.userId) && seen.add(b.userId));
  }, [list.data]);
  const unblock = useMutation(trpc.blocks.unblock.mutationOptions({ onSuccess: () => invalidate.blocksChanged() }));
  const at = now ?? new Date();
  return (
    <View className="screen" id="blocked-page">
      <Text className="cm__title">{t('blocked.title')}</Text>
      <Text className="screen__hint">{t('blocked.hint')}</Text>
      <Notice id="blocked-notice" text={unblock.error ? errorMessage(unblock.error, t) : null} />
      {list.data ? (
        people.length === 0 ? (
          <EmptyState id="blocked-empty" text={t('blocked.empty')} />
        ) : (
          <View className="screen__card" id="blocked-list">
            {people.map((person) => (
              <View key={person.userId} id={`blocked-${person.userId}`} className="screen__row">
                <View className="cm__main">
                  <Text className="cm__name">{person.displayName}</Text>
                  <Text className="cm__time">{t('blocked.at', { when: relativeTime(person.blockedAt, at, t) })}</Text>
                </View>
                <ActionButton
                  id={`unblock-${person.userId}`}
                  className="screen__button"
                  busy={unblock.isPending && unblock.variables?.userId === person.userId}
                  onClick={() => unblock.mutate({ userId: person.userId })}
                >
                  {t('conversation.unblock')}
                </ActionButton>
              </View>
            ))}
          </View>
        )
      ) : (
        <QueryState
          id="blocked-state"
          loadingKey="blocked.loading"
          failedKey="blocked.loadFailed"
          isPending={list.isPending}
          error={list.error}
          onRetry={() => void list.refetch()}
        />
      )}
      <LoadMore
        id="blocked-more"
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        reachedBottom={reachedBottom}
        onLoadMore={() => {
          if (list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage();
        }}
      />
    </View>
  );
}

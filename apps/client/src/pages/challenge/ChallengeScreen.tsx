/**
 * One challenge (摄影挑战): cover, theme, rules, its windows with the phase and a countdown in words, the
 * entries by votes or by time (a page at a time, each with its cover thumb), vote / unvote (one per work,
 * never one's own), entering one of one's published works while submissions are open, and once voting has
 * ended the winners and every entry's rank. The server's refusals are said in words (VOTE_OWN_WORK,
 * CHALLENGE_CLOSED, CHALLENGE_ENTRY_LIMIT).
 */
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { Image, Text, View } from '@tarojs/components';
import type { Challenge, ChallengeEntry } from '@xiaojia/shared';
import { type ReactNode, useState } from 'react';
import { useInvalidate } from '../../api/invalidate';
import { useTRPC, useTRPCClient } from '../../api/query';
import { ActionButton } from '../../components/ActionButton';
import { Filters } from '../../components/Filters';
import { MyWorkPicker } from '../../components/MyWorkPicker';
import { Notice, QueryState } from '../../components/Screen';
import { LoadMore } from '../../components/Screen/photos';
import { useT } from '../../i18n';
import { loadCommunitySafetyMessages } from '../../i18n/community-safety';
import { errorMessage } from '../../i18n/errors';
import { challengeCountdown } from '../../lib/countdown';
import { formatDateTime } from '../../lib/format';
import '../../styles/community.css';

loadCommunitySafetyMessages();

export const ENTRIES_PAGE_SIZE = 20;
const ORDERS = ['votes', 'time'] as const;

export interface ChallengeScreenProps {
  challengeId: string;
  onOpenWork(workId: string): void;
  reachedBottom?: number;
  now?: Date;
}

export function ChallengeScreen({ challengeId, onOpenWork, reachedBottom = 0, now }: ChallengeScreenProps) {
  const t = useT();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const invalidate = useInvalidate();
  const [order, setOrder] = useState<'votes' | 'time'>('votes');
  const [notice, setNotice] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);
  const me = useQuery(trpc.auth.me.queryOptions());
  const detail = useInfiniteQuery(
    trpc.challenges.get.infiniteQueryOptions(
      { challengeId, order, limit: ENTRIES_PAGE_SIZE },
      { getNextPageParam: (page) => page.entries.nextCursor ?? undefined },
    ),
  );
  const vote = useMutation({
    mutationFn: (entry: ChallengeEntry) =>
      (entry.votedByMe ? client.challenges.unvote : client.challenges.vote).mutate({
        challengeId,
        workId: entry.workId,
      }),
    onMutate: () => setNotice(null),
    onSuccess: () => invalidate.challengesChanged(),
    onError: (error) => setNotice(errorMessage(error, t)),
  });
  const submit = useMutation(
    trpc.challenges.submit.mutationOptions({
      onMutate: () => setNotice(null),
      onSuccess: async () => {
        setPicking(false);
        setNotice(t('challenge.submitted'));
        await invalidate.challengesChanged();
      },
      onError: (error) => setNotice(errorMessage(error, t)),
    }),
  );

  const pages = detail.data?.pages ?? [];
  const challenge = pages[0]?.challenge;
  if (!challenge) {
    return (
      <View className="screen" id="challenge-page">
        <QueryState
          id="challenge-state"
          loadingKey="challenge.loading"
          failedKey="challenge.loadFailed"
          isPending={detail.isPending}
          error={detail.error}
          onRetry={() => void detail.refetch()}
        />
      </View>
    );
  }
  const seen = new Set<string>();
  const entries = pages.flatMap((page) => page.entries.items).filter((e) => !seen.has(e.workId) && seen.add(e.workId));
  const winners = pages[0]?.winners ?? [];
  const myId = me.data?.id;
  const at = now ?? new Date();
  return (
    <View className="screen" id="challenge-page">
      {challenge.cover?.url ? <Image className="cm__cover" src={challenge.cover.url} mode="aspectFill" /> : null}
      <Text className="cm__title" id="challenge-title">
        {challenge.title}
      </Text>
      <Text className="cm__banner" id="challenge-countdown">
        {challengeCountdown(challenge, at, t)}
      </Text>
      <Windows challenge={challenge} />
      {challenge.rules && (
        <View className="screen__card">
          <Text className="screen__heading">{t('challenge.rules')}</Text>
          <Text className="cm__text" id="challenge-rules">
            {challenge.rules}
          </Text>
        </View>
      )}
      <Notice id="challenge-notice" text={notice} />
      {challenge.phase === 'submitting' && (
        <View className="screen__card" id="challenge-submit">
          <Text className="screen__hint">{t('challenge.submitHint', { count: challenge.entriesPerUser })}</Text>
          {picking ? (
            <MyWorkPicker
              id="challenge-pick"
              selected={null}
              taken={entries.filter((e) => e.author.userId === myId).map((e) => e.workId)}
              emptyKey="challenge.noWorks"
              onPick={(work) => submit.mutate({ challengeId, workId: work.id })}
            />
          ) : (
            <ActionButton
              id="challenge-enter"
              className="screen__button screen__button--primary"
              busy={submit.isPending}
              onClick={() => setPicking(true)}
            >
              {t('challenge.enter')}
            </ActionButton>
          )}
        </View>
      )}
      {challenge.phase === 'ended' && winners.length > 0 && (
        <View className="screen__card" id="challenge-winners">
          <Text className="screen__heading">{t('challenge.winners')}</Text>
          {winners.map((entry) => (
            <EntryRow key={entry.workId} entry={entry} idPrefix="winner" onOpen={onOpenWork} />
          ))}
        </View>
      )}
      <Filters
        id="challenge-order"
        options={ORDERS}
        value={order}
        label={(o) => t(`challenge.order.${o}`)}
        onChange={setOrder}
      />
      <View className="screen__card" id="challenge-entries">
        {entries.length === 0 ? (
          <Text className="screen__hint">{t('challenge.noEntries')}</Text>
        ) : (
          entries.map((entry) => (
            <EntryRow key={entry.workId} entry={entry} onOpen={onOpenWork}>
              {challenge.phase === 'voting' && entry.author.userId !== myId && (
                <ActionButton
                  id={`challenge-vote-${entry.workId}`}
                  className={`screen__button${entry.votedByMe ? '' : ' screen__button--primary'}`}
                  busy={vote.isPending && vote.variables?.workId === entry.workId}
                  onClick={() => vote.mutate(entry)}
                >
                  {t(entry.votedByMe ? 'challenge.unvote' : 'challenge.vote')}
                </ActionButton>
              )}
            </EntryRow>
          ))
        )}
      </View>
      <LoadMore
        id="challenge-more"
        hasMore={detail.hasNextPage}
        loading={detail.isFetchingNextPage}
        reachedBottom={reachedBottom}
        onLoadMore={() => {
          if (detail.hasNextPage && !detail.isFetchingNextPage) void detail.fetchNextPage();
        }}
      />
    </View>
  );
}

function Windows({ challenge }: { challenge: Challenge }) {
  const t = useT();
  const rows = [
    [
      'challenge.window.submit',
      `${formatDateTime(challenge.submitStartsAt)} – ${formatDateTime(challenge.submitEndsAt)}`,
    ],
    ['challenge.window.vote', `${formatDateTime(challenge.submitEndsAt)} – ${formatDateTime(challenge.voteEndsAt)}`],
  ] as const;
  return (
    <View className="screen__card" id="challenge-windows">
      {rows.map(([key, value]) => (
        <View key={key} className="screen__row">
          <Text className="screen__label">{t(key)}</Text>
          <Text className="screen__value">{value}</Text>
        </View>
      ))}
      <View className="screen__row">
        <Text className="screen__label">{t('challenge.phase')}</Text>
        <Text className="screen__value" id="challenge-phase">
          {t(`challenge.phase.${challenge.phase}`)}
        </Text>
      </View>
    </View>
  );
}

function EntryRow({
  entry,
  idPrefix = 'entry',
  onOpen,
  children,
}: {
  entry: ChallengeEntry;
  /** A winner is also in the entries list: its row in the winners card gets ids of its own. */
  idPrefix?: 'entry' | 'winner';
  onOpen(workId: string): void;
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <View className="cm__entry" id={`${idPrefix}-${entry.workId}`}>
      {entry.rank !== null && <Text className="cm__rank">#{entry.rank}</Text>}
      <View onClick={() => onOpen(entry.workId)}>
        {entry.cover?.url ? (
          <Image className="cm__thumb cm__thumb--small" src={entry.cover.url} mode="aspectFill" lazyLoad />
        ) : (
          <View className="cm__thumb cm__thumb--small" />
        )}
      </View>
      <View className="cm__main" onClick={() => onOpen(entry.workId)}>
        <Text className="cm__name">{entry.title}</Text>
        <Text className="cm__line">{entry.author.displayName}</Text>
        <Text className="cm__line" id={`${idPrefix}-votes-${entry.workId}`}>
          {t('challenge.votes', { count: entry.votes })}
        </Text>
      </View>
      {children}
    </View>
  );
}

/**
 * 审核, for community admins only (我的 shows the way only when profiles.me says isAdmin): the review queue,
 * the reports, and the challenges to make and edit. Anyone else who reaches the page is told plainly that
 * it is for admins (profiles.me, or the server's COMMUNITY_NOT_ADMIN).
 */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Text, View } from '@tarojs/components';
import type { Challenge } from '@xiaojia/shared';
import { useState } from 'react';
import { useTRPC } from '../../api/query';
import { ActionButton } from '../../components/ActionButton';
import { Filters } from '../../components/Filters';
import { EmptyState, QueryState } from '../../components/Screen';
import { useT } from '../../i18n';
import { loadCommunitySafetyMessages } from '../../i18n/community-safety';
import { CHALLENGE_LISTS, type ChallengeList, challengeCountdown } from '../../lib/countdown';
import { nextPageOf, usePagedItems } from '../../lib/paging';
import { ChallengeForm } from './ChallengeForm';
import { QueueTab } from './QueueTab';
import { ReportsTab } from './ReportsTab';
import '../../styles/community.css';

loadCommunitySafetyMessages();

const TABS = ['queue', 'reports', 'challenges'] as const;
type Tab = (typeof TABS)[number];

export function ReviewScreen({ reachedBottom = 0, now }: { reachedBottom?: number; now?: Date }) {
  const t = useT();
  const trpc = useTRPC();
  const me = useQuery(trpc.profiles.me.queryOptions());
  const [tab, setTab] = useState<Tab>('queue');
  const at = now ?? new Date();
  if (!me.data) {
    return (
      <View className="screen" id="review-page">
        <QueryState
          id="review-state"
          loadingKey="review.loading"
          failedKey="review.loadFailed"
          isPending={me.isPending}
          error={me.error}
          onRetry={() => void me.refetch()}
        />
      </View>
    );
  }
  if (!me.data.isAdmin) {
    return (
      <View className="screen" id="review-page">
        <EmptyState id="review-not-admin" text={t('review.notAdmin')} />
      </View>
    );
  }
  return (
    <View className="screen" id="review-page">
      <Text className="cm__title">{t('review.title')}</Text>
      <Filters id="review-tab" options={TABS} value={tab} label={(x) => t(`review.tab.${x}`)} onChange={setTab} />
      {tab === 'queue' && <QueueTab reachedBottom={reachedBottom} now={at} />}
      {tab === 'reports' && <ReportsTab reachedBottom={reachedBottom} now={at} />}
      {tab === 'challenges' && <ChallengesTab now={at} />}
    </View>
  );
}

function ChallengesTab({ now }: { now: Date }) {
  const t = useT();
  const trpc = useTRPC();
  const [when, setWhen] = useState<ChallengeList>('current');
  const [editing, setEditing] = useState<Challenge | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const list = useInfiniteQuery(
    trpc.challenges.list.infiniteQueryOptions({ when, limit: 20 }, { getNextPageParam: nextPageOf }),
  );
  const { items, loadMore } = usePagedItems(list);
  if (editing) {
    return (
      <ChallengeForm
        key={editing === 'new' ? 'new' : editing.id}
        editing={editing === 'new' ? null : editing}
        onDone={(challenge) => {
          setEditing(null);
          setSaved(t('review.challenge.saved', { title: challenge.title }));
        }}
        onCancel={() => setEditing(null)}
      />
    );
  }
  return (
    <View id="review-challenges">
      {saved && (
        <Text className="screen__notice" id="review-challenge-saved">
          {saved}
        </Text>
      )}
      <ActionButton
        id="challenge-new"
        className="screen__button screen__button--primary screen__button--block"
        onClick={() => {
          setSaved(null);
          setEditing('new');
        }}
      >
        {t('review.challenge.new')}
      </ActionButton>
      <Filters
        id="review-challenges-when"
        options={CHALLENGE_LISTS}
        value={when}
        label={(w) => t(`challenges.tab.${w}`)}
        onChange={setWhen}
      />
      {list.data ? (
        items.map((challenge) => (
          <View key={challenge.id} className="screen__row" id={`review-challenge-${challenge.id}`}>
            <View className="cm__main">
              <Text className="cm__name">{challenge.title}</Text>
              <Text className="cm__line">{challengeCountdown(challenge, now, t)}</Text>
            </View>
            <ActionButton
              id={`challenge-edit-${challenge.id}`}
              className="screen__button"
              onClick={() => {
                setSaved(null);
                setEditing(challenge);
              }}
            >
              {t('review.challenge.editShort')}
            </ActionButton>
          </View>
        ))
      ) : (
        <QueryState
          id="review-challenges-state"
          loadingKey="review.loading"
          failedKey="review.loadFailed"
          isPending={list.isPending}
          error={list.error}
          onRetry={() => void list.refetch()}
        />
      )}
      {list.hasNextPage && (
        <ActionButton id="review-challenges-more" className="screen__button" onClick={loadMore}>
          {t('review.more')}
        </ActionButton>
      )}
    </View>
  );
}

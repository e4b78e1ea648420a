/**
 * The review queue (审核): items by kind and state, each with its author, the automatic check's verdict and
 * what it is about; pending ones are approved, or rejected with a reason the author sees.
 */
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { Text, View } from '@tarojs/components';
import { type ModerationItem, zModerationReason } from '@xiaojia/shared';
import { useState } from 'react';
import { useInvalidate } from '../../api/invalidate';
import { useTRPC } from '../../api/query';
import { ActionButton } from '../../components/ActionButton';
import { Filters } from '../../components/Filters';
import { ReasonDialog } from '../../components/ReasonDialog';
import { EmptyState, Notice, QueryState } from '../../components/Screen';
import { LoadMore } from '../../components/Screen/photos';
import { useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { nextPageOf, usePagedItems } from '../../lib/paging';
import { relativeTime } from '../../lib/relative-time';
import { TargetPreview } from './TargetPreview';

export const REVIEW_PAGE_SIZE = 20;
const KINDS = ['all', 'work', 'comment', 'message'] as const;
const STATES = ['pending', 'approved', 'rejected'] as const;

export function QueueTab({ reachedBottom, now }: { reachedBottom: number; now: Date }) {
  const t = useT();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const [kind, setKind] = useState<(typeof KINDS)[number]>('all');
  const [status, setStatus] = useState<(typeof STATES)[number]>('pending');
  const [rejecting, setRejecting] = useState<ModerationItem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const queue = useInfiniteQuery(
    trpc.moderation.queue.infiniteQueryOptions(
      { ...(kind === 'all' ? {} : { kind }), status, limit: REVIEW_PAGE_SIZE },
      { getNextPageParam: nextPageOf },
    ),
  );
  const { items, loadMore } = usePagedItems(queue);
  const decide = useMutation(
    trpc.moderation.decide.mutationOptions({
      onMutate: () => setNotice(null),
      onSuccess: async ({ status: decided }) => {
        setRejecting(null);
        setNotice(t(decided === 'approved' ? 'review.approved' : 'review.rejected'));
        await invalidate.moderationChanged();
      },
    }),
  );
  return (
    <View id="review-queue">
      <Filters id="queue-kind" options={KINDS} value={kind} label={(k) => t(`review.kind.${k}`)} onChange={setKind} />
      <Filters
        id="queue-status"
        options={STATES}
        value={status}
        label={(s) => t(`review.status.${s}`)}
        onChange={setStatus}
      />
      <Notice id="queue-notice" text={notice ?? (decide.error && !rejecting ? errorMessage(decide.error, t) : null)} />
      {queue.data ? (
        items.length === 0 ? (
          <EmptyState id="queue-empty" text={t('review.queueEmpty')} />
        ) : (
          items.map((item) => (
            <View key={item.id} id={`item-${item.id}`} className="screen__card">
              <Text className="cm__name">
                {t(`review.kind.${item.kind === 'user' ? 'all' : item.kind}`)} · {item.author.displayName}
              </Text>
              <Text className="cm__time">
                {t('review.check', { check: t(`review.check.${item.checkStatus}`) })} ·{' '}
                {relativeTime(item.createdAt, now, t)}
              </Text>
              <TargetPreview id={`item-target-${item.id}`} target={item.target} />
              {item.reason && (
                <Text className="screen__hint" id={`item-reason-${item.id}`}>
                  {t('review.reason', { reason: item.reason })}
                </Text>
              )}
              {item.status === 'pending' && (
                <View className="screen__actions">
                  <ActionButton
                    id={`approve-${item.id}`}
                    className="screen__button screen__button--primary"
                    busy={decide.isPending && decide.variables?.itemId === item.id}
                    onClick={() => decide.mutate({ itemId: item.id, decision: 'approve' })}
                  >
                    {t('review.approve')}
                  </ActionButton>
                  <ActionButton
                    id={`reject-${item.id}`}
                    className="screen__button screen__button--danger"
                    onClick={() => {
                      decide.reset();
                      setRejecting(item);
                    }}
                  >
                    {t('review.reject')}
                  </ActionButton>
                </View>
              )}
            </View>
          ))
        )
      ) : (
        <QueryState
          id="queue-state"
          loadingKey="review.loading"
          failedKey="review.loadFailed"
          isPending={queue.isPending}
          error={queue.error}
          onRetry={() => void queue.refetch()}
        />
      )}
      <LoadMore
        id="queue-more"
        hasMore={queue.hasNextPage}
        loading={queue.isFetchingNextPage}
        reachedBottom={reachedBottom}
        onLoadMore={loadMore}
      />
      <ReasonDialog
        id="reject-dialog"
        open={rejecting !== null}
        title={t('review.rejectTitle')}
        body={t('review.rejectBody')}
        confirmLabel={t('review.reject')}
        cancelLabel={t('common.cancel')}
        schema={zModerationReason}
        invalidMessage={t('review.reasonInvalid')}
        danger
        busy={decide.isPending}
        error={decide.error ? errorMessage(decide.error, t) : null}
        onConfirm={(reason) => rejecting && decide.mutate({ itemId: rejecting.id, decision: 'reject', reason })}
        onCancel={() => setRejecting(null)}
      />
    </View>
  );
}

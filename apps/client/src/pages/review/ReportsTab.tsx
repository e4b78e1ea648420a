/**
 * Reports (open / resolved / dismissed), each with who reported what and why, and the target's preview.
 * An open one is resolved or dismissed with a note; from it the admin may hide the reported work (with a
 * reason) or suspend the reported user (a reason, and an end or none).
 */
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { Text, View } from '@tarojs/components';
import { type Report, zModerationReason, zReportResolveInput } from '@xiaojia/shared';
import { useState } from 'react';
import { useInvalidate } from '../../api/invalidate';
import { useTRPC } from '../../api/query';
import { ActionButton } from '../../components/ActionButton';
import { DateField } from '../../components/DateField';
import { Filters } from '../../components/Filters';
import { ReasonDialog } from '../../components/ReasonDialog';
import { EmptyState, Notice, QueryState } from '../../components/Screen';
import { LoadMore } from '../../components/Screen/photos';
import { useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { nextPageOf, usePagedItems } from '../../lib/paging';
import { relativeTime } from '../../lib/relative-time';
import { momentToIso } from './local-time';
import { REVIEW_PAGE_SIZE } from './QueueTab';
import { TargetPreview } from './TargetPreview';

const STATES = ['open', 'resolved', 'dismissed'] as const;
type Action = { report: Report; kind: 'resolved' | 'dismissed' | 'hide' | 'suspend' };

/** The end of a suspension chosen as a day: the end of that day, local time (none: until lifted). */
const suspensionEnd = (day: string | null) => momentToIso({ day, time: '23:59' });

export function ReportsTab({ reachedBottom, now }: { reachedBottom: number; now: Date }) {
  const t = useT();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const [status, setStatus] = useState<(typeof STATES)[number]>('open');
  const [action, setAction] = useState<Action | null>(null);
  const [until, setUntil] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const reports = useInfiniteQuery(
    trpc.reports.list.infiniteQueryOptions({ status, limit: REVIEW_PAGE_SIZE }, { getNextPageParam: nextPageOf }),
  );
  const { items, loadMore } = usePagedItems(reports);
  const done = (message: string) => async () => {
    setAction(null);
    setNotice(message);
    await invalidate.moderationChanged();
  };
  const resolve = useMutation(trpc.reports.resolve.mutationOptions({ onSuccess: done(t('review.report.done')) }));
  const hide = useMutation(trpc.moderation.hideWork.mutationOptions({ onSuccess: done(t('review.hidden')) }));
  const suspend = useMutation(trpc.moderation.suspend.mutationOptions({ onSuccess: done(t('review.suspended')) }));
  const running = action?.kind === 'hide' ? hide : action?.kind === 'suspend' ? suspend : resolve;
  const open = (next: Action) => {
    for (const m of [resolve, hide, suspend]) m.reset();
    setNotice(null);
    setUntil(null);
    setAction(next);
  };
  const confirm = (reason: string) => {
    if (!action) return;
    const { report, kind } = action;
    if (kind === 'hide') hide.mutate({ workId: report.targetId, reason });
    else if (kind === 'suspend') suspend.mutate({ userId: report.targetId, reason, until: suspensionEnd(until) });
    else resolve.mutate({ reportId: report.id, outcome: kind, ...(reason ? { note: reason } : {}) });
  };
  const note = action?.kind === 'resolved' || action?.kind === 'dismissed';
  return (
    <View id="review-reports">
      <Filters
        id="reports-status"
        options={STATES}
        value={status}
        label={(s) => t(`review.report.${s}`)}
        onChange={setStatus}
      />
      <Notice id="reports-notice" text={notice} />
      {reports.data ? (
        items.length === 0 ? (
          <EmptyState id="reports-empty" text={t('review.reportsEmpty')} />
        ) : (
          items.map((report) => (
            <View key={report.id} id={`report-${report.id}`} className="screen__card">
              <Text className="cm__name">
                {t(`review.kind.${report.kind}`)} · {t('review.report.by', { name: report.reporter.displayName })}
              </Text>
              <Text className="cm__time">{relativeTime(report.createdAt, now, t)}</Text>
              <Text className="cm__text" id={`report-reason-${report.id}`}>
                {report.reason}
              </Text>
              <TargetPreview id={`report-target-${report.id}`} target={report.target} />
              {report.resolution && (
                <Text className="screen__hint">{t('review.report.note', { note: report.resolution })}</Text>
              )}
              {report.status === 'open' && (
                <View className="screen__actions">
                  <ActionButton
                    id={`resolve-${report.id}`}
                    className="screen__button screen__button--primary"
                    onClick={() => open({ report, kind: 'resolved' })}
                  >
                    {t('review.report.resolve')}
                  </ActionButton>
                  <ActionButton
                    id={`dismiss-${report.id}`}
                    className="screen__button"
                    onClick={() => open({ report, kind: 'dismissed' })}
                  >
                    {t('review.report.dismiss')}
                  </ActionButton>
                  {report.kind === 'work' && (
                    <ActionButton
                      id={`hide-${report.id}`}
                      className="screen__button screen__button--danger"
                      onClick={() => open({ report, kind: 'hide' })}
                    >
                      {t('review.hide')}
                    </ActionButton>
                  )}
                  {report.kind === 'user' && (
                    <ActionButton
                      id={`suspend-${report.id}`}
                      className="screen__button screen__button--danger"
                      onClick={() => open({ report, kind: 'suspend' })}
                    >
                      {t('review.suspend')}
                    </ActionButton>
                  )}
                </View>
              )}
            </View>
          ))
        )
      ) : (
        <QueryState
          id="reports-state"
          loadingKey="review.loading"
          failedKey="review.loadFailed"
          isPending={reports.isPending}
          error={reports.error}
          onRetry={() => void reports.refetch()}
        />
      )}
      <LoadMore
        id="reports-more"
        hasMore={reports.hasNextPage}
        loading={reports.isFetchingNextPage}
        reachedBottom={reachedBottom}
        onLoadMore={loadMore}
      />
      <ReasonDialog
        id="report-action-dialog"
        open={action !== null}
        title={action ? t(`review.action.${action.kind}`) : ''}
        confirmLabel={action ? t(`review.action.${action.kind}`) : ''}
        cancelLabel={t('common.cancel')}
        placeholder={t(note ? 'review.notePlaceholder' : 'review.reasonPlaceholder')}
        schema={note ? zReportResolveInput.shape.note : zModerationReason}
        invalidMessage={t('review.reasonInvalid')}
        danger={!note}
        busy={running.isPending}
        error={running.error ? errorMessage(running.error, t) : null}
        onConfirm={confirm}
        onCancel={() => setAction(null)}
      >
        {action?.kind === 'suspend' && (
          <DateField id="suspend-until" value={until} placeholder={t('review.suspendForever')} onChange={setUntil} />
        )}
      </ReasonDialog>
    </View>
  );
}

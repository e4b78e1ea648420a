/**
 * A work's comments: top-level ones oldest first, a page at a time, each with its first replies (one
 * level); reply to a top-level comment, delete one's own (the work's author deletes any: the server says
 * which, canDelete), and one's own comments waiting for review or refused marked, with the reason. A
 * failed send keeps the draft.
 */
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { Text, Textarea, View } from '@tarojs/components';
import { COMMUNITY_COMMENT_MAX, type WorkComment } from '@xiaojia/shared';
import { useState } from 'react';
import { useInvalidate } from '../../api/invalidate';
import { useTRPC } from '../../api/query';
import { ActionButton } from '../../components/ActionButton';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { QueryState } from '../../components/Screen';
import { LoadMore } from '../../components/Screen/photos';
import { useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { nextPageOf, usePagedItems } from '../../lib/paging';
import { relativeTime } from '../../lib/relative-time';

export const WORK_COMMENTS_PAGE_SIZE = 20;

export interface WorkCommentsProps {
  workId: string;
  /** Report a comment (the page's report dialog). */
  onReport(comment: WorkComment): void;
  reachedBottom?: number;
  now?: Date;
}

export function WorkComments({ workId, onReport, reachedBottom = 0, now }: WorkCommentsProps) {
  const t = useT();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const list = useInfiniteQuery(
    trpc.works.comments.infiniteQueryOptions(
      { workId, limit: WORK_COMMENTS_PAGE_SIZE },
      { getNextPageParam: nextPageOf },
    ),
  );
  const { items, loadMore } = usePagedItems(list);
  const [draft, setDraft] = useState('');
  const [replyTo, setReplyTo] = useState<WorkComment | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<WorkComment | null>(null);
  const add = useMutation(
    trpc.works.comment.mutationOptions({
      onSuccess: () => {
        setDraft('');
        setReplyTo(null);
        setProblem(null);
        void invalidate.workCommentsChanged(workId);
      },
      onError: (error) => setProblem(t('work.commentFailed', { message: errorMessage(error, t) })),
    }),
  );
  const remove = useMutation(
    trpc.works.deleteComment.mutationOptions({
      onSuccess: () => {
        setDeleting(null);
        void invalidate.workCommentsChanged(workId);
      },
      onError: (error) => {
        setDeleting(null);
        setProblem(t('work.deleteCommentFailed', { message: errorMessage(error, t) }));
      },
    }),
  );
  const send = () => {
    const text = draft.trim();
    if (!text) return;
    add.mutate({ workId, text, ...(replyTo ? { parentId: replyTo.id } : {}) });
  };
  const at = now ?? new Date();
  const row = (comment: WorkComment, parent: WorkComment | null) => (
    <View
      key={comment.id}
      id={`work-comment-${comment.id}`}
      className={`work-comment${parent ? ' work-comment--reply' : ''}`}
    >
      <View className="work-comment__head">
        <Text className="work-comment__author">{comment.author.displayName}</Text>
        <Text className="work-comment__time">{relativeTime(comment.createdAt, at, t)}</Text>
      </View>
      <Text className="work-comment__text">{comment.text}</Text>
      {comment.status === 'pending' && <Text className="work-comment__status">{t('work.commentPending')}</Text>}
      {(comment.status === 'rejected' || comment.status === 'hidden') && (
        <Text className="work-comment__status work-comment__status--refused">
          {comment.reviewReason
            ? t('work.commentRefusedWhy', { reason: comment.reviewReason })
            : t('work.commentRefused')}
        </Text>
      )}
      <View className="work-comment__actions">
        {!parent && (
          <Text id={`work-reply-${comment.id}`} className="work-comment__action" onClick={() => setReplyTo(comment)}>
            {t('work.reply')}
          </Text>
        )}
        {comment.canDelete && (
          <Text id={`work-delete-${comment.id}`} className="work-comment__action" onClick={() => setDeleting(comment)}>
            {t('common.delete')}
          </Text>
        )}
        <Text id={`work-report-${comment.id}`} className="work-comment__action" onClick={() => onReport(comment)}>
          {t('work.report')}
        </Text>
      </View>
    </View>
  );
  return (
    <View className="work-comments" id="work-comments">
      <Text className="work-section-title">{t('work.comments')}</Text>
      {list.data ? (
        items.length === 0 ? (
          <Text className="work-muted" id="work-comments-empty">
            {t('work.noComments')}
          </Text>
        ) : (
          items.map((thread) => (
            <View key={thread.id} className="work-thread">
              {row(thread, null)}
              {thread.replies.map((reply) => row(reply, thread))}
              {thread.replyCount > thread.replies.length && (
                <Text className="work-muted">
                  {t('work.moreReplies', { count: thread.replyCount - thread.replies.length })}
                </Text>
              )}
            </View>
          ))
        )
      ) : (
        <QueryState
          id="work-comments-state"
          loadingKey="work.commentsLoading"
          failedKey="work.commentsFailed"
          isPending={list.isPending}
          error={list.error}
          onRetry={() => void list.refetch()}
        />
      )}
      <LoadMore
        id="work-comments-more"
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        reachedBottom={reachedBottom}
        onLoadMore={loadMore}
      />
      <View className="work-compose">
        {replyTo && (
          <View className="work-compose__replying" id="work-replying">
            <Text>{t('work.replyingTo', { name: replyTo.author.displayName })}</Text>
            <Text className="work-comment__action" onClick={() => setReplyTo(null)}>
              {t('common.cancel')}
            </Text>
          </View>
        )}
        <Textarea
          id="work-comment-input"
          className="work-compose__input"
          value={draft}
          maxlength={COMMUNITY_COMMENT_MAX}
          autoHeight
          placeholder={t('work.commentPlaceholder')}
          onInput={(event) => setDraft(event.detail.value)}
        />
        {problem && (
          <Text className="work-error" id="work-comment-problem">
            {problem}
          </Text>
        )}
        <ActionButton
          id="work-comment-send"
          className="screen__button screen__button--primary"
          busy={add.isPending}
          disabled={draft.trim() === ''}
          onClick={send}
        >
          {t('work.send')}
        </ActionButton>
      </View>
      <ConfirmDialog
        id="work-delete-comment"
        open={deleting !== null}
        title={t('work.deleteCommentTitle')}
        body={deleting?.text}
        confirmLabel={t('common.delete')}
        cancelLabel={t('common.cancel')}
        danger
        busy={remove.isPending}
        onConfirm={() => deleting && remove.mutate({ commentId: deleting.id })}
        onCancel={() => setDeleting(null)}
      />
    </View>
  );
}

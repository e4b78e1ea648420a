/**
 * A photo's comments in the viewer: oldest first (a conversation reads downwards), a page at a time, each
 * with who and when ("3分钟前"); a box to add one, bounded by COMMENT_MAX_CHARS with a counter (what does
 * not pass is refused with the reason, and nothing typed is lost on a failure); delete one's own, or any
 * as the home's owner (the server says which: canDelete), after a confirmation.
 */
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { Text, Textarea, View } from '@tarojs/components';
import { COMMENT_MAX_CHARS, type Comment } from '@xiaojia/shared';
import { useState } from 'react';
import { useInvalidate } from '../../api/invalidate';
import { useTRPC } from '../../api/query';
import { ActionButton } from '../../components/ActionButton';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { LoadMore } from '../../components/Screen/photos';
import { useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { nextPageOf, usePagedItems } from '../../lib/paging';
import { relativeTime } from '../../lib/relative-time';
import { SETTLE_MS, useSettled } from '../../lib/settle';
import { checkComment, commentLength } from './comment-text';
import './social.css';

/** Comments asked for at a time (the server allows up to COMMENT_PAGE_MAX). */
export const COMMENTS_PAGE_SIZE = 20;

export interface CommentsProps {
  homeId: string;
  photoId: string;
  onClose(): void;
  /** "Now" for the relative times (tests pin it). */
  now?: Date;
  /** How long a photo swiped to must stay before its comments are fetched (tests pass 0). */
  settleMs?: number;
}

export function Comments({ homeId, photoId, onClose, now, settleMs = SETTLE_MS }: CommentsProps) {
  const t = useT();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const photo = { homeId, photoId };
  // Opened on a photo, the sheet stays while the user swipes on: it follows the photo they stop on.
  const settled = useSettled(photoId, settleMs);
  const list = useInfiniteQuery({
    ...trpc.comments.list.infiniteQueryOptions(
      { homeId, photoId: settled, limit: COMMENTS_PAGE_SIZE },
      { getNextPageParam: nextPageOf },
    ),
    enabled: settled === photoId,
  });
  const paged = usePagedItems(list);
  const current = settled === photoId;
  const items = current ? paged.items : [];
  const { loadMore } = paged;
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Comment | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  const add = useMutation(
    trpc.comments.add.mutationOptions({
      onSuccess: () => {
        setDraft('');
        void invalidate.commentsChanged(photo);
      },
      // The draft stays as it was: the user tries again or edits it.
      onError: (error) => setProblem(t('comments.sendFailed', { message: errorMessage(error, t) })),
    }),
  );
  const remove = useMutation(
    trpc.comments.delete.mutationOptions({
      onSuccess: () => {
        setDeleting(null);
        void invalidate.commentsChanged(photo);
      },
      onError: (error) => setDeleteError(t('comments.deleteFailed', { message: errorMessage(error, t) })),
    }),
  );

  const send = () => {
    const checked = checkComment(draft, t);
    if (!checked.ok) {
      setProblem(checked.message);
      return;
    }
    setProblem(null);
    add.mutate({ homeId, photoId, text: checked.text });
  };
  const length = commentLength(draft);
  const shownAt = now ?? new Date();

  return (
    <View id="comments" className="comments">
      <View className="comments__head">
        <Text className="comments__title">{t('comments.title')}</Text>
        <View id="comments-close" className="comments__close" onClick={onClose}>
          <Text className="comments__close-text">{t('common.close')}</Text>
        </View>
      </View>
      <View className="comments__list">
        {(!current || list.isPending) && <Text className="comments__muted">{t('common.loading')}</Text>}
        {current && list.isError && (
          <Text id="comments-error" className="comments__error">
            {t('comments.loadFailed', { message: errorMessage(list.error, t) })}
          </Text>
        )}
        {current && list.isSuccess && items.length === 0 && (
          <Text id="comments-empty" className="comments__muted">
            {t('comments.empty')}
          </Text>
        )}
        {items.map((comment) => (
          <View key={comment.id} id={`comment-${comment.id}`} className="comments__item">
            <View className="comments__meta">
              <Text className="comments__author">{comment.authorName ?? t('social.deletedAccount')}</Text>
              <Text className="comments__time">{relativeTime(comment.createdAt, shownAt, t)}</Text>
              {comment.canDelete && (
                <View
                  id={`comment-delete-${comment.id}`}
                  className="comments__delete"
                  onClick={() => {
                    setDeleteError(null);
                    setDeleting(comment);
                  }}
                >
                  <Text className="comments__delete-text">{t('comments.delete')}</Text>
                </View>
              )}
            </View>
            <Text className="comments__text">{comment.text}</Text>
          </View>
        ))}
        <LoadMore
          id="comments-more"
          hasMore={current && list.hasNextPage}
          loading={list.isFetchingNextPage}
          onLoadMore={loadMore}
        />
      </View>
      <View className="comments__composer">
        <Textarea
          id="comment-input"
          className="comments__input"
          value={draft}
          placeholder={t('comments.placeholder')}
          autoHeight
          disabled={add.isPending || undefined}
          onInput={(event) => {
            setDraft(event.detail.value);
            setProblem(null);
          }}
        />
        <View className="comments__send-row">
          <Text
            id="comment-counter"
            className={`comments__counter${length > COMMENT_MAX_CHARS ? ' comments__counter--over' : ''}`}
          >
            {t('comments.counter', { length, max: COMMENT_MAX_CHARS })}
          </Text>
          <ActionButton
            id="comment-send"
            className="comments__send"
            busy={add.isPending}
            disabled={length === 0}
            onClick={send}
          >
            {t('comments.send')}
          </ActionButton>
        </View>
        {problem && (
          <Text id="comment-problem" className="comments__error">
            {problem}
          </Text>
        )}
      </View>
      <ConfirmDialog
        id="comment-delete-dialog"
        open={deleting !== null}
        title={t('comments.deleteConfirm')}
        body={deleteError ?? t('comments.deleteBody')}
        confirmLabel={t('comments.delete')}
        cancelLabel={t('common.cancel')}
        danger
        busy={remove.isPending}
        onConfirm={() => deleting && remove.mutate({ homeId, commentId: deleting.id })}
        onCancel={() => setDeleting(null)}
      />
    </View>
  );
}

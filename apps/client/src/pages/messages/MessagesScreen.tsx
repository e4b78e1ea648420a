/**
 * 私信: the caller's conversations, latest first, a page at a time, each with the other's name, the last
 * message, when, and how many are unread; requests from people the caller does not mutually follow stand
 * apart with accept / decline. New messages arrive without reloading (the app's one poll, message-poll.ts).
 */
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { Text, View } from '@tarojs/components';
import type { Conversation } from '@xiaojia/shared';
import { useInvalidate } from '../../api/invalidate';
import { useTRPC, useTRPCClient } from '../../api/query';
import { ActionButton } from '../../components/ActionButton';
import { EmptyState, Notice, QueryState } from '../../components/Screen';
import { LoadMore } from '../../components/Screen/photos';
import { useT } from '../../i18n';
import { loadCommunitySafetyMessages } from '../../i18n/community-safety';
import { errorMessage } from '../../i18n/errors';
import { useMessagePolling } from '../../lib/message-poll';
import { nextPageOf, usePagedItems } from '../../lib/paging';
import { relativeTime } from '../../lib/relative-time';
import '../../styles/community.css';

loadCommunitySafetyMessages();

export const CONVERSATIONS_PAGE_SIZE = 20;

export interface MessagesScreenProps {
  onOpen(conversation: Conversation): void;
  /** The page is shown (useDidShow / useDidHide): only then does it poll. */
  shown?: boolean;
  reachedBottom?: number;
  now?: Date;
}

export function MessagesScreen({ onOpen, shown = true, reachedBottom = 0, now }: MessagesScreenProps) {
  const t = useT();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const invalidate = useInvalidate();
  useMessagePolling(shown);
  const list = useInfiniteQuery(
    trpc.messages.conversations.infiniteQueryOptions(
      { limit: CONVERSATIONS_PAGE_SIZE },
      { getNextPageParam: nextPageOf },
    ),
  );
  const { items, loadMore } = usePagedItems(list);
  const answer = useMutation({
    mutationFn: ({ conversation, accept }: { conversation: Conversation; accept: boolean }) =>
      accept
        ? client.messages.accept.mutate({ conversationId: conversation.id })
        : client.messages.decline.mutate({ conversationId: conversation.id }),
    onSuccess: () => invalidate.conversationsChanged(),
  });
  // Requests waiting for me stand apart; my own requests wait in the list like any conversation.
  const requests = items.filter((c) => c.status === 'requested' && !c.requestedByMe);
  const threads = items.filter((c) => !requests.includes(c) && c.status !== 'declined');
  const at = now ?? new Date();
  return (
    <View className="screen messages" id="messages-page">
      <Text className="cm__title">{t('messages.title')}</Text>
      <Notice id="messages-notice" text={answer.error ? errorMessage(answer.error, t) : null} />
      {list.data ? (
        items.length === 0 ? (
          <EmptyState id="messages-empty" text={t('messages.empty')} />
        ) : (
          <>
            {requests.length > 0 && (
              <View className="screen__card" id="messages-requests">
                <Text className="screen__heading">{t('messages.requests')}</Text>
                {requests.map((c) => (
                  <View key={c.id} id={`request-${c.id}`} className="cm__request">
                    <ConversationRow conversation={c} now={at} onOpen={onOpen} />
                    <View className="screen__actions">
                      <ActionButton
                        id={`request-accept-${c.id}`}
                        className="screen__button screen__button--primary"
                        busy={answer.isPending}
                        onClick={() => answer.mutate({ conversation: c, accept: true })}
                      >
                        {t('messages.accept')}
                      </ActionButton>
                      <ActionButton
                        id={`request-decline-${c.id}`}
                        className="screen__button"
                        busy={answer.isPending}
                        onClick={() => answer.mutate({ conversation: c, accept: false })}
                      >
                        {t('messages.decline')}
                      </ActionButton>
                    </View>
                  </View>
                ))}
              </View>
            )}
            <View className="screen__card" id="messages-list">
              {threads.length === 0 ? (
                <Text className="screen__hint">{t('messages.onlyRequests')}</Text>
              ) : (
                threads.map((c) => <ConversationRow key={c.id} conversation={c} now={at} onOpen={onOpen} />)
              )}
            </View>
          </>
        )
      ) : (
        <QueryState
          id="messages-state"
          loadingKey="messages.loading"
          failedKey="messages.loadFailed"
          isPending={list.isPending}
          error={list.error}
          onRetry={() => void list.refetch()}
        />
      )}
      <LoadMore
        id="messages-more"
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        reachedBottom={reachedBottom}
        onLoadMore={loadMore}
      />
    </View>
  );
}

function ConversationRow({
  conversation,
  now,
  onOpen,
}: {
  conversation: Conversation;
  now: Date;
  onOpen(conversation: Conversation): void;
}) {
  const t = useT();
  const last = conversation.lastMessage;
  return (
    <View id={`conversation-${conversation.id}`} className="screen__row" onClick={() => onOpen(conversation)}>
      <View className="cm__main">
        <Text className="cm__name">{conversation.other.displayName}</Text>
        <Text className="cm__line">
          {conversation.status === 'requested' && conversation.requestedByMe
            ? t('messages.requestSent')
            : (last?.text ?? t('messages.noMessages'))}
        </Text>
      </View>
      <View className="cm__side">
        <Text className="cm__time">{relativeTime(conversation.lastMessageAt, now, t)}</Text>
        {conversation.unread > 0 && (
          <Text className="cm__badge" id={`conversation-unread-${conversation.id}`}>
            {conversation.unread > 99 ? '99+' : String(conversation.unread)}
          </Text>
        )}
      </View>
    </View>
  );
}

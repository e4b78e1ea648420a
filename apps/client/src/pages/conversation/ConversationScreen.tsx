/**
 * One conversation (`conversationId`, or `userId`: messages.with finds it, else an empty thread whose
 * first message starts it). History newest-first from the server, shown oldest at the top and paged
 * upward ("earlier"); new messages arrive by the app's one poll while the page is shown (message-poll.ts)
 * and mark the conversation read. The caller's own pending / refused messages say so, with the reason.
 * The header opens the other's profile, blocks them (the thread then says so, with unblock) or reports
 * them; each of their messages can be reported too. Whether the caller blocked them is the server's
 * answer (messages.with / profiles.get: blockedByMe), then what the caller did here.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Text, View } from '@tarojs/components';
import { COMMUNITY_PAGE_MAX, type Conversation, type Message } from '@xiaojia/shared';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useInvalidate } from '../../api/invalidate';
import { useTRPC, useTRPCClient } from '../../api/query';
import { ActionButton } from '../../components/ActionButton';
import { Notice, QueryState } from '../../components/Screen';
import { useT } from '../../i18n';
import { loadCommunitySafetyMessages } from '../../i18n/community-safety';
import { errorMessage } from '../../i18n/errors';
import { useMessagePolling } from '../../lib/message-poll';
import { nextPageOf, usePagedItems } from '../../lib/paging';
import { relativeTime } from '../../lib/relative-time';
import { Composer } from './Composer';
import { type ReportTarget, SafetyDialogs } from './SafetyDialogs';
import '../../styles/community.css';

loadCommunitySafetyMessages();

export const MESSAGES_PAGE_SIZE = 30;

export interface ConversationScreenProps {
  conversationId?: string;
  userId?: string;
  shown?: boolean;
  onOpenProfile(userId: string): void;
  now?: Date;
}

/**
 * The conversation and the other person, from whichever the route names, and whether the caller blocked
 * them. A conversation opened by id leaves the list once the caller blocks its other: the one last seen
 * stays, so the thread can say so and offer unblock (`keepGone`).
 */
function useConversation(conversationId: string | undefined, userId: string | undefined, keepGone: boolean) {
  const trpc = useTRPC();
  const withUser = useQuery({ ...trpc.messages.with.queryOptions({ userId: userId ?? '' }), enabled: !!userId });
  // By id only: the conversation is one of the caller's latest (the list links with the user too).
  const latest = useQuery({
    ...trpc.messages.conversations.queryOptions({ limit: COMMUNITY_PAGE_MAX }),
    enabled: !userId && !!conversationId,
  });
  const found: Conversation | null | undefined = userId
    ? withUser.data?.conversation
    : latest.data && (latest.data.items.find((c) => c.id === conversationId) ?? null);
  const seen = useRef<Conversation | null>(null);
  if (found) seen.current = found;
  const conversation = found ?? (keepGone ? seen.current : found);
  const profile = useQuery({
    ...trpc.profiles.get.queryOptions({ userId: userId ?? '' }),
    enabled: !!userId && withUser.isSuccess && !conversation,
  });
  const other = conversation?.other ?? profile.data?.user ?? null;
  const query = userId ? withUser : latest;
  const gone = !userId && latest.isSuccess && conversation === null;
  return {
    conversation,
    other,
    blockedByMe: withUser.data?.blockedByMe ?? profile.data?.blockedByMe ?? false,
    error:
      query.error ??
      profile.error ??
      (gone ? Object.assign(new Error('gone'), { data: { appCode: 'NOT_FOUND' } }) : null),
    refetch: () => void (profile.error ? profile.refetch() : query.refetch()),
  };
}

export function ConversationScreen({
  conversationId,
  userId,
  shown = true,
  onOpenProfile,
  now,
}: ConversationScreenProps) {
  const t = useT();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  const poller = useMessagePolling(shown);
  const [blockedNow, setBlockedNow] = useState<boolean | null>(null);
  const { conversation, other, blockedByMe, error, refetch } = useConversation(
    conversationId,
    userId,
    blockedNow === true,
  );
  // A first message makes the conversation: its id comes with the answer.
  const [started, setStarted] = useState<string | null>(null);
  const id = conversation?.id ?? conversationId ?? started ?? undefined;
  const history = useInfiniteQuery({
    ...trpc.messages.list.infiniteQueryOptions(
      { conversationId: id ?? '', limit: MESSAGES_PAGE_SIZE },
      { getNextPageParam: nextPageOf },
    ),
    enabled: !!id,
  });
  const { items, loadMore } = usePagedItems(history);
  const thread = useMemo(() => [...items].reverse(), [items]);

  const blocked = blockedNow ?? blockedByMe;
  const unblock = useMutation(
    trpc.blocks.unblock.mutationOptions({
      onSuccess: async () => {
        setBlockedNow(false);
        await invalidate.blocksChanged();
      },
    }),
  );
  const [blocking, setBlocking] = useState(false);
  const [reporting, setReporting] = useState<ReportTarget | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const send = useMutation({
    mutationFn: ({ text, asRequest }: { text: string; asRequest: boolean }) => {
      const input = { userId: other?.userId ?? '', text };
      return asRequest ? client.messages.request.mutate(input) : client.messages.send.mutate(input);
    },
    onSuccess: async (message) => {
      setStarted(message.conversationId);
      poller.kick();
      await invalidate.conversationsChanged();
    },
  });

  // Read: whenever the newest message is someone else's and the page is in front.
  const newest = items[0];
  const { mutate: markRead } = useMutation(
    trpc.messages.markRead.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.messages.conversations.pathFilter()),
          queryClient.invalidateQueries(trpc.profiles.me.pathFilter()),
        ]),
    }),
  );
  const newestId = newest && other && newest.senderId === other.userId ? newest.id : null;
  useEffect(() => {
    if (shown && id && newestId) markRead({ conversationId: id });
  }, [shown, id, newestId, markRead]);

  const at = now ?? new Date();
  if (!other) {
    return (
      <View className="screen" id="conversation-page">
        <QueryState
          id="conversation-state"
          loadingKey="conversation.loading"
          failedKey="conversation.loadFailed"
          isPending
          error={error}
          onRetry={refetch}
        />
      </View>
    );
  }
  const status = conversation?.status;
  const waitingForThem = status === 'requested' && conversation?.requestedByMe === true;
  const askedByThem = conversation?.status === 'requested' && !conversation.requestedByMe ? conversation : null;
  return (
    <View className="screen" id="conversation-page">
      <View className="screen__row" id="conversation-header">
        <Text className="cm__name" id="conversation-name" onClick={() => onOpenProfile(other.userId)}>
          {other.displayName}
        </Text>
        <View className="screen__actions">
          <ActionButton
            id="conversation-profile"
            className="screen__button"
            onClick={() => onOpenProfile(other.userId)}
          >
            {t('conversation.profile')}
          </ActionButton>
          {!blocked && (
            <ActionButton id="conversation-block" className="screen__button" onClick={() => setBlocking(true)}>
              {t('conversation.block')}
            </ActionButton>
          )}
          <ActionButton
            id="conversation-report"
            className="screen__button"
            onClick={() => setReporting({ kind: 'user', targetId: other.userId })}
          >
            {t('conversation.report')}
          </ActionButton>
        </View>
      </View>
      <Notice id="conversation-notice" text={notice} />
      {blocked && (
        <View className="cm__banner" id="conversation-blocked">
          <Text>{t('conversation.blocked', { name: other.displayName })}</Text>
          <ActionButton
            id="conversation-unblock"
            className="screen__button"
            busy={unblock.isPending}
            onClick={() => unblock.mutate({ userId: other.userId })}
          >
            {t('conversation.unblock')}
          </ActionButton>
        </View>
      )}
      {waitingForThem && (
        <Text className="cm__banner" id="conversation-waiting">
          {t('conversation.waiting', { name: other.displayName })}
        </Text>
      )}
      {askedByThem && <RequestBanner conversationId={askedByThem.id} name={other.displayName} />}
      {status === 'declined' && (
        <Text className="cm__banner" id="conversation-declined">
          {t('conversation.declined')}
        </Text>
      )}
      {history.hasNextPage && (
        <ActionButton
          id="conversation-earlier"
          className="screen__button screen__button--block"
          busy={history.isFetchingNextPage}
          onClick={loadMore}
        >
          {t('conversation.earlier')}
        </ActionButton>
      )}
      <View className="cm__thread" id="conversation-thread">
        {id && !history.data ? (
          <QueryState
            id="conversation-history-state"
            loadingKey="conversation.loading"
            failedKey="conversation.loadFailed"
            isPending={history.isPending}
            error={history.error}
            onRetry={() => void history.refetch()}
          />
        ) : thread.length === 0 ? (
          <Text className="screen__hint" id="conversation-empty">
            {t('conversation.empty', { name: other.displayName })}
          </Text>
        ) : (
          thread.map((message) => (
            <Bubble
              key={message.id}
              message={message}
              mine={message.senderId !== other.userId}
              now={at}
              onReport={() => setReporting({ kind: 'message', targetId: message.id })}
            />
          ))
        )}
      </View>
      {!blocked && (
        <Composer
          busy={send.isPending}
          error={send.error}
          mayRequest={!conversation || status === 'declined'}
          disabled={waitingForThem || askedByThem !== null}
          onSend={(text, asRequest) =>
            send.mutateAsync({ text, asRequest }).then(
              () => true,
              () => false,
            )
          }
        />
      )}
      <SafetyDialogs
        other={other}
        blocking={blocking}
        reporting={reporting}
        onBlocked={() => {
          setBlocking(false);
          setBlockedNow(true);
        }}
        onReported={() => {
          setReporting(null);
          setNotice(t('conversation.report.sent'));
        }}
        onClose={() => {
          setBlocking(false);
          setReporting(null);
        }}
      />
    </View>
  );
}

function Bubble({ message, mine, now, onReport }: { message: Message; mine: boolean; now: Date; onReport(): void }) {
  const t = useT();
  const refused = message.status === 'rejected' || message.status === 'hidden';
  return (
    <View
      id={`message-${message.id}`}
      className={`cm__bubble${mine ? ' cm__bubble--mine' : ''}${refused ? ' cm__bubble--refused' : ''}`}
    >
      <Text className="cm__text">{message.text}</Text>
      <Text className="cm__time">{relativeTime(message.createdAt, now, t)}</Text>
      {mine && message.status === 'pending' && (
        <Text className="cm__status" id={`message-status-${message.id}`}>
          {t('conversation.pending')}
        </Text>
      )}
      {mine && refused && (
        <Text className="cm__status" id={`message-status-${message.id}`}>
          {message.reviewReason
            ? t('conversation.rejectedBecause', { reason: message.reviewReason })
            : t('conversation.rejected')}
        </Text>
      )}
      {!mine && (
        <Text className="cm__time" id={`message-report-${message.id}`} onClick={onReport}>
          {t('conversation.reportMessage')}
        </Text>
      )}
    </View>
  );
}

function RequestBanner({ conversationId, name }: { conversationId: string; name: string }) {
  const t = useT();
  const client = useTRPCClient();
  const invalidate = useInvalidate();
  const answer = useMutation({
    mutationFn: (accept: boolean) =>
      accept ? client.messages.accept.mutate({ conversationId }) : client.messages.decline.mutate({ conversationId }),
    onSuccess: () => invalidate.conversationsChanged(),
  });
  return (
    <View className="cm__banner" id="conversation-request">
      <Text>{t('conversation.requestFrom', { name })}</Text>
      <View className="screen__actions">
        <ActionButton
          id="conversation-accept"
          className="screen__button screen__button--primary"
          busy={answer.isPending}
          onClick={() => answer.mutate(true)}
        >
          {t('messages.accept')}
        </ActionButton>
        <ActionButton
          id="conversation-decline"
          className="screen__button"
          busy={answer.isPending}
          onClick={() => answer.mutate(false)}
        >
          {t('messages.decline')}
        </ActionButton>
      </View>
      {answer.error ? <Text className="screen__error">{errorMessage(answer.error, t)}</Text> : null}
    </View>
  );
}

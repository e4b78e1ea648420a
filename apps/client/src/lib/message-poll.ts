/**
 * New private messages without reloading: ONE poll loop for the whole app (messages.poll answers every
 * conversation's new messages at once, batched up to POLL_MESSAGES_MAX, so a page never polls per
 * conversation). It runs only while some shown page wants it (the messages list, a conversation) and the
 * app is in front (foreground.ts); a failed poll (offline, server away) waits longer each time, up to
 * MESSAGE_POLL_MAX_MS, and a full answer (`more`) is followed at once. What arrives goes into the query
 * cache: the conversation's loaded history gets the new messages on top; the conversation list (and the
 * conversation of a page that had none yet) is asked again, and the unread count is set.
 */
import { type InfiniteData, type QueryClient, useQueryClient } from '@tanstack/react-query';
import type { Message } from '@xiaojia/shared';
import { useEffect } from 'react';
import { useTRPC, useTRPCClient } from '../api/query';
import { useForeground } from './foreground';

/** A chat wants its replies soon; five seconds is soon, and one small request per user. */
export const MESSAGE_POLL_MS = 5_000;
/** The longest wait after failures in a row (offline): doubles from MESSAGE_POLL_MS up to this. */
export const MESSAGE_POLL_MAX_MS = 60_000;

export interface PollAnswer {
  messages: Message[];
  cursor: string;
  more: boolean;
  unread: number;
}

/** Runs `run` after `ms`; answers how to cancel it. Tests hand in their own to step the loop. */
export type Schedule = (run: () => void, ms: number) => () => void;

export const timerSchedule: Schedule = (run, ms) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

export interface PollerDeps {
  poll(cursor: string | undefined): Promise<PollAnswer>;
  deliver(answer: PollAnswer): void;
  schedule: Schedule;
}

/** The wait before the next poll after `failures` failed ones in a row. */
export function pollDelay(failures: number): number {
  return Math.min(MESSAGE_POLL_MAX_MS, MESSAGE_POLL_MS * 2 ** failures);
}

export class MessagePoller {
  private cursor: string | undefined;
  private users = 0;
  private foreground = true;
  private cancel: (() => void) | null = null;
  private running = false;
  private failures = 0;

  constructor(private readonly deps: PollerDeps) {}

  /** A shown page wants new messages (it polls at once); call the answer when it no longer does. */
  join(): () => void {
    this.users += 1;
    this.kick();
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.users -= 1;
      if (!this.wanted()) this.stop();
    };
  }

  /** The app came to the front (polls at once) or went to the back (stops). */
  setForeground(foreground: boolean): void {
    if (this.foreground === foreground) return;
    this.foreground = foreground;
    if (foreground) this.kick();
    else this.stop();
  }

  /** Polls now (a message was just sent; a page was shown again), unless a poll is under way. */
  kick(): void {
    if (!this.wanted() || this.running) return;
    this.stop();
    void this.tick();
  }

  private wanted(): boolean {
    return this.users > 0 && this.foreground;
  }

  private stop(): void {
    this.cancel?.();
    this.cancel = null;
  }

  private async tick(): Promise<void> {
    this.cancel = null;
    this.running = true;
    let delay: number;
    try {
      const answer = await this.deps.poll(this.cursor);
      this.cursor = answer.cursor;
      this.failures = 0;
      this.deps.deliver(answer);
      delay = answer.more ? 0 : MESSAGE_POLL_MS;
    } catch {
      this.failures += 1;
      delay = pollDelay(this.failures);
    } finally {
      this.running = false;
    }
    if (this.wanted()) this.cancel = this.deps.schedule(() => void this.tick(), delay);
  }
}

type AppTRPC = ReturnType<typeof useTRPC>;
type AppClient = ReturnType<typeof useTRPCClient>;
type MessagePages = InfiniteData<{ items: Message[]; nextCursor: string | null }>;

/** Puts polled messages on top of each conversation's loaded history (newest first), each once. */
export function deliverMessages(queryClient: QueryClient, trpc: AppTRPC, answer: PollAnswer): void {
  const byConversation = new Map<string, Message[]>();
  for (const message of answer.messages) {
    byConversation.set(message.conversationId, [...(byConversation.get(message.conversationId) ?? []), message]);
  }
  for (const [conversationId, arrived] of byConversation) {
    queryClient.setQueriesData<MessagePages>(trpc.messages.list.infiniteQueryFilter({ conversationId }), (data) => {
      const first = data?.pages[0];
      if (!data || !first) return data;
      const known = new Set(data.pages.flatMap((page) => page.items.map((m) => m.id)));
      const fresh = arrived.filter((m) => !known.has(m.id)).reverse();
      if (fresh.length === 0) return data;
      return { ...data, pages: [{ ...first, items: [...fresh, ...first.items] }, ...data.pages.slice(1)] };
    });
  }
  if (answer.messages.length > 0) {
    // The list's order and counts, and a conversation page still without one (its first message came).
    void queryClient.invalidateQueries(trpc.messages.conversations.pathFilter());
    void queryClient.invalidateQueries(trpc.messages.with.pathFilter());
  }
  queryClient.setQueryData(trpc.profiles.me.queryKey(), (me) => (me ? { ...me, unreadMessages: answer.unread } : me));
}

const pollers = new WeakMap<QueryClient, MessagePoller>();

/** The app's one poller (one per query client: a test's own client gets its own, with its own schedule). */
export function messagePoller(
  queryClient: QueryClient,
  trpc: AppTRPC,
  client: AppClient,
  schedule: Schedule = timerSchedule,
): MessagePoller {
  let poller = pollers.get(queryClient);
  if (!poller) {
    poller = new MessagePoller({
      poll: (cursor) => client.messages.poll.query(cursor ? { cursor } : {}),
      deliver: (answer) => deliverMessages(queryClient, trpc, answer),
      schedule,
    });
    pollers.set(queryClient, poller);
  }
  return poller;
}

/** The poller a query client already has (tests kick it instead of waiting for its timer). */
export function pollerOf(queryClient: QueryClient): MessagePoller | undefined {
  return pollers.get(queryClient);
}

/** Keeps new messages coming while `wanted` (the page is shown); answers the poller (to kick after a send). */
export function useMessagePolling(wanted: boolean): MessagePoller {
  const queryClient = useQueryClient();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const poller = messagePoller(queryClient, trpc, client);
  const foreground = useForeground();
  useEffect(() => poller.setForeground(foreground), [poller, foreground]);
  useEffect(() => (wanted ? poller.join() : undefined), [poller, wanted]);
  return poller;
}

/**
 * Private messages (私信). Two users write freely once they follow each other, or after one's request
 * (its first message) is accepted by the other; one pending request per pair. A block between them
 * refuses everything (COMMUNITY_BLOCKED). Every message goes through the ContentGate (suspensions, the
 * text check, the review queue: a message held for review shows only to its sender until approved).
 *
 * Polling (messages.poll, every few seconds): the cursor is a shown position (community_counters, taken
 * when a message is written and again when its review decides it), so a message approved long after it
 * was written still reaches the receiver's next poll, once. One range read of the caller's conversations
 * changed since the cursor (conversations_low_seq / _high_seq), one seek per such conversation into
 * messages_shown, at most POLL_MESSAGES_MAX rows, plus the unread total. Unread counts go by the same
 * positions (a read mark is the conversation's last_seq when read, migration 0016), so a message approved
 * after its receiver read the conversation is unread once, as the poll that delivers it says.
 */
import {
  type Conversation,
  type Message,
  POLL_MESSAGES_MAX,
  type zConversationsInput,
  type zMessageListInput,
} from '@xiaojia/shared';
import type { z } from 'zod';
import type { ConversationsTable, MessagesTable } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { newId } from '../../integrations/ids.js';
import { BlocksRepository } from '../../repositories/community/blocks.js';
import { type ConversationRow, ConversationsRepository, pairOf } from '../../repositories/community/conversations.js';
import type { AppDeps } from '../../trpc/context.js';
import { cursorPosition, toPage } from '../paging.js';
import { decodeCursor, encodeCursor } from '../photos.js';
import { RateLimiter } from '../rate-limit.js';
import { refuseAcrossBlock, requireUser } from './blocks.js';
import { ContentGate } from './gate.js';
import { COMMUNITY_RATES } from './rates.js';
import { reviewReasonsFor } from './review-reasons.js';

/** A message as `viewerId` sees it: the reason of a refused one only to its sender (`reasons`). */
function messageDto(
  row: Omit<MessagesTable, 'shown_seq'>,
  viewerId: string,
  reasons: ReadonlyMap<string, string>,
): Message {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    senderId: row.sender_id,
    text: row.text,
    status: row.status,
    reviewReason: row.sender_id === viewerId ? (reasons.get(row.id) ?? null) : null,
    createdAt: row.created_at,
  };
}

export class MessagesService {
  private readonly gate: ContentGate;
  private readonly conversations: ConversationsRepository;

  constructor(private readonly deps: AppDeps) {
    this.gate = new ContentGate(deps);
    this.conversations = new ConversationsRepository(deps.db);
  }

  /** Checks shared by send and request: a real other person, not blocked, allowed to act. */
  private async precheck(me: string, to: string): Promise<void> {
    if (to === me) throw new AppError('BAD_INPUT', 'You cannot message yourself', { field: 'userId' });
    await requireUser(this.deps, to);
    await this.gate.assertCanAct(me);
    await refuseAcrossBlock(this.deps, me, to, 'You cannot message this user');
  }

  /** A message in an allowed conversation: mutual followers, or an accepted request. */
  async send(me: string, input: { userId: string; text: string }): Promise<Message> {
    await this.precheck(me, input.userId);
    const existing = await this.conversations.byPair(me, input.userId);
    const mutual = await this.conversations.mutualFollow(me, input.userId);
    if (!mutual && existing?.status !== 'active') {
      throw new AppError('MESSAGE_NOT_ALLOWED', 'Follow each other, or send a request first');
    }
    await new RateLimiter(this.deps).take(`community:message:${me}`, COMMUNITY_RATES.message, 'Too many messages');
    return this.write(me, input.userId, input.text, 'active');
  }

  /** The first message to someone who does not follow back: it waits for them to accept or decline. */
  async request(me: string, input: { userId: string; text: string }): Promise<Message> {
    await this.precheck(me, input.userId);
    const existing = await this.conversations.byPair(me, input.userId);
    if (existing?.status === 'active' || (await this.conversations.mutualFollow(me, input.userId))) {
      throw new AppError('CONFLICT', 'You can already write to each other: send the message');
    }
    if (existing?.status === 'requested') throw new AppError('CONFLICT', 'A request between you is already waiting');
    if (existing?.status === 'declined' && existing.requested_by === me) {
      throw new AppError('MESSAGE_NOT_ALLOWED', 'Your request was declined');
    }
    await new RateLimiter(this.deps).take(`community:request:${me}`, COMMUNITY_RATES.request, 'Too many requests');
    return this.write(me, input.userId, input.text, 'requested');
  }

  private async write(me: string, to: string, text: string, status: ConversationsTable['status']): Promise<Message> {
    const id = newId();
    const screening = await this.gate.screen({ kind: 'message', authorId: me, texts: [text] });
    const now = this.deps.clock.now().toISOString();
    const { low, high } = pairOf(me, to);
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = new ConversationsRepository(trx);
      const conversation = await repo.open({
        id: newId(),
        user_low: low,
        user_high: high,
        status,
        requested_by: me,
        created_at: now,
        last_message_at: now,
        last_seq: 0,
      });
      // A declined conversation comes back as a new request, an allowed one as active.
      if (conversation.status !== status && (status === 'active' || conversation.status === 'declined')) {
        await repo.setStatus(conversation.id, status, status === 'requested' ? me : undefined);
      }
      const admission = await this.gate.admit({ kind: 'message', id, authorId: me, texts: [text], screening }, trx);
      const row: Omit<MessagesTable, 'shown_seq'> = {
        id,
        conversation_id: conversation.id,
        sender_id: me,
        text,
        status: admission,
        created_at: now,
      };
      await repo.addMessage(row);
      await repo.markRead(conversation.id, me, now);
      return messageDto(row, me, new Map());
    });
  }

  /** The receiver of a request, on a conversation of theirs; NOT_FOUND for anyone else's. */
  private async pendingRequestTo(me: string, conversationId: string) {
    const conversation = await this.conversations.byIdFor(conversationId, me);
    if (!conversation) throw new AppError('NOT_FOUND', 'No such conversation');
    if (conversation.status !== 'requested' || conversation.requested_by === me) {
      throw new AppError('CONFLICT', 'There is no request for you to answer here');
    }
    return conversation;
  }

  async accept(me: string, conversationId: string) {
    const conversation = await this.pendingRequestTo(me, conversationId);
    const other = conversation.user_low === me ? conversation.user_high : conversation.user_low;
    await refuseAcrossBlock(this.deps, me, other, 'You cannot message this user');
    await this.conversations.setStatus(conversation.id, 'active');
    return { ok: true as const };
  }

  async decline(me: string, conversationId: string) {
    const conversation = await this.pendingRequestTo(me, conversationId);
    await this.conversations.setStatus(conversation.id, 'declined');
    return { ok: true as const };
  }

  async conversationsPage(me: string, input: z.output<typeof zConversationsInput>) {
    const rows = await this.conversations.page(me, input.limit + 1, cursorPosition(input.cursor));
    const page = toPage(rows, input.limit, (r) => ({ sortAt: r.last_message_at, id: r.id }));
    return { items: await this.present(me, page.rows), nextCursor: page.nextCursor };
  }

  /**
   * The caller's conversation with `userId` (a profile's 私信 button), or null when they have none yet or
   * it was declined; blockedByMe when the caller blocked them (no conversation then: the block ended it),
   * whether or not they blocked the caller too. Blocked by them and not back: NOT_FOUND, as for an account
   * that does not exist (their profile answers the same), so nothing tells the caller of their block
   * beyond a refusal's COMMUNITY_BLOCKED.
   */
  async with(me: string, userId: string): Promise<{ conversation: Conversation | null; blockedByMe: boolean }> {
    if (userId === me) throw new AppError('BAD_INPUT', 'You have no conversation with yourself', { field: 'userId' });
    await requireUser(this.deps, userId);
    const blocks = new BlocksRepository(this.deps.db);
    if (await blocks.has(me, userId)) return { conversation: null, blockedByMe: true };
    if (await blocks.has(userId, me)) throw new AppError('NOT_FOUND', 'No such user');
    const [row] = await this.conversations.page(me, 1, undefined, userId);
    return { conversation: row ? ((await this.present(me, [row]))[0] ?? null) : null, blockedByMe: false };
  }

  /** Conversations as `me` sees them, with the reasons of `me`'s refused last messages (one query). */
  private async present(me: string, rows: ConversationRow[]): Promise<Conversation[]> {
    const reasons = await reviewReasonsFor(
      this.deps.db,
      'message',
      me,
      rows.flatMap((r) =>
        r.lm_id && r.lm_status && r.lm_sender_id ? [{ id: r.lm_id, status: r.lm_status, ownerId: r.lm_sender_id }] : [],
      ),
    );
    return rows.map((r) => ({
      id: r.id,
      other: { userId: r.other_id, displayName: r.other_name },
      status: r.status,
      requestedByMe: r.requested_by === me,
      lastMessage:
        r.lm_id && r.lm_sender_id && r.lm_text !== null && r.lm_status && r.lm_created_at
          ? messageDto(
              {
                id: r.lm_id,
                conversation_id: r.id,
                sender_id: r.lm_sender_id,
                text: r.lm_text,
                status: r.lm_status,
                created_at: r.lm_created_at,
              },
              me,
              reasons,
            )
          : null,
      lastMessageAt: r.last_message_at,
      unread: Number(r.unread ?? 0),
    }));
  }

  /** Messages as `me` sees them, with the reasons of `me`'s refused ones (one query). */
  private async messages(me: string, rows: readonly MessagesTable[]): Promise<Message[]> {
    const reasons = await reviewReasonsFor(
      this.deps.db,
      'message',
      me,
      rows.map((r) => ({ id: r.id, status: r.status, ownerId: r.sender_id })),
    );
    return rows.map((r) => messageDto(r, me, reasons));
  }

  /** A conversation of `me`'s that is shown (not declined, no block): NOT_FOUND / COMMUNITY_BLOCKED otherwise. */
  private async shown(me: string, conversationId: string) {
    const conversation = await this.conversations.byIdFor(conversationId, me);
    if (!conversation || conversation.status === 'declined') throw new AppError('NOT_FOUND', 'No such conversation');
    await refuseAcrossBlock(
      this.deps,
      conversation.user_low,
      conversation.user_high,
      'You cannot see messages with this user',
    );
    return conversation;
  }

  async list(me: string, input: z.output<typeof zMessageListInput>) {
    await this.shown(me, input.conversationId);
    const rows = await this.conversations.messages(
      input.conversationId,
      me,
      input.limit + 1,
      cursorPosition(input.cursor),
    );
    const page = toPage(rows, input.limit, (r) => ({ sortAt: r.created_at, id: r.id }));
    return { items: await this.messages(me, page.rows), nextCursor: page.nextCursor };
  }

  async markRead(me: string, conversationId: string) {
    await this.shown(me, conversationId);
    await this.conversations.markRead(conversationId, me, this.deps.clock.now().toISOString());
    return { ok: true as const };
  }

  /**
   * New messages since `cursor` across the caller's conversations, and the unread total. Without a
   * cursor: none, and a cursor for "from now on". The cursor is a shown position (migration 0014), not a
   * time: a message held for review and approved later comes in the receiver's next poll, exactly once,
   * however old its created_at (its sender's poll gets it again too, with its new status). A cursor from
   * before positions (a time) starts over from now, as no cursor does.
   */
  async poll(me: string, cursor: string | undefined) {
    const unread = await this.conversations.unreadTotal(me);
    const after = cursor === undefined ? undefined : shownPosition(cursor);
    if (after === undefined) {
      return { messages: [], cursor: pollCursor(await this.conversations.currentShown()), more: false, unread };
    }
    const rows = await this.conversations.since(me, after, POLL_MESSAGES_MAX + 1);
    const messages = rows.slice(0, POLL_MESSAGES_MAX);
    const last = messages.at(-1);
    return {
      messages: await this.messages(me, messages),
      cursor: pollCursor(last ? Number(last.shown_seq) : after),
      more: rows.length > POLL_MESSAGES_MAX,
      unread,
    };
  }
}

/** A poll's cursor: the opaque cursor of the photos' pages, holding a shown position. */
const POLL_ID = '00000000-0000-7000-8000-000000000000';
function pollCursor(seq: number): string {
  return encodeCursor({ sortAt: String(seq), id: POLL_ID });
}

/** The shown position in a poll's cursor; undefined for a cursor of before positions; BAD_INPUT if malformed. */
function shownPosition(cursor: string): number | undefined {
  const { sortAt } = decodeCursor(cursor);
  return /^\d{1,15}$/.test(sortAt) ? Number(sortAt) : undefined;
}

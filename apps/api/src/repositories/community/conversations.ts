/**
 * conversations (one per pair: user_low < user_high), their messages and the read marks. What one user
 * sees: messages that are visible, and their own whatever their status (pending review, rejected); never a
 * conversation declined or with a block between the two.
 */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/index.js';
import type { ConversationsTable, Database, MessagesTable } from '../../db/schema.js';
import { pastKeyset } from '../keyset.js';
import type { Keyset } from '../photo-scope.js';
import { notBlocked } from './blocks.js';

export function pairOf(a: string, b: string): { low: string; high: string } {
  return a < b ? { low: a, high: b } : { low: b, high: a };
}

type Eb = ExpressionBuilder<Database & { c: ConversationsTable }, 'c'>;

/** `me` is one of the two, the conversation is live, and neither has blocked the other. */
function shownTo(eb: Eb, me: string): Expression<SqlBool> {
  return eb.and([
    eb.or([eb('c.user_low', '=', me), eb('c.user_high', '=', me)]),
    eb('c.status', '!=', 'declined'),
    notBlocked(eb, eb.ref('c.user_low'), eb.ref('c.user_high')),
  ]);
}

export class ConversationsRepository {
  constructor(private readonly db: Db) {}

  byPair(a: string, b: string) {
    const { low, high } = pairOf(a, b);
    return this.db
      .selectFrom('conversations')
      .selectAll()
      .where('user_low', '=', low)
      .where('user_high', '=', high)
      .executeTakeFirst();
  }

  /** The conversation if `me` is one of its two; undefined otherwise (another's is NOT_FOUND). */
  byIdFor(id: string, me: string) {
    return this.db
      .selectFrom('conversations')
      .selectAll()
      .where('id', '=', id)
      .where((eb) => eb.or([eb('user_low', '=', me), eb('user_high', '=', me)]))
      .executeTakeFirst();
  }

  /** Opens the pair's conversation unless one exists; answers the pair's row either way. */
  async open(row: ConversationsTable): Promise<ConversationsTable> {
    await this.db
      .insertInto('conversations')
      .values(row)
      .onConflict((oc) => oc.columns(['user_low', 'user_high']).doNothing())
      .execute();
    const existing = await this.byPair(row.user_low, row.user_high);
    if (!existing) throw new Error('conversation vanished');
    return existing;
  }

  async setStatus(id: string, status: ConversationsTable['status'], requestedBy?: string): Promise<void> {
    await this.db
      .updateTable('conversations')
      .set(requestedBy ? { status, requested_by: requestedBy } : { status })
      .where('id', '=', id)
      .execute();
  }

  /** Ends the pair's conversation (a block). */
  async end(a: string, b: string): Promise<void> {
    const { low, high } = pairOf(a, b);
    await this.db
      .updateTable('conversations')
      .set({ status: 'declined' })
      .where('user_low', '=', low)
      .where('user_high', '=', high)
      .execute();
  }

  async mutualFollow(a: string, b: string): Promise<boolean> {
    const rows = await this.db
      .selectFrom('follows')
      .select('follower_id')
      .where((eb) =>
        eb.or([
          eb.and([eb('follower_id', '=', a), eb('followee_id', '=', b)]),
          eb.and([eb('follower_id', '=', b), eb('followee_id', '=', a)]),
        ]),
      )
      .execute();
    return rows.length === 2;
  }

  /**
   * The next 'message_shown' number. Call inside the change's transaction: the counter row's lock (held to
   * commit on PostgreSQL; SQLite has one writer) makes numbers commit in order.
   */
  private async nextShown(): Promise<number> {
    const row = await this.db
      .updateTable('community_counters')
      .set((eb) => ({ value: eb('value', '+', 1) }))
      .where('name', '=', 'message_shown')
      .returning('value')
      .executeTakeFirstOrThrow();
    return Number(row.value);
  }

  /** The latest number given: a poll starting now reports what comes after it. */
  async currentShown(): Promise<number> {
    const row = await this.db
      .selectFrom('community_counters')
      .select('value')
      .where('name', '=', 'message_shown')
      .executeTakeFirst();
    return Number(row?.value ?? 0);
  }

  /** Stores the message at the next shown position, and its conversation's latest activity. */
  async addMessage(row: Omit<MessagesTable, 'shown_seq'>): Promise<void> {
    const seq = await this.nextShown();
    await this.db
      .insertInto('messages')
      .values({ ...row, shown_seq: seq })
      .execute();
    await this.db.updateTable('conversations').set({ last_seq: seq }).where('id', '=', row.conversation_id).execute();
    await this.db
      .updateTable('conversations')
      .set({ last_message_at: row.created_at })
      .where('id', '=', row.conversation_id)
      .where('last_message_at', '<', row.created_at)
      .execute();
  }

  /**
   * A review decided the message (shown to the receiver, or refused): it takes the next shown position, so
   * every poll past its old one reports it once more, whenever it was written.
   */
  async reshow(messageId: string): Promise<void> {
    const seq = await this.nextShown();
    const row = await this.db
      .updateTable('messages')
      .set({ shown_seq: seq })
      .where('id', '=', messageId)
      .returning('conversation_id')
      .executeTakeFirst();
    if (row) {
      await this.db.updateTable('conversations').set({ last_seq: seq }).where('id', '=', row.conversation_id).execute();
    }
  }

  /**
   * `userId` has read the conversation up to its latest shown position (at `at`): what is shown after
   * (a new message, or an old one approved later) is unread.
   */
  async markRead(conversationId: string, userId: string, at: string): Promise<void> {
    const seq = this.db.selectFrom('conversations').select('last_seq').where('id', '=', conversationId);
    await this.db
      .insertInto('conversation_reads')
      .values({ conversation_id: conversationId, user_id: userId, last_read_at: at, last_read_seq: seq })
      .onConflict((oc) =>
        oc.columns(['conversation_id', 'user_id']).doUpdateSet({
          last_read_at: at,
          last_read_seq: (eb) => eb.ref('excluded.last_read_seq'),
        }),
      )
      .execute();
  }

  /** One conversation's messages `me` may see, newest first. */
  messages(conversationId: string, me: string, limit: number, after?: Keyset) {
    let query = this.db
      .selectFrom('messages as m')
      .selectAll('m')
      .where('m.conversation_id', '=', conversationId)
      .where((eb) => eb.or([eb('m.status', '=', 'visible'), eb('m.sender_id', '=', me)]));
    if (after) query = query.where((eb) => pastKeyset(eb, { sort: 'm.created_at', id: 'm.id' }, after, 'desc'));
    return query.orderBy('m.created_at', 'desc').orderBy('m.id', 'desc').limit(limit).execute();
  }

  /**
   * `me`'s conversations, latest activity first, in one statement: the other's name, the last message
   * `me` may see and the unread count (visible messages of the other shown after `me`'s read mark, by
   * shown position as messages.poll delivers them, one range of messages_shown). With
   * `withUser`: only the one with that user (the pair is unique, so at most one row).
   */
  page(me: string, limit: number, after?: Keyset, withUser?: string) {
    const other = sql<string>`case when c.user_low = ${me} then c.user_high else c.user_low end`;
    let query = this.db
      .selectFrom('conversations as c')
      .innerJoin('users as u', (join) => join.on((eb) => eb('u.id', '=', other)))
      .leftJoin('conversation_reads as r', (join) =>
        join.onRef('r.conversation_id', '=', 'c.id').on('r.user_id', '=', me),
      )
      .leftJoin('messages as lm', (join) =>
        join.on((eb) =>
          eb(
            'lm.id',
            '=',
            eb
              .selectFrom('messages as m')
              .select('m.id')
              .whereRef('m.conversation_id', '=', 'c.id')
              .where((w) => w.or([w('m.status', '=', 'visible'), w('m.sender_id', '=', me)]))
              .orderBy('m.created_at', 'desc')
              .orderBy('m.id', 'desc')
              .limit(1),
          ),
        ),
      )
      .selectAll('c')
      .select([
        'u.id as other_id',
        'u.display_name as other_name',
        'lm.id as lm_id',
        'lm.sender_id as lm_sender_id',
        'lm.text as lm_text',
        'lm.status as lm_status',
        'lm.created_at as lm_created_at',
      ])
      .select((eb) =>
        eb
          .selectFrom('messages as m')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('m.conversation_id', '=', 'c.id')
          .where('m.shown_seq', '>', sql<number>`coalesce(r.last_read_seq, 0)`)
          .where('m.sender_id', '!=', me)
          .where('m.status', '=', 'visible')
          .as('unread'),
      )
      .where((eb) => shownTo(eb as unknown as Eb, me));
    if (withUser) query = query.where('u.id', '=', withUser);
    if (after) query = query.where((eb) => pastKeyset(eb, { sort: 'c.last_message_at', id: 'c.id' }, after, 'desc'));
    return query.orderBy('c.last_message_at', 'desc').orderBy('c.id', 'desc').limit(limit).execute();
  }

  /**
   * Messages `me` may see, across every conversation shown to `me`, whose shown position is past `after`,
   * in that order. Only conversations changed since (last_seq: conversations_low_seq / _high_seq) are looked
   * into, each by one seek of messages_shown.
   */
  since(me: string, after: number, limit: number) {
    return this.db
      .selectFrom('messages as m')
      .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
      .selectAll('m')
      .where((eb) => shownTo(eb as unknown as Eb, me))
      .where('c.last_seq', '>', after)
      .where('m.shown_seq', '>', after)
      .where((eb) => eb.or([eb('m.status', '=', 'visible'), eb('m.sender_id', '=', me)]))
      .orderBy('m.shown_seq')
      .limit(limit)
      .execute();
  }

  /**
   * All of `me`'s unread messages (conversations shown to `me` only): the other's visible messages shown
   * past `me`'s read mark, looking only into conversations with something shown since (last_seq).
   */
  async unreadTotal(me: string): Promise<number> {
    const row = await this.db
      .selectFrom('messages as m')
      .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
      .leftJoin('conversation_reads as r', (join) =>
        join.onRef('r.conversation_id', '=', 'c.id').on('r.user_id', '=', me),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => shownTo(eb as unknown as Eb, me))
      .where('c.last_seq', '>', sql<number>`coalesce(r.last_read_seq, 0)`)
      .where('m.shown_seq', '>', sql<number>`coalesce(r.last_read_seq, 0)`)
      .where('m.sender_id', '!=', me)
      .where('m.status', '=', 'visible')
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}

export type ConversationRow = Awaited<ReturnType<ConversationsRepository['page']>>[number];

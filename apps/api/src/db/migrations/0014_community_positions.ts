/**
 * Positions for what a poll has not seen yet, and one's own works in order.
 *
 * - community_counters: named counters taken one at a time. 'message_shown' numbers every change a poll
 *   must report: a message written, and a message whose review decided it (approved: the receiver sees it
 *   now, however old its created_at; refused: its sender sees the new status). Taking a number updates the
 *   counter's row inside the change's own transaction, so its lock orders the writers (PostgreSQL) as the
 *   single writer does (SQLite): a number is committed only after every smaller one, and a poll that read
 *   up to n never misses one below it later.
 * - messages.shown_seq: the message's latest such number (messages_shown: per conversation, in order).
 * - conversations.last_seq: the greatest shown_seq in it, so a poll looks only into conversations changed
 *   since its cursor (conversations_low_seq / _high_seq).
 * - works_mine: an author's works in every state, newest made first (works.mine).
 *
 * Existing messages are numbered in (created_at, id) order. Frozen once shipped: add a new migration.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('community_counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .alterTable('messages')
    .addColumn('shown_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('conversations')
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`
    update messages set shown_seq = numbered.n
    from (select id, row_number() over (order by created_at, id) as n from messages) as numbered
    where messages.id = numbered.id
  `.execute(db);
  await sql`
    update conversations set last_seq = coalesce(
      (select max(m.shown_seq) from messages m where m.conversation_id = conversations.id), 0)
  `.execute(db);
  await sql`
    insert into community_counters (name, value)
    select 'message_shown', coalesce(max(shown_seq), 0) from messages
  `.execute(db);
  await db.schema.createIndex('messages_shown').on('messages').columns(['conversation_id', 'shown_seq']).execute();
  await db.schema.createIndex('conversations_low_seq').on('conversations').columns(['user_low', 'last_seq']).execute();
  await db.schema
    .createIndex('conversations_high_seq')
    .on('conversations')
    .columns(['user_high', 'last_seq'])
    .execute();
  await db.schema.createIndex('works_mine').on('works').columns(['author_id', 'created_at desc', 'id desc']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('works_mine').execute();
  await db.schema.dropIndex('conversations_high_seq').execute();
  await db.schema.dropIndex('conversations_low_seq').execute();
  await db.schema.dropIndex('messages_shown').execute();
  await db.schema.alterTable('conversations').dropColumn('last_seq').execute();
  await db.schema.alterTable('messages').dropColumn('shown_seq').execute();
  await db.schema.dropTable('community_counters').execute();
}

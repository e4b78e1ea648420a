/**
 * Read marks as shown positions (migration 0014), so unread counts follow what messages.poll delivers: a
 * message held for review and approved later takes a new shown position, and counts as unread once even
 * though it was written before the receiver last read the conversation.
 *
 * - conversation_reads.last_read_seq: the conversation's last_seq when its reader last read it; unread are
 *   the other's visible messages past it (messages_shown: per conversation, in order). last_read_at stays,
 *   as the time of that read.
 *
 * Existing marks become the position just before the first message written after the mark (so what was
 * read stays read and what was unread stays unread), or the conversation's last_seq when none was.
 * Frozen once shipped: add a new migration.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('conversation_reads')
    .addColumn('last_read_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`
    update conversation_reads set last_read_seq = coalesce(
      (select min(m.shown_seq) - 1 from messages m
        where m.conversation_id = conversation_reads.conversation_id
          and m.created_at > conversation_reads.last_read_at),
      (select c.last_seq from conversations c where c.id = conversation_reads.conversation_id),
      0)
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('conversation_reads').dropColumn('last_read_seq').execute();
}

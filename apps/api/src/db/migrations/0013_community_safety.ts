/**
 * The community's automatic media checks, one per image of a work (a work has up to nine, a review item
 * one row): WeChat's mediaCheckAsync answers each image under its own trace id, later, at the push URL.
 * - moderation_checks: queued (not yet sent to WeChat), pending (sent; waiting for the verdict), pass,
 *   risky, error. trace_id is WeChat's, unique, so a replayed verdict finds its row and changes nothing.
 *   The review item's own check_status sums its checks up (risky if any is, pending while any waits).
 * - challenge_entries_time: a challenge's entries newest first (challenges.get by time).
 * Frozen: never edit a migration that has shipped; add a new one.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('moderation_checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('moderation_items.id').onDelete('cascade'))
    .addColumn('work_photo_id', 'text', (c) => c.notNull().references('work_photos.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('trace_id', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .execute();
  await db.schema.createIndex('moderation_checks_item').on('moderation_checks').column('item_id').execute();
  await db.schema
    .createIndex('moderation_checks_queue')
    .on('moderation_checks')
    .columns(['status', 'created_at'])
    .execute();
  await db.schema
    .createIndex('challenge_entries_time')
    .on('challenge_entries')
    .columns(['challenge_id', 'created_at desc', 'work_id desc'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('challenge_entries_time').execute();
  await db.schema.dropTable('moderation_checks').execute();
}

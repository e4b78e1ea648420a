/**
 * Community snapshots (issue 17: nothing of a home is public unless published). A work's image is no longer
 * served from the family photo's own object (h/<homeId>/<month>/…: it names the home and the month, and an
 * original may carry GPS) but from a snapshot the server makes at publish: a re-encoded, metadata-free JPEG
 * (and its thumbnail) in the same bucket under a key that says nothing of the home, w/<snapshotId>.jpg.
 *
 * - work_photos.snapshot_key: the snapshot's key (its thumbnail is beside it, .thumb.jpg); null until made.
 *   A row without one is never shown: works published before this migration get theirs from the sweep
 *   (WorkSnapshots.backfill), and no answer falls back to the photo's key meanwhile.
 * - work_photos.snapshot_binding_id: the bucket the snapshot was written to (null: the embedded store).
 * - snapshot_deletions: snapshot objects to delete (an unpublished, hidden or deleted work's; one a failed
 *   publish left behind; one whose write a crash may have left without its row, due an hour later). Tried at
 *   once by whoever queued it, then by the sweep until it succeeds (attempts, last_error).
 * Frozen: never edit a migration that has shipped; add a new one.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('work_photos').addColumn('snapshot_key', 'text').execute();
  await db.schema.alterTable('work_photos').addColumn('snapshot_binding_id', 'text').execute();
  await db.schema
    .createTable('snapshot_deletions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('binding_id', 'text')
    .addColumn('object_key', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('snapshot_deletions_due').on('snapshot_deletions').columns(['due_at', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('snapshot_deletions').execute();
  await db.schema.alterTable('work_photos').dropColumn('snapshot_binding_id').execute();
  await db.schema.alterTable('work_photos').dropColumn('snapshot_key').execute();
}

/**
 * The windowed timeline: a ThumbHash per photo (the grid's placeholder while a thumbnail loads), and an
 * index for photos.buckets, which counts a home's photos per local day in one pass over this index alone.
 * It holds every column that query reads, the list's filters first (photos_timeline lacks uploader_id and
 * purge_requested_at, so each of a home's 100,000 rows would cost a table lookup: BENCHMARKS.md,
 * "Timeline windows"). Not partial on purge_requested_at: SQLite reads a column of a partial index's WHERE
 * from the table, so the index would not cover the query.
 *
 * Frozen: never edit a migration that has shipped; add a new one.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('photos').addColumn('thumbhash', 'text').execute();
  await db.schema
    .createIndex('photos_day_counts')
    .on('photos')
    .columns(['home_id', 'deleted_at', 'purge_requested_at', 'uploader_id', 'sort_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('photos_day_counts').execute();
  await db.schema.alterTable('photos').dropColumn('thumbhash').execute();
}

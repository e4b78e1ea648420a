/**
 * Videos are photos' equals (design.md "Video and large files"): the same row, with the facts a video has
 * and a photo has not. Both null for photos, and for videos nobody could probe (no ffmpeg on the server,
 * a device that did not say).
 *
 * Frozen: never edit a migration that has shipped; add a new one.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('photos').addColumn('duration_ms', 'integer').execute();
  await db.schema.alterTable('photos').addColumn('video_codec', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('photos').dropColumn('video_codec').execute();
  await db.schema.alterTable('photos').dropColumn('duration_ms').execute();
}

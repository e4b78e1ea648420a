/**
 * S3-compatible bindings (issue 16): where the bucket's S3 API answers and how it is addressed. Null on
 * Qiniu rows. `region` keeps the SigV4 signing region for S3 rows; `domain` is '' when an S3 bucket has
 * no CDN or custom domain (URLs are then built on the endpoint).
 *
 * Frozen: never edit a migration that has shipped; add a new one.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('storage_bindings').addColumn('preset', 'text').execute();
  await db.schema.alterTable('storage_bindings').addColumn('endpoint', 'text').execute();
  await db.schema.alterTable('storage_bindings').addColumn('path_style', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('storage_bindings').dropColumn('path_style').execute();
  await db.schema.alterTable('storage_bindings').dropColumn('endpoint').execute();
  await db.schema.alterTable('storage_bindings').dropColumn('preset').execute();
}

/**
 * S3 buckets in full (issue 16): multipart uploads, client-made thumbnails, duplicates by the device's hash,
 * and one row per bucket *location*.
 *
 * - uploads.upload_id: the S3 multipart upload the server created for the key (null otherwise), so part
 *   URLs are signed, and the upload completed or aborted, only for the upload this row started.
 * - uploads.qetag and photos.qetag: the content hash the device sent with uploads.create. S3 ETags are MD5s
 *   (or multipart ETags), never a qetag, so an S3 photo is found again by this one; indexed by home.
 * - photos.derivatives: the variants stored beside the original by the client ("thumb,preview"), for
 *   buckets without image processing; null when none.
 * - storage_bindings: a bucket is known by its endpoint too (two MinIO servers may both have "photos"):
 *   the unique (home, provider, bucket) becomes a unique index on (home, provider, bucket, endpoint or '').
 *   SQLite cannot drop a table constraint, so there the table is rebuilt: copied aside, dropped, created
 *   again and filled, with foreign keys deferred to the commit (photos and uploads point at its rows, which
 *   are all back by then). Everything runs in the migrator's one transaction on both engines.
 *
 * Frozen: never edit a migration that has shipped; add a new one.
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely';

const COLUMNS =
  'id, home_id, created_by, provider, bucket, domain, region, preset, endpoint, path_style, access_key, ' +
  'secret_key_sealed, status, verified_at, last_error, created_at, updated_at';

const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter;

/** SQLite: storage_bindings again, with the old (home, provider, bucket) constraint or without it. */
async function rebuildBindings(db: Kysely<unknown>, oldConstraint: boolean): Promise<void> {
  await sql`pragma defer_foreign_keys = on`.execute(db);
  await sql.raw(`create table storage_bindings_0009 as select ${COLUMNS} from storage_bindings`).execute(db);
  await db.schema.dropTable('storage_bindings').execute();
  let table = db.schema
    .createTable('storage_bindings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('home_id', 'text', (c) => c.notNull().references('homes.id'))
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('access_key', 'text', (c) => c.notNull())
    .addColumn('secret_key_sealed', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('verified_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('preset', 'text')
    .addColumn('endpoint', 'text')
    .addColumn('path_style', 'integer');
  if (oldConstraint) {
    table = table.addUniqueConstraint('storage_bindings_home_bucket', ['home_id', 'provider', 'bucket']);
  }
  await table.execute();
  await sql.raw(`insert into storage_bindings (${COLUMNS}) select ${COLUMNS} from storage_bindings_0009`).execute(db);
  await db.schema.dropTable('storage_bindings_0009').execute();
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('uploads').addColumn('upload_id', 'text').execute();
  await db.schema.alterTable('uploads').addColumn('qetag', 'text').execute();
  await db.schema.alterTable('photos').addColumn('qetag', 'text').execute();
  await db.schema.alterTable('photos').addColumn('derivatives', 'text').execute();
  await db.schema.createIndex('photos_home_qetag').on('photos').columns(['home_id', 'qetag']).execute();
  // Multipart uploads left unfinished past their row's expiry: the sweep finds them by this.
  await db.schema.createIndex('uploads_open_multipart').on('uploads').columns(['upload_id', 'expires_at']).execute();

  if (isPostgres(db)) {
    await sql`alter table storage_bindings drop constraint storage_bindings_home_bucket`.execute(db);
  } else {
    await rebuildBindings(db, false);
  }
  await sql`create unique index storage_bindings_home_location
    on storage_bindings (home_id, provider, bucket, coalesce(endpoint, ''))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('storage_bindings_home_location').execute();
  if (isPostgres(db)) {
    await sql`alter table storage_bindings add constraint storage_bindings_home_bucket
      unique (home_id, provider, bucket)`.execute(db);
  } else {
    await rebuildBindings(db, true);
  }
  await db.schema.dropIndex('uploads_open_multipart').execute();
  await db.schema.dropIndex('photos_home_qetag').execute();
  await db.schema.alterTable('photos').dropColumn('derivatives').execute();
  await db.schema.alterTable('photos').dropColumn('qetag').execute();
  await db.schema.alterTable('uploads').dropColumn('qetag').execute();
  await db.schema.alterTable('uploads').dropColumn('upload_id').execute();
}

/** Frozen: never edit a migration that has shipped; add a new one. Runs on SQLite and PostgreSQL. */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('wechat_openid', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('device', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').columns(['user_id', 'last_seen_at']).execute();

  await db.schema
    .createTable('login_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('succeeded', 'integer', (c) => c.notNull())
    .addColumn('attempted_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('login_attempts_account')
    .on('login_attempts')
    .columns(['account', 'attempted_at'])
    .execute();

  await db.schema
    .createTable('storage_bindings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
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
    .addUniqueConstraint('storage_bindings_user_bucket', ['user_id', 'provider', 'bucket'])
    .execute();

  await db.schema
    .createTable('photos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('binding_id', 'text', (c) => c.references('storage_bindings.id'))
    .addColumn('object_key', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('etag', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('taken_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sort_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('purge_requested_at', 'text')
    .addColumn('purge_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('purge_error', 'text')
    .addUniqueConstraint('photos_owner_key', ['owner_id', 'object_key'])
    .execute();
  // The timeline: one user's live (or trashed) photos newest first, keyset on (sort_at, id).
  await db.schema
    .createIndex('photos_timeline')
    .on('photos')
    .columns(['owner_id', 'deleted_at', 'sort_at desc', 'id desc'])
    .execute();
  await db.schema.createIndex('photos_owner_etag').on('photos').columns(['owner_id', 'etag']).execute();
  await db.schema
    .createIndex('photos_purge_queue')
    .on('photos')
    .column('purge_requested_at')
    .where(sql.ref('purge_requested_at'), 'is not', null)
    .execute();

  await db.schema
    .createTable('uploads')
    .addColumn('object_key', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('binding_id', 'text', (c) => c.references('storage_bindings.id'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('declared_size', 'bigint', (c) => c.notNull())
    .addColumn('declared_mime', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('photo_id', 'text')
    .execute();
  await db.schema.createIndex('uploads_owner').on('uploads').columns(['owner_id', 'created_at']).execute();

  await db.schema
    .createTable('albums')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('cover_photo_id', 'text', (c) => c.references('photos.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('albums_owner').on('albums').columns(['owner_id', 'created_at']).execute();

  await db.schema
    .createTable('album_photos')
    .addColumn('album_id', 'text', (c) => c.notNull().references('albums.id').onDelete('cascade'))
    .addColumn('photo_id', 'text', (c) => c.notNull().references('photos.id').onDelete('cascade'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('album_photos_pk', ['album_id', 'photo_id'])
    .execute();
  await db.schema.createIndex('album_photos_photo').on('album_photos').column('photo_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'album_photos',
    'albums',
    'uploads',
    'photos',
    'storage_bindings',
    'login_attempts',
    'sessions',
    'users',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}

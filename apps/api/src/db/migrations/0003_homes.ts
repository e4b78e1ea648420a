/**
 * Homes (小家): photos, albums, uploads and storage bindings move from belonging to a user to belonging to
 * a home, and each photo records its uploader.
 *
 * Every existing account gets a home of its own whose id is the account's id. Ids are app-made UUIDv7s, so
 * the two never collide, and it keeps what was derived from the user id valid for the home: object keys
 * under `u/<id>/`, and the sealed bucket secret, whose associated data is `storage-binding:<id>`.
 *
 * The four tables are rebuilt (create new, copy, drop old, rename) rather than altered: SQLite cannot change
 * a column's foreign key or a table's unique constraint in place. Both databases run the whole migration in
 * one transaction (SQLite: the migrator's BEGIN IMMEDIATE; PostgreSQL: transactional DDL), so a failure
 * leaves the previous schema and data untouched and the migration can simply run again. Old tables are
 * dropped children first, so no drop cascades into rows that are being kept.
 *
 * Frozen: never edit a migration that has shipped; add a new one.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('homes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('members_can_invite', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    /** Set when the owner deletes the home: invisible at once, rows removed once its objects are purged. */
    .addColumn('deleting_at', 'text')
    .execute();

  await db.schema
    .createTable('home_members')
    .addColumn('home_id', 'text', (c) => c.notNull().references('homes.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('home_members_pk', ['home_id', 'user_id'])
    .execute();
  await db.schema.createIndex('home_members_user').on('home_members').columns(['user_id', 'home_id']).execute();
  // Exactly one owner per home is the database's rule, not only the service's.
  await db.schema
    .createIndex('home_members_one_owner')
    .on('home_members')
    .column('home_id')
    .unique()
    .where(sql.ref('role'), '=', 'owner')
    .execute();

  await db.schema
    .createTable('home_invites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('home_id', 'text', (c) => c.notNull().references('homes.id').onDelete('cascade'))
    /** SHA-256 of the code; the code itself is never stored. */
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('max_uses', 'integer', (c) => c.notNull())
    .addColumn('uses', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('home_invites_home').on('home_invites').columns(['home_id', 'created_at']).execute();

  // One home per existing account, owned by it. Idempotent, should the statement ever run twice.
  await sql`
    insert into homes (id, name, members_can_invite, created_at, updated_at)
    select u.id, u.display_name || '的家', 0, u.created_at, u.created_at from users u
    where not exists (select 1 from homes h where h.id = u.id)`.execute(db);
  await sql`
    insert into home_members (home_id, user_id, role, joined_at)
    select u.id, u.id, 'owner', u.created_at from users u
    where not exists (select 1 from home_members m where m.home_id = u.id and m.user_id = u.id)`.execute(db);

  await db.schema
    .createTable('storage_bindings_v3')
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
    .addUniqueConstraint('storage_bindings_home_bucket', ['home_id', 'provider', 'bucket'])
    .execute();

  await db.schema
    .createTable('photos_v3')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('home_id', 'text', (c) => c.notNull().references('homes.id'))
    /** Who uploaded it: kept when they leave the home (their uploads stay). */
    .addColumn('uploader_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('binding_id', 'text', (c) => c.references('storage_bindings_v3.id'))
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
    .addUniqueConstraint('photos_home_key', ['home_id', 'object_key'])
    .execute();

  await db.schema
    .createTable('uploads_v3')
    .addColumn('object_key', 'text', (c) => c.primaryKey())
    .addColumn('home_id', 'text', (c) => c.notNull().references('homes.id').onDelete('cascade'))
    .addColumn('uploader_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('binding_id', 'text', (c) => c.references('storage_bindings_v3.id'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('declared_size', 'bigint', (c) => c.notNull())
    .addColumn('declared_mime', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('photo_id', 'text')
    .execute();

  await db.schema
    .createTable('albums_v3')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('home_id', 'text', (c) => c.notNull().references('homes.id').onDelete('cascade'))
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('cover_photo_id', 'text', (c) => c.references('photos_v3.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('album_photos_v3')
    .addColumn('album_id', 'text', (c) => c.notNull().references('albums_v3.id').onDelete('cascade'))
    .addColumn('photo_id', 'text', (c) => c.notNull().references('photos_v3.id').onDelete('cascade'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('album_photos_v3_pk', ['album_id', 'photo_id'])
    .execute();

  await sql`
    insert into storage_bindings_v3 (id, home_id, created_by, provider, bucket, domain, region, access_key,
      secret_key_sealed, status, verified_at, last_error, created_at, updated_at)
    select id, user_id, user_id, provider, bucket, domain, region, access_key, secret_key_sealed, status,
      verified_at, last_error, created_at, updated_at from storage_bindings`.execute(db);
  await sql`
    insert into photos_v3 (id, home_id, uploader_id, binding_id, object_key, filename, etag, size, mime, width,
      height, taken_at, created_at, sort_at, deleted_at, purge_requested_at, purge_attempts, purge_error)
    select id, owner_id, owner_id, binding_id, object_key, filename, etag, size, mime, width, height, taken_at,
      created_at, sort_at, deleted_at, purge_requested_at, purge_attempts, purge_error from photos`.execute(db);
  await sql`
    insert into uploads_v3 (object_key, home_id, uploader_id, binding_id, filename, declared_size, declared_mime,
      created_at, expires_at, photo_id)
    select object_key, owner_id, owner_id, binding_id, filename, declared_size, declared_mime, created_at,
      expires_at, photo_id from uploads`.execute(db);
  await sql`
    insert into albums_v3 (id, home_id, created_by, name, cover_photo_id, created_at, updated_at)
    select id, owner_id, owner_id, name, cover_photo_id, created_at, updated_at from albums`.execute(db);
  await sql`insert into album_photos_v3 (album_id, photo_id, added_at) select album_id, photo_id, added_at
    from album_photos`.execute(db);

  // Children first: nothing that is dropped still has rows pointing at it, so no drop cascades.
  for (const table of ['album_photos', 'albums', 'uploads', 'photos', 'storage_bindings']) {
    await db.schema.dropTable(table).execute();
    await db.schema.alterTable(`${table}_v3`).renameTo(table).execute();
  }

  // The timeline: one home's live (or trashed) photos newest first, keyset on (sort_at, id).
  await db.schema
    .createIndex('photos_timeline')
    .on('photos')
    .columns(['home_id', 'deleted_at', 'sort_at desc', 'id desc'])
    .execute();
  // "Only what I uploaded": the same order within one uploader's photos.
  await db.schema
    .createIndex('photos_uploader_timeline')
    .on('photos')
    .columns(['home_id', 'uploader_id', 'deleted_at', 'sort_at desc', 'id desc'])
    .execute();
  await db.schema.createIndex('photos_home_etag').on('photos').columns(['home_id', 'etag']).execute();
  await db.schema
    .createIndex('photos_purge_queue')
    .on('photos')
    .column('purge_requested_at')
    .where(sql.ref('purge_requested_at'), 'is not', null)
    .execute();
  await db.schema.createIndex('uploads_home').on('uploads').columns(['home_id', 'created_at']).execute();
  await db.schema.createIndex('albums_home').on('albums').columns(['home_id', 'updated_at', 'id']).execute();
  await db.schema.createIndex('album_photos_photo').on('album_photos').column('photo_id').execute();
}

export async function down(): Promise<void> {
  // A home may hold several users' photos: there is no faithful way back to one owner per photo.
  throw new Error('0003_homes cannot be undone; restore a backup taken before upgrading instead');
}

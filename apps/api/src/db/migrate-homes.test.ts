/**
 * Migration 0003 from a database made by the previous schema with real rows: every account becomes a home
 * of its own with everything it had (live, trashed and purge-pending photos, albums with covers, upload
 * grants, an active and an unbound binding whose sealed secrets still open), and a failed run leaves the
 * old schema whole so it can run again. On SQLite and (XIAOJIA_TEST_DATABASE=postgres) PostgreSQL.
 */
import { type Kysely, Migrator, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSealer } from '../integrations/crypto.js';
import { randomKey } from '../integrations/secrets.js';
import { sealContext } from '../storage/resolver.js';
import { createTestDatabase, type TestDatabase } from '../test/deps.js';
import { createDb, type Db, migrateToLatest } from './index.js';
import { migrationProvider } from './migrations/index.js';

const A = '01900000-0000-7000-8000-00000000000a';
const B = '01900000-0000-7000-8000-00000000000b';
const T = '2026-01-02T03:04:05.000Z';
const photoId = (n: number) => `01900000-0000-7000-8000-1000000000${String(n).padStart(2, '0')}`;
const sealer = createSealer(randomKey());

/** Rows as the 0002 schema had them, written with plain SQL (the app's types are 0003's). */
async function seedPreviousSchema(db: Kysely<unknown>): Promise<void> {
  const users: [string, string][] = [
    [A, '妈妈'],
    [B, '爸爸'],
  ];
  for (const [id, name] of users) {
    await sql`insert into users (id, username, display_name, password_hash, wechat_openid, created_at, updated_at)
      values (${id}, ${`user-${id.slice(-1)}`}, ${name}, null, null, ${T}, ${T})`.execute(db);
  }
  const binding = (id: string, status: string, bucket: string) =>
    sql`insert into storage_bindings (id, user_id, provider, bucket, domain, region, access_key, secret_key_sealed,
      status, verified_at, last_error, created_at, updated_at) values (${id}, ${A}, 'qiniu', ${bucket},
      'https://img.example.com', 'z0', 'AKAKAKAKAKAKAKAKAKAK', ${sealer.seal(`secret-${bucket}`, sealContext(A))},
      ${status}, ${T}, null, ${T}, ${T})`.execute(db);
  await binding('01900000-0000-7000-8000-200000000001', 'active', 'family-now');
  await binding('01900000-0000-7000-8000-200000000002', 'unbound', 'family-old');
  const photo = (n: number, owner: string, extra: { deleted?: string; purge?: string; binding?: string } = {}) =>
    sql`insert into photos (id, owner_id, binding_id, object_key, filename, etag, size, mime, width, height,
      taken_at, created_at, sort_at, deleted_at, purge_requested_at, purge_attempts, purge_error)
      values (${photoId(n)}, ${owner}, ${extra.binding ?? null}, ${`u/${owner}/2026/01/${n}.jpg`}, ${`${n}.jpg`},
      ${`Fetag${n}`}, ${1000 + n}, 'image/jpeg', 64, 48, null, ${T}, ${`2026-01-0${n}T00:00:00.000Z`},
      ${extra.deleted ?? null}, ${extra.purge ?? null}, ${extra.purge ? 2 : 0}, ${extra.purge ? 'timeout' : null})`.execute(
      db,
    );
  await photo(1, A, { binding: '01900000-0000-7000-8000-200000000001' });
  await photo(2, A, { binding: '01900000-0000-7000-8000-200000000002' });
  await photo(3, A, { deleted: T });
  await photo(4, A, { deleted: T, purge: T });
  await photo(5, B);
  await sql`insert into albums (id, owner_id, name, cover_photo_id, created_at, updated_at)
    values ('01900000-0000-7000-8000-300000000001', ${A}, '宝宝', ${photoId(2)}, ${T}, ${T})`.execute(db);
  await sql`insert into album_photos (album_id, photo_id, added_at) values
    ('01900000-0000-7000-8000-300000000001', ${photoId(1)}, ${T}),
    ('01900000-0000-7000-8000-300000000001', ${photoId(2)}, ${T})`.execute(db);
  await sql`insert into uploads (object_key, owner_id, binding_id, filename, declared_size, declared_mime, created_at,
    expires_at, photo_id) values (${`u/${B}/2026/01/9.jpg`}, ${B}, null, '9.jpg', 99, 'image/jpeg', ${T}, ${T}, null)`.execute(
    db,
  );
}

async function migrateTo0002(db: Db): Promise<void> {
  const { error } = await new Migrator({ db, provider: migrationProvider }).migrateTo('0002_housekeeping_indexes');
  if (error) throw error;
}

describe('migration 0003: every account becomes a home', () => {
  let test: TestDatabase;
  let db: Db;
  beforeEach(async () => {
    test = await createTestDatabase();
    db = createDb(test.database);
    await migrateTo0002(db);
    await seedPreviousSchema(db as unknown as Kysely<unknown>);
  });
  afterEach(async () => {
    await db.destroy();
    await test.drop();
  });

  it('moves photos, albums, uploads, the purge queue and both bindings into the owner’s home', async () => {
    expect(await migrateToLatest(db)).toContain('0003_homes');

    const homes = await db.selectFrom('homes').selectAll().orderBy('id').execute();
    expect(homes.map((h) => [h.id, h.name, h.deleting_at])).toEqual([
      [A, '妈妈的家', null],
      [B, '爸爸的家', null],
    ]);
    const members = await db.selectFrom('home_members').selectAll().orderBy('home_id').execute();
    expect(members.map((m) => [m.home_id, m.user_id, m.role])).toEqual([
      [A, A, 'owner'],
      [B, B, 'owner'],
    ]);

    const photos = await db.selectFrom('photos').selectAll().orderBy('id').execute();
    expect(photos.map((p) => [p.id, p.home_id, p.uploader_id])).toEqual([
      [photoId(1), A, A],
      [photoId(2), A, A],
      [photoId(3), A, A],
      [photoId(4), A, A],
      [photoId(5), B, B],
    ]);
    const pending = photos.find((p) => p.id === photoId(4));
    expect([pending?.deleted_at, pending?.purge_requested_at, pending?.purge_attempts, pending?.purge_error]).toEqual([
      T,
      T,
      2,
      'timeout',
    ]);
    expect(photos.find((p) => p.id === photoId(1))?.object_key).toBe(`u/${A}/2026/01/1.jpg`);

    const bindings = await db.selectFrom('storage_bindings').selectAll().orderBy('id').execute();
    expect(bindings.map((b) => [b.home_id, b.created_by, b.status, b.bucket])).toEqual([
      [A, A, 'active', 'family-now'],
      [A, A, 'unbound', 'family-old'],
    ]);
    // Sealed for the user before; the home has the user's id, so it opens as the home's secret.
    expect(bindings.map((b) => sealer.open(b.secret_key_sealed, sealContext(b.home_id)))).toEqual([
      'secret-family-now',
      'secret-family-old',
    ]);

    const album = await db.selectFrom('albums').selectAll().executeTakeFirstOrThrow();
    expect([album.home_id, album.created_by, album.cover_photo_id]).toEqual([A, A, photoId(2)]);
    const inAlbum = await db.selectFrom('album_photos').select('photo_id').orderBy('photo_id').execute();
    expect(inAlbum.map((r) => r.photo_id)).toEqual([photoId(1), photoId(2)]);

    const upload = await db.selectFrom('uploads').selectAll().executeTakeFirstOrThrow();
    expect([upload.home_id, upload.uploader_id]).toEqual([B, B]);

    expect(await migrateToLatest(db)).toEqual([]);
  });

  it('keeps the rebuilt tables’ rules: foreign keys, one owner per home, unique keys', async () => {
    await migrateToLatest(db);
    // A removed photo row cascades out of its albums, and an album cover falls back to null.
    await db.deleteFrom('photos').where('id', '=', photoId(2)).execute();
    const album = await db.selectFrom('albums').select('cover_photo_id').executeTakeFirstOrThrow();
    expect(album.cover_photo_id).toBeNull();
    expect(await db.selectFrom('album_photos').select('photo_id').execute()).toEqual([{ photo_id: photoId(1) }]);
    // A second owner for a home is refused by the database itself.
    await expect(
      db.insertInto('home_members').values({ home_id: A, user_id: B, role: 'owner', joined_at: T }).execute(),
    ).rejects.toThrow();
    // A photo row cannot point at a home that does not exist.
    await expect(
      db
        .insertInto('photos')
        .values({
          id: photoId(9),
          home_id: '01900000-0000-7000-8000-ffffffffffff',
          uploader_id: A,
          binding_id: null,
          object_key: 'x',
          filename: 'x.jpg',
          etag: 'e',
          size: 1,
          mime: 'image/jpeg',
          width: null,
          height: null,
          taken_at: null,
          created_at: T,
          sort_at: T,
          deleted_at: null,
          purge_requested_at: null,
          purge_attempts: 0,
          purge_error: null,
        })
        .execute(),
    ).rejects.toThrow();
  });

  it('a run that fails half-way changes nothing, and the next run completes', async () => {
    // Something in the way of the rebuild: the migration fails after it has made the homes tables.
    await sql`create table photos_v3 (id text)`.execute(db);
    await expect(migrateToLatest(db)).rejects.toThrow(/0003_homes/);
    const tables = await db.introspection.getTables();
    expect(tables.map((t) => t.name)).not.toContain('homes');
    const { rows } = await sql<{ n: number }>`select count(*) as n from photos`.execute(db);
    expect(Number(rows[0]?.n)).toBe(5);

    await sql`drop table photos_v3`.execute(db);
    expect(await migrateToLatest(db)).toContain('0003_homes');
    expect(await db.selectFrom('photos').select('home_id').where('id', '=', photoId(5)).executeTakeFirst()).toEqual({
      home_id: B,
    });
  });
});

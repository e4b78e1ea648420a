/**
 * Migration 0009 on a database 0008 made, with a Qiniu binding, a photo and an upload in it: the binding
 * row survives its table's rebuild (SQLite) with the photo and the upload still pointing at it and foreign
 * keys still enforced; S3 buckets of one name on two endpoints get two rows, one endpoint still one; the
 * new columns take values and the index is there; and the migration is undone. On SQLite and
 * (XIAOJIA_TEST_DATABASE=postgres) PostgreSQL.
 */
import { type Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/deps.js';
import { addUser, type Member, photoRowBefore0009 } from '../test/photo-rows.js';
import { indexesOf, migrateUpTo } from '../test/schema.js';
import { createDb, type Db } from './index.js';

const BINDING = '01900000-0000-7000-8000-200000000001';
const T = '2026-01-02T03:04:05.000Z';

describe('migration 0009: multipart, derivatives, device hashes, bindings by endpoint', () => {
  let test: TestDatabase;
  let db: Db;
  let owner: Member;
  let photoId: string;
  beforeEach(async () => {
    test = await createTestDatabase();
    db = createDb(test.database);
    await migrateUpTo(db, '0008_video');
    owner = await addUser(db, 'owner');
    // Plain SQL for the binding and the upload: the app's types are 0009's.
    await sql`insert into storage_bindings (id, home_id, created_by, provider, bucket, domain, region, access_key,
      secret_key_sealed, status, verified_at, last_error, created_at, updated_at, preset, endpoint, path_style)
      values (${BINDING}, ${owner.homeId}, ${owner.userId}, 'qiniu', 'family', 'https://img.example.com', 'z0', 'AK',
      'sealed', 'active', ${T}, null, ${T}, ${T}, null, null, null)`.execute(db as unknown as Kysely<unknown>);
    const photo = { ...photoRowBefore0009(owner, T), binding_id: BINDING };
    photoId = photo.id;
    await db.insertInto('photos').values(photo).execute();
    await sql`insert into uploads (object_key, home_id, uploader_id, binding_id, filename, declared_size,
      declared_mime, created_at, expires_at, photo_id)
      values ('h/x.jpg', ${owner.homeId}, ${owner.userId}, ${BINDING}, 'x.jpg', 10, 'image/jpeg', ${T}, ${T}, null)`.execute(
      db as unknown as Kysely<unknown>,
    );
  });
  afterEach(async () => {
    await db.destroy();
    await test.drop();
  });

  const binding = (id: string, provider: 'qiniu' | 's3', endpoint: string | null) => ({
    id,
    home_id: owner.homeId,
    created_by: owner.userId,
    provider,
    bucket: 'family',
    domain: '',
    region: 'us-east-1',
    preset: endpoint ? 'minio' : null,
    endpoint,
    path_style: endpoint ? 1 : null,
    access_key: 'AK',
    secret_key_sealed: 'sealed',
    status: 'unbound' as const,
    verified_at: null,
    last_error: null,
    created_at: T,
    updated_at: T,
  });

  it('keeps the binding and what points at it, keys buckets by endpoint, takes the new columns, and is undone', async () => {
    expect(await migrateUpTo(db, '0009_derivatives')).toEqual(['0009_derivatives']);
    expect(await db.selectFrom('storage_bindings').select(['id', 'bucket', 'domain']).execute()).toEqual([
      { id: BINDING, bucket: 'family', domain: 'https://img.example.com' },
    ]);
    expect(await db.selectFrom('photos').select(['binding_id', 'qetag', 'derivatives']).execute()).toEqual([
      { binding_id: BINDING, qetag: null, derivatives: null },
    ]);
    expect(await db.selectFrom('uploads').select(['binding_id', 'upload_id', 'qetag']).execute()).toEqual([
      { binding_id: BINDING, upload_id: null, qetag: null },
    ]);
    // Foreign keys still hold on the rebuilt table.
    await expect(
      db
        .updateTable('photos')
        .set({ binding_id: '01900000-0000-7000-8000-2000000000ff' })
        .where('id', '=', photoId)
        .execute(),
    ).rejects.toThrow();

    // One name on two endpoints: two rows. The same endpoint again, or Qiniu's bucket again: refused.
    await db
      .insertInto('storage_bindings')
      .values(binding('01900000-0000-7000-8000-200000000002', 's3', 'http://a:9000'))
      .execute();
    await db
      .insertInto('storage_bindings')
      .values(binding('01900000-0000-7000-8000-200000000003', 's3', 'http://b:9000'))
      .execute();
    await expect(
      db
        .insertInto('storage_bindings')
        .values(binding('01900000-0000-7000-8000-200000000004', 's3', 'http://a:9000'))
        .execute(),
    ).rejects.toThrow();
    await expect(
      db
        .insertInto('storage_bindings')
        .values(binding('01900000-0000-7000-8000-200000000005', 'qiniu', null))
        .execute(),
    ).rejects.toThrow();

    await db.updateTable('photos').set({ qetag: 'FqetagFqetagFqetagFqetagFqet', derivatives: 'thumb' }).execute();
    await db.updateTable('uploads').set({ upload_id: 'u-1', qetag: 'FqetagFqetagFqetagFqetagFqet' }).execute();
    expect(await indexesOf(db, 'photos')).toContain('photos_home_qetag');
    expect(await indexesOf(db, 'storage_bindings')).toContain('storage_bindings_home_location');

    await db.deleteFrom('storage_bindings').where('provider', '=', 's3').execute();
    await migrateUpTo(db, '0008_video');
    const columns = async (name: string) =>
      (await db.introspection.getTables()).find((t) => t.name === name)?.columns.map((c) => c.name) ?? [];
    expect(await columns('photos')).not.toContain('qetag');
    expect(await columns('uploads')).not.toContain('upload_id');
    expect(await db.selectFrom('photos').select('binding_id').execute()).toEqual([{ binding_id: BINDING }]);
    // Undone, the bucket is unique by name again.
    await expect(
      sql`insert into storage_bindings (id, home_id, created_by, provider, bucket, domain, region, access_key,
        secret_key_sealed, status, created_at, updated_at, endpoint)
        values ('x', ${owner.homeId}, ${owner.userId}, 'qiniu', 'family', '', 'z0', 'AK', 's', 'unbound', ${T}, ${T},
        'http://c')`.execute(db as unknown as Kysely<unknown>),
    ).rejects.toThrow();
  });
});

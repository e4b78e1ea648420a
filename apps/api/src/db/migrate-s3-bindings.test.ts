/**
 * Migration 0007 on a database 0004 made, with a Qiniu binding in it: the row keeps working as Qiniu (no
 * preset, endpoint or addressing), an S3 row can be written, and the migration can be undone. On SQLite
 * and (XIAOJIA_TEST_DATABASE=postgres) PostgreSQL.
 */
import { type Kysely, Migrator, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/deps.js';
import { addUser } from '../test/photo-rows.js';
import { createDb, type Db, migrateToLatest } from './index.js';
import { migrationProvider } from './migrations/index.js';

const BINDING = '01900000-0000-7000-8000-200000000001';
const T = '2026-01-02T03:04:05.000Z';

describe('migration 0007: S3 bindings', () => {
  let test: TestDatabase;
  let db: Db;
  let homeId: string;
  beforeEach(async () => {
    test = await createTestDatabase();
    db = createDb(test.database);
    const { error } = await new Migrator({ db, provider: migrationProvider }).migrateTo('0004_timeline_windows');
    if (error) throw error;
    const owner = await addUser(db, 'owner');
    homeId = owner.homeId;
    // Plain SQL: the app's types are 0007's.
    await sql`insert into storage_bindings (id, home_id, created_by, provider, bucket, domain, region, access_key,
      secret_key_sealed, status, verified_at, last_error, created_at, updated_at)
      values (${BINDING}, ${owner.homeId}, ${owner.userId}, 'qiniu', 'family', 'https://img.example.com', 'z0', 'AK',
      'sealed', 'active', ${T}, null, ${T}, ${T})`.execute(db as unknown as Kysely<unknown>);
  });
  afterEach(async () => {
    await db.destroy();
    await test.drop();
  });

  it('leaves Qiniu rows as they were, takes S3 rows, and is undone', async () => {
    expect(await migrateToLatest(db)).toContain('0007_s3_bindings');
    expect(
      await db.selectFrom('storage_bindings').select(['provider', 'preset', 'endpoint', 'path_style']).execute(),
    ).toEqual([{ provider: 'qiniu', preset: null, endpoint: null, path_style: null }]);
    await db
      .updateTable('storage_bindings')
      .set({ provider: 's3', preset: 'r2', endpoint: 'https://x.r2.cloudflarestorage.com', path_style: 1, domain: '' })
      .where('home_id', '=', homeId)
      .execute();
    expect(await db.selectFrom('storage_bindings').select(['preset', 'path_style']).executeTakeFirst()).toEqual({
      preset: 'r2',
      path_style: 1,
    });
    const { error } = await new Migrator({ db, provider: migrationProvider }).migrateTo('0004_timeline_windows');
    expect(error).toBeUndefined();
    const columns = (await db.introspection.getTables())
      .find((t) => t.name === 'storage_bindings')
      ?.columns.map((c) => c.name);
    expect(columns).toContain('bucket');
    expect(columns).not.toContain('endpoint');
  });
});

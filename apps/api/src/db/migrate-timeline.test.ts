/**
 * Migration 0004 on a database 0003 made, with photos in it: they get a thumbhash column (null: they were
 * uploaded without one) and the day-count index, and the migration can be undone and done again. On
 * SQLite and (XIAOJIA_TEST_DATABASE=postgres) PostgreSQL.
 */
import { type Kysely, Migrator, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/deps.js';
import { addUser } from '../test/photo-rows.js';
import { indexesOf, migrateUpTo } from '../test/schema.js';
import { createDb, type Db } from './index.js';
import { migrationProvider } from './migrations/index.js';

const PHOTO = '01900000-0000-7000-8000-100000000001';
const T = '2026-01-02T03:04:05.000Z';

const migrator = (db: Db) => new Migrator({ db, provider: migrationProvider });

describe('migration 0004: thumbhash and the day-count index', () => {
  let test: TestDatabase;
  let db: Db;
  beforeEach(async () => {
    test = await createTestDatabase();
    db = createDb(test.database);
    const { error } = await migrator(db).migrateTo('0003_homes');
    if (error) throw error;
    const owner = await addUser(db, 'owner');
    // Written with plain SQL: the app's types are 0004's.
    await sql`insert into photos (id, home_id, uploader_id, binding_id, object_key, filename, etag, size, mime,
      width, height, taken_at, created_at, sort_at, deleted_at, purge_requested_at, purge_attempts, purge_error)
      values (${PHOTO}, ${owner.homeId}, ${owner.userId}, null, 'h/x/1.jpg', '1.jpg', 'Fetag', 1000, 'image/jpeg',
      64, 48, null, ${T}, ${T}, null, null, 0, null)`.execute(db as unknown as Kysely<unknown>);
  });
  afterEach(async () => {
    await db.destroy();
    await test.drop();
  });

  it('gives existing photos a null thumbhash and adds photos_day_counts; undone, both are gone', async () => {
    expect(await indexesOf(db, 'photos')).not.toContain('photos_day_counts');
    expect(await migrateUpTo(db, '0004_timeline_windows')).toEqual(['0004_timeline_windows']);
    expect(await db.selectFrom('photos').select(['id', 'thumbhash']).execute()).toEqual([
      { id: PHOTO, thumbhash: null },
    ]);
    expect(await indexesOf(db, 'photos')).toContain('photos_day_counts');
    await db.updateTable('photos').set({ thumbhash: '3OcRJYB4d3h/iIeHeEh3eIhw+j3A' }).execute();

    const { error } = await migrator(db).migrateDown();
    expect(error).toBeUndefined();
    expect(await indexesOf(db, 'photos')).not.toContain('photos_day_counts');
    const columns = (await db.introspection.getTables()).find((t) => t.name === 'photos')?.columns.map((c) => c.name);
    expect(columns).toContain('sort_at');
    expect(columns).not.toContain('thumbhash');

    expect(await migrateUpTo(db, '0004_timeline_windows')).toEqual(['0004_timeline_windows']);
    expect(await db.selectFrom('photos').select('thumbhash').executeTakeFirst()).toEqual({ thumbhash: null });
  });
});

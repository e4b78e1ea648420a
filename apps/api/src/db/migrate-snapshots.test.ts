/**
 * Migration 0015 on a database 0013 made, with a published work in it: work_photos gains its snapshot
 * columns (null for the work published before: the sweep makes its snapshots), snapshot_deletions appears
 * with its due index, and the migration can be undone and done again. On SQLite and
 * (XIAOJIA_TEST_DATABASE=postgres) PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/deps.js';
import { addUser, photoRow } from '../test/photo-rows.js';
import { indexesOf, migrateUpTo, tableNames } from '../test/schema.js';
import { createDb, type Db } from './index.js';

const T = '2026-01-02T03:04:05.000Z';

describe('migration 0015: community snapshots', () => {
  let test: TestDatabase;
  let db: Db;
  beforeEach(async () => {
    test = await createTestDatabase();
    db = createDb(test.database);
    await migrateUpTo(db, '0013_community_safety');
    const author = await addUser(db, 'author');
    const photo = photoRow(author, T);
    await db.insertInto('photos').values(photo).execute();
    const work = { id: 'w1', author_id: author.userId, title: '晨光', description: '', status: 'published' as const };
    const counts = { like_count: 0, comment_count: 0, vote_weight: 0, hot_key: 0 };
    const times = { created_at: T, updated_at: T, published_at: T };
    await db
      .insertInto('works')
      .values({ ...work, ...counts, ...times, review_reason: null, exif: null, place: null })
      .execute();
    await db
      .insertInto('work_photos')
      .values({ id: 'i1', work_id: 'w1', photo_id: photo.id, position: 0 } as never)
      .execute();
  });
  afterEach(async () => {
    await db.destroy();
    await test.drop();
  });

  it('adds the snapshot columns (null for works from before) and the deletion queue, and can be undone', async () => {
    expect(await migrateUpTo(db, '0015_work_snapshots')).toContain('0015_work_snapshots');
    const image = await db.selectFrom('work_photos').selectAll().executeTakeFirstOrThrow();
    expect(image).toMatchObject({ id: 'i1', snapshot_key: null, snapshot_binding_id: null });
    expect(await indexesOf(db, 'snapshot_deletions')).toContain('snapshot_deletions_due');
    await db
      .insertInto('snapshot_deletions')
      .values({
        id: 'd1',
        binding_id: null,
        object_key: 'w/x.jpg',
        due_at: T,
        attempts: 0,
        last_error: null,
        created_at: T,
      })
      .execute();
    await db.updateTable('work_photos').set({ snapshot_key: 'w/y.jpg' }).execute();

    await migrateUpTo(db, '0013_community_safety');
    expect(await tableNames(db)).not.toContain('snapshot_deletions');
    expect(Object.keys(await db.selectFrom('work_photos').selectAll().executeTakeFirstOrThrow())).not.toContain(
      'snapshot_key',
    );
    expect(await migrateUpTo(db, '0015_work_snapshots')).toContain('0015_work_snapshots');
  });
});

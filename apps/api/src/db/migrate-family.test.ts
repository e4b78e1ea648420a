/**
 * Migration 0005 on a database 0004 made, with a home and a photo in it: the family tables and their
 * indexes appear; a child's milestones and growth records go with it and the child with its home (the
 * foreign keys cascade on both engines); measurements keep their decimals (double precision, not
 * PostgreSQL's 4-byte real); undone, the tables are gone and it applies again. On SQLite and
 * (XIAOJIA_TEST_DATABASE=postgres) PostgreSQL.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../integrations/ids.js';
import { createTestDatabase, type TestDatabase } from '../test/deps.js';
import { addUser, insertPhotoRows, type Member, photoRowBefore0008 } from '../test/photo-rows.js';
import { indexesOf, migrateUpTo, tableNames } from '../test/schema.js';
import { createDb, type Db } from './index.js';

const T = '2026-01-02T03:04:05.000Z';
const FAMILY_TABLES = ['children', 'growth_records', 'milestones'];

describe('migration 0005: children, milestones, growth records', () => {
  let test: TestDatabase;
  let db: Db;
  let owner: Member;
  let photoId: string;
  beforeEach(async () => {
    test = await createTestDatabase();
    db = createDb(test.database);
    await migrateUpTo(db, '0004_timeline_windows');
    owner = await addUser(db, 'owner');
    const photo = photoRowBefore0008(owner, T);
    photoId = photo.id;
    await insertPhotoRows(db, [photo]);
  });
  afterEach(async () => {
    await db.destroy();
    await test.drop();
  });

  const addFamily = async () => {
    const childId = newId();
    await db
      .insertInto('children')
      .values({
        id: childId,
        home_id: owner.homeId,
        name: '小米',
        birthday: '2024-02-29',
        sex: 'girl',
        avatar_photo_id: photoId,
        created_by: owner.userId,
        created_at: T,
        updated_at: T,
      })
      .execute();
    const common = { home_id: owner.homeId, child_id: childId, created_by: owner.userId, created_at: T };
    await db
      .insertInto('milestones')
      .values({ ...common, id: newId(), kind: 'first_smile', title: null, date: '2024-05-01', photo_id: photoId })
      .execute();
    await db
      .insertInto('growth_records')
      .values({ ...common, id: newId(), date: '2024-05-01', height_cm: 61.35, weight_kg: 6.07, head_cm: null })
      .execute();
    return childId;
  };

  const migrateTo0005 = () => migrateUpTo(db, '0005_family');

  it('adds the tables and indexes, keeps decimals, cascades from child and home, and can be undone', async () => {
    expect(await migrateTo0005()).toEqual(['0005_family']);
    expect(await tableNames(db)).toEqual(expect.arrayContaining(FAMILY_TABLES));
    expect(await indexesOf(db, 'children')).toContain('children_home');
    expect(await indexesOf(db, 'milestones')).toEqual(
      expect.arrayContaining(['milestones_child_date', 'milestones_home_photo']),
    );
    expect(await indexesOf(db, 'growth_records')).toContain('growth_child_date');

    const childId = await addFamily();
    expect(await db.selectFrom('growth_records').select(['height_cm', 'weight_kg', 'head_cm']).execute()).toEqual([
      { height_cm: 61.35, weight_kg: 6.07, head_cm: null },
    ]);
    await db.deleteFrom('children').where('id', '=', childId).execute();
    expect(await db.selectFrom('milestones').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('growth_records').selectAll().execute()).toEqual([]);

    await addFamily();
    // A home's last rows go (HomesRepository.removeDeleted): its family goes with it. The photo goes first,
    // as the purge does.
    await db.deleteFrom('photos').execute();
    await db.deleteFrom('home_members').execute();
    await db.deleteFrom('homes').where('id', '=', owner.homeId).execute();
    for (const table of FAMILY_TABLES) {
      const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
      expect([table, Number(rows[0]?.n)]).toEqual([table, 0]);
    }

    expect(await migrateUpTo(db, '0004_timeline_windows')).toEqual(['0005_family']);
    expect(await tableNames(db)).not.toEqual(expect.arrayContaining(['children']));
    expect(await migrateTo0005()).toEqual(['0005_family']);
  });

  it('refuses a child of no home and a milestone of no child', async () => {
    await migrateUpTo(db, '0005_family');
    await expect(
      db
        .insertInto('children')
        .values({
          id: newId(),
          home_id: newId(),
          name: 'x',
          birthday: '2024-01-01',
          sex: null,
          avatar_photo_id: null,
          created_by: owner.userId,
          created_at: T,
          updated_at: T,
        })
        .execute(),
    ).rejects.toThrow();
    await expect(
      db
        .insertInto('milestones')
        .values({
          id: newId(),
          home_id: owner.homeId,
          child_id: newId(),
          kind: 'crawl',
          title: null,
          date: '2024-01-01',
          photo_id: null,
          created_by: owner.userId,
          created_at: T,
        })
        .execute(),
    ).rejects.toThrow();
  });
});

/**
 * Migration 0006 on a database 0004 made, with a family and a photo in it: the together tables and their
 * indexes appear, existing members get no feed mark (their joining counts), a photo's likes and comments go
 * with its row, subscriptions with the membership; and the migration can be undone and done again. On
 * SQLite and (XIAOJIA_TEST_DATABASE=postgres) PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/deps.js';
import { addUser, type Member, photoRowBefore0008 } from '../test/photo-rows.js';
import { indexesOf, migrateUpTo, tableNames } from '../test/schema.js';
import { createDb, type Db } from './index.js';

const T = '2026-01-02T03:04:05.000Z';

describe('migration 0006: likes, comments, the feed and subscribe-message credits', () => {
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
    // photos is the same at 0004 and 0006, so the app's types can write it.
    await db.insertInto('photos').values(photo).execute();
  });
  afterEach(async () => {
    await db.destroy();
    await test.drop();
  });

  it('adds the tables and indexes; a purged photo takes its likes and comments; undone and done again', async () => {
    expect(await migrateUpTo(db, '0006_together')).toContain('0006_together');
    expect(await tableNames(db)).toEqual(
      expect.arrayContaining(['photo_likes', 'photo_comments', 'activities', 'notify_subscriptions']),
    );
    expect(await indexesOf(db, 'activities')).toEqual(
      expect.arrayContaining(['activities_feed', 'activities_actor', 'activities_by_actor']),
    );
    expect(await indexesOf(db, 'photo_likes')).toEqual(
      expect.arrayContaining(['photo_likes_photo', 'photo_likes_user']),
    );
    expect(await indexesOf(db, 'photo_comments')).toEqual(
      expect.arrayContaining(['photo_comments_photo', 'photo_comments_author']),
    );
    expect(await db.selectFrom('home_members').select('feed_seen_at').execute()).toEqual([{ feed_seen_at: null }]);

    const ids = { home_id: owner.homeId, photo_id: photoId };
    await db
      .insertInto('photo_likes')
      .values({ ...ids, user_id: owner.userId, created_at: T })
      .execute();
    await db
      .insertInto('photo_comments')
      .values({
        ...ids,
        id: '01900000-0000-7000-8000-000000000001',
        author_id: owner.userId,
        text: '好',
        created_at: T,
      })
      .execute();
    await db
      .insertInto('notify_subscriptions')
      .values({ home_id: owner.homeId, user_id: owner.userId, credits: 2 })
      .execute();
    // A like per person per photo: the primary key says so.
    await expect(
      db
        .insertInto('photo_likes')
        .values({ ...ids, user_id: owner.userId, created_at: T })
        .execute(),
    ).rejects.toThrow();
    await db.deleteFrom('photos').where('id', '=', photoId).execute();
    expect(await db.selectFrom('photo_likes').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('photo_comments').selectAll().execute()).toEqual([]);
    await db.deleteFrom('home_members').execute();
    expect(await db.selectFrom('notify_subscriptions').selectAll().execute()).toEqual([]);

    expect(await migrateUpTo(db, '0005_family')).toEqual(['0006_together']);
    expect(await tableNames(db)).not.toContain('activities');
    const members = (await db.introspection.getTables()).find((t) => t.name === 'home_members');
    expect(members?.columns.map((c) => c.name)).not.toContain('feed_seen_at');
    expect(await migrateUpTo(db, '0006_together')).toContain('0006_together');
    expect(await tableNames(db)).toContain('activities');
  });
});

/**
 * Migration 0010 on a database 0009 made, with a family photo in it: the community tables appear with their
 * indexes; a purged photo leaves its works at once (work_photos cascade), a deleted account takes its works,
 * likes and follows; a vote needs its entry; and the migration can be undone and done again. On SQLite and
 * (XIAOJIA_TEST_DATABASE=postgres) PostgreSQL.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/deps.js';
import { addUser, type Member, photoRow } from '../test/photo-rows.js';
import { indexesOf, migrateUpTo, tableNames } from '../test/schema.js';
import { createDb, type Db } from './index.js';

const T = '2026-01-02T03:04:05.000Z';
const COMMUNITY_TABLES = [
  'community_profiles',
  'community_admins',
  'community_suspensions',
  'works',
  'work_photos',
  'work_tags',
  'work_likes',
  'work_comments',
  'follows',
  'blocks',
  'reports',
  'moderation_items',
  'conversations',
  'conversation_reads',
  'messages',
  'challenges',
  'challenge_entries',
  'challenge_votes',
];

describe('migration 0010: the community', () => {
  let test: TestDatabase;
  let db: Db;
  let author: Member;
  let fan: Member;
  let photoId: string;
  beforeEach(async () => {
    test = await createTestDatabase();
    db = createDb(test.database);
    await migrateUpTo(db, '0009_derivatives');
    author = await addUser(db, 'author');
    fan = await addUser(db, 'fan');
    const photo = photoRow(author, T);
    photoId = photo.id;
    await db.insertInto('photos').values(photo).execute();
  });
  afterEach(async () => {
    await db.destroy();
    await test.drop();
  });

  async function publish(workId: string): Promise<void> {
    await db
      .insertInto('works')
      .values({
        id: workId,
        author_id: author.userId,
        title: '晨光',
        description: '',
        status: 'published',
        review_reason: null,
        exif: null,
        place: null,
        like_count: 0,
        comment_count: 0,
        vote_weight: 0,
        hot_key: 0,
        created_at: T,
        updated_at: T,
        published_at: T,
      })
      .execute();
    await db
      .insertInto('work_photos')
      .values({ id: `${workId}-p1`, work_id: workId, photo_id: photoId, position: 0 })
      .execute();
  }

  it('adds the tables and the feeds’ indexes, and can be undone and done again', async () => {
    expect(await migrateUpTo(db, '0010_community')).toContain('0010_community');
    expect(await tableNames(db)).toEqual(expect.arrayContaining(COMMUNITY_TABLES));
    expect(await indexesOf(db, 'works')).toEqual(expect.arrayContaining(['works_latest', 'works_hot', 'works_author']));
    expect(await indexesOf(db, 'work_tags')).toContain('work_tags_feed');
    expect(await indexesOf(db, 'follows')).toEqual(expect.arrayContaining(['follows_followee', 'follows_follower']));
    await publish('w1');

    await migrateUpTo(db, '0009_derivatives');
    expect(await tableNames(db)).not.toEqual(expect.arrayContaining(['works']));
    expect(await migrateUpTo(db, '0010_community')).toContain('0010_community');
  });

  it('a purged photo leaves its work; a deleted account takes its works, likes and follows', async () => {
    await migrateUpTo(db, '0010_community');
    await publish('w1');
    await db
      .insertInto('work_likes')
      .values({ work_id: 'w1', user_id: fan.userId, weight: 1, created_at: T })
      .execute();
    await db
      .insertInto('follows')
      .values({ follower_id: fan.userId, followee_id: author.userId, created_at: T })
      .execute();

    await db.deleteFrom('photos').where('id', '=', photoId).execute();
    expect(await db.selectFrom('work_photos').selectAll().execute()).toEqual([]);

    // The account goes (after its photos, as account deletion does): its works, their likes, its follows.
    await db.deleteFrom('home_members').where('user_id', '=', author.userId).execute();
    await db.deleteFrom('homes').where('id', '=', author.homeId).execute();
    await db.deleteFrom('users').where('id', '=', author.userId).execute();
    expect(await db.selectFrom('works').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('work_likes').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('follows').selectAll().execute()).toEqual([]);
  });

  it('refuses a vote for a work that is not an entry of the challenge, and a second vote', async () => {
    await migrateUpTo(db, '0010_community');
    await publish('w1');
    await db
      .insertInto('challenges')
      .values({
        id: 'c1',
        title: '春天',
        rules: '',
        submit_starts_at: T,
        submit_ends_at: T,
        vote_ends_at: T,
        entries_per_user: 3,
        cover_work_id: null,
        results_at: null,
        created_by: fan.userId,
        created_at: T,
      })
      .execute();
    const vote = { challenge_id: 'c1', work_id: 'w1', voter_id: fan.userId, created_at: T };
    await expect(db.insertInto('challenge_votes').values(vote).execute()).rejects.toThrow();
    await db
      .insertInto('challenge_entries')
      .values({ challenge_id: 'c1', work_id: 'w1', user_id: author.userId, votes: 0, rank: null, created_at: T })
      .execute();
    await db.insertInto('challenge_votes').values(vote).execute();
    await expect(db.insertInto('challenge_votes').values(vote).execute()).rejects.toThrow();
    const count = await sql<{ n: number }>`select count(*) as n from challenge_votes`.execute(db);
    expect(Number(count.rows[0]?.n)).toBe(1);
  });
});

/**
 * The together queries seek their indexes (SQLite's plan, whatever XIAOJIA_TEST_DATABASE says: the
 * assertions are about SQLite's planner) and answer only the home's rows: the feed's page and badge, its
 * grids' photos by primary key (not a walk of the home's photos: BENCHMARKS.md, "The activity feed"), a
 * photo's comments and likers, the grouping lookup, the message claim.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Db, migrateToLatest } from '../db/index.js';
import { addUser, insertPhotoRows, type Member, photoRow } from '../test/photo-rows.js';
import { planOfCall } from '../test/query-plan.js';
import { ActivitiesRepository } from './activities.js';
import { CommentsRepository } from './comments.js';
import { LikesRepository } from './likes.js';
import { NotifySubscriptionsRepository } from './notify-subscriptions.js';
import { PhotosRepository } from './photos.js';

const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();

describe('the together queries', () => {
  let db: Db;
  let mom: Member;
  let other: Member;
  let ids: string[];
  beforeEach(async () => {
    db = createDb({ kind: 'sqlite', file: ':memory:' });
    await migrateToLatest(db);
    mom = await addUser(db, 'mom');
    other = await addUser(db, 'other');
    const rows = Array.from({ length: 300 }, (_, i) =>
      photoRow(i % 2 ? other : mom, at(i), i % 10 === 4 ? at(i) : null),
    );
    await insertPhotoRows(db, rows);
    ids = rows.map((r) => r.id);
  });
  afterEach(async () => {
    await db.destroy();
  });

  it('looks the grid photos up by id, and only the home’s live ones come back', async () => {
    const photos = new PhotosRepository(db);
    expect(await planOfCall(db, (d) => new PhotosRepository(d).liveByIds(mom.homeId, ids.slice(0, 20)))).toBe(
      'SEARCH photos USING INDEX sqlite_autoindex_photos_1 (id=?)',
    );
    const found = await photos.liveByIds(mom.homeId, ids.slice(0, 20));
    // Even rows are mom's, every tenth from the fifth is trashed.
    expect(found.map((p) => p.id).sort()).toEqual(
      ids
        .slice(0, 20)
        .filter((_, i) => i % 2 === 0 && i % 10 !== 4)
        .sort(),
    );
  });

  it('pages the feed and counts the badge through activities_feed alone', async () => {
    const repo = (d: Db) => new ActivitiesRepository(d);
    expect(await planOfCall(db, (d) => repo(d).page(mom.homeId, 21))).toContain(
      'SEARCH activities USING INDEX activities_feed (home_id=?)',
    );
    expect(await planOfCall(db, (d) => repo(d).page(mom.homeId, 21, { sortAt: at(5), id: ids[0] ?? '' }))).toContain(
      'SEARCH activities USING INDEX activities_feed (home_id=? AND last_at<?)',
    );
    expect(await planOfCall(db, (d) => repo(d).unreadCount(mom.homeId, mom.userId, 100))).toContain(
      'SEARCH activities USING COVERING INDEX activities_feed (home_id=? AND last_at>?)',
    );
    expect(await planOfCall(db, (d) => repo(d).newestOf(mom.homeId, mom.userId, 'like'))).toContain(
      'SEARCH activities USING INDEX activities_actor (home_id=? AND actor_id=? AND kind=?)',
    );
  });

  it('claims message recipients within the home by primary key, each user by theirs', async () => {
    const plan = await planOfCall(db, (d) =>
      new NotifySubscriptionsRepository(d).claimRecipients(mom.homeId, mom.userId, at(9), at(0)),
    );
    expect(plan).toContain(
      'SEARCH notify_subscriptions USING INDEX sqlite_autoindex_notify_subscriptions_1 (home_id=?)',
    );
    expect(plan).toContain('SEARCH users USING INDEX sqlite_autoindex_users_1 (id=?)');
    expect(plan).not.toContain('SCAN');
  });

  it('reads a photo’s comments and likers through their indexes', async () => {
    const photo = ids[0] ?? '';
    expect(
      await planOfCall(db, (d) => new CommentsRepository(d).page(photo, 31, { sortAt: at(1), id: photo })),
    ).toContain('SEARCH photo_comments USING INDEX photo_comments_photo (photo_id=? AND created_at>?)');
    const likers = await planOfCall(db, (d) => new LikesRepository(d).likers(photo, 20));
    expect(likers).toContain('SEARCH photo_likes USING COVERING INDEX photo_likes_photo (photo_id=?)');
    expect(likers).not.toContain('TEMP B-TREE');
    expect(await planOfCall(db, (d) => new LikesRepository(d).deleteAllOf(mom.userId))).toContain(
      'SEARCH photo_likes USING COVERING INDEX photo_likes_user (user_id=?)',
    );
  });
});

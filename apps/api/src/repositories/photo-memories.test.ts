/**
 * The memories' queries on SQLite's planner: every year's part of the one statement seeks its own day in
 * photos_timeline (never a scan of the library), and the oldest photo is read off the same index's end.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Db, migrateToLatest } from '../db/index.js';
import { addUser, insertPhotoRows, type Member, photoRow } from '../test/photo-rows.js';
import { planOf, planOfCall, statementsOf } from '../test/query-plan.js';
import { PhotoMemoriesRepository } from './photo-memories.js';

const windows = Array.from({ length: 30 }, (_, i) => ({
  since: `${2025 - i}-06-14T16:00:00.000Z`,
  until: `${2025 - i}-06-15T16:00:00.000Z`,
}));

describe('PhotoMemoriesRepository query plans', () => {
  // SQLite whatever XIAOJIA_TEST_DATABASE says: the assertions are about SQLite's planner.
  let db: Db;
  let owner: Member;
  beforeEach(async () => {
    db = createDb({ kind: 'sqlite', file: ':memory:' });
    await migrateToLatest(db);
    owner = await addUser(db, 'owner');
    // No ANALYZE, as a self-hosted database runs: the plan must not depend on statistics.
    await insertPhotoRows(
      db,
      Array.from({ length: 2000 }, (_, i) =>
        photoRow(owner, new Date(Date.UTC(2000, 0, 1) + i * 5 * 86_400_000).toISOString()),
      ),
    );
  });
  afterEach(async () => {
    await db.destroy();
  });

  it('seeks each year’s day in photos_timeline, in one statement', async () => {
    const statements = await statementsOf(db, (d) =>
      new PhotoMemoriesRepository(d).inWindows(owner.homeId, windows, 6),
    );
    const [statement, ...more] = statements;
    expect(more).toEqual([]);
    if (!statement) throw new Error('no statement');
    const plan = await planOf(db, statement);
    expect(plan).not.toMatch(/SCAN photos\b/);
    const seeks = plan.match(
      /SEARCH photos USING INDEX photos_timeline \(home_id=\? AND deleted_at=\? AND sort_at>\? AND sort_at<\?\)/g,
    );
    expect(seeks).toHaveLength(windows.length);
  });

  it('reads the oldest photo off photos_timeline', async () => {
    const plan = await planOfCall(db, (d) => new PhotoMemoriesRepository(d).oldestSortAt(owner.homeId));
    expect(plan).toMatch(/SEARCH photos USING INDEX photos_timeline \(home_id=\? AND deleted_at=\?\)/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    expect(await new PhotoMemoriesRepository(db).oldestSortAt(owner.homeId)).toBe('2000-01-01T00:00:00.000Z');
  });
});

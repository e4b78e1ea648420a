/**
 * Day counts (photos.buckets) at the repository, on SQLite and (XIAOJIA_TEST_DATABASE=postgres)
 * PostgreSQL: a photo counts on the calendar day its instant falls on at the asked offset, as a device at
 * that offset groups its grid, across day, month and year ends and a leap day; only the scope's photos
 * count; and on SQLite the count reads the covering index alone.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Db, migrateToLatest } from '../db/index.js';
import { createTestDatabase, type TestDatabase } from '../test/deps.js';
import { addUser, insertPhotoRows, type Member, photoRow } from '../test/photo-rows.js';
import { planOfCall } from '../test/query-plan.js';
import { type DayCount, PhotoDaysRepository } from './photo-days.js';
import type { PhotoScope } from './photo-scope.js';

/** Instants either side of local midnights that end a year, a month and a leap day at +08:00, -05:00, +05:45. */
const INSTANTS = [
  '2023-12-31T15:59:59.999Z', // +08:00: 2023-12-31 23:59:59.999
  '2023-12-31T16:00:00.000Z', // +08:00: 2024-01-01 00:00
  '2024-01-01T04:59:59.999Z', // -05:00: 2023-12-31 23:59:59.999
  '2024-01-01T05:00:00.000Z', // -05:00: 2024-01-01 00:00
  '2024-02-28T18:14:59.999Z', // +05:45: 2024-02-28 23:59:59.999
  '2024-02-28T18:15:00.000Z', // +05:45: 2024-02-29 00:00, the leap day
  '2024-02-29T18:15:00.000Z', // +05:45: 2024-03-01 00:00
  '2024-03-01T04:59:59.999Z', // -05:00: 2024-02-29 23:59:59.999
  '2024-03-01T05:00:00.000Z', // -05:00: 2024-03-01 00:00
  '2024-04-30T16:00:00.000Z', // +08:00: 2024-05-01 00:00 (April everywhere west of it)
];

/** [day, count] pairs, newest first, as the repository answers them. */
const pairs = (rows: DayCount[]) => rows.map((r) => [r.day, r.count]);

/** The client's grouping: the calendar date of the instant on a clock `offset` minutes east of UTC. */
const localDayOf = (instant: string, offset: number) =>
  new Date(new Date(instant).getTime() + offset * 60_000).toISOString().slice(0, 10);

describe('PhotoDaysRepository.countsByDay', () => {
  let database: TestDatabase;
  let db: Db;
  let owner: Member;
  let other: Member;
  beforeEach(async () => {
    database = await createTestDatabase();
    db = createDb(database.database);
    await migrateToLatest(db);
    owner = await addUser(db, 'owner');
    other = await addUser(db, 'other');
  });
  afterEach(async () => {
    await db.destroy();
    await database.drop();
  });

  const counts = async (offset: number, scope: Partial<PhotoScope> = {}) =>
    pairs(await new PhotoDaysRepository(db).countsByDay({ homeId: owner.homeId, trashed: false, ...scope }, offset));

  it('counts each photo on its local day across year, month and leap-day ends, newest day first', async () => {
    await insertPhotoRows(
      db,
      INSTANTS.map((at) => photoRow(owner, at)),
    );
    expect(await counts(8 * 60)).toEqual([
      ['2024-05-01', 1],
      ['2024-03-01', 3],
      ['2024-02-29', 2],
      ['2024-01-01', 3],
      ['2023-12-31', 1],
    ]);
    expect(await counts(-5 * 60)).toEqual([
      ['2024-04-30', 1],
      ['2024-03-01', 1],
      ['2024-02-29', 2],
      ['2024-02-28', 2],
      ['2024-01-01', 1],
      ['2023-12-31', 3],
    ]);
    expect(await counts(5 * 60 + 45)).toEqual([
      ['2024-04-30', 1],
      ['2024-03-01', 3],
      ['2024-02-29', 1],
      ['2024-02-28', 1],
      ['2024-01-01', 2],
      ['2023-12-31', 2],
    ]);
  });

  it('agrees with the local date of each instant at every kind of offset, ±14:00 included', async () => {
    // Around midnights UTC and at odd minutes, so that every offset moves some of them to another day.
    const instants = Array.from({ length: 60 }, (_, i) =>
      new Date(Date.UTC(2023, 11, 31) + (i - 30) * 47 * 60_000 + i * 997).toISOString(),
    );
    await insertPhotoRows(
      db,
      instants.map((at) => photoRow(owner, at)),
    );
    for (const offset of [-840, -720, -570, -300, -1, 0, 1, 330, 345, 480, 525, 765, 840]) {
      const expected = new Map<string, number>();
      for (const at of instants) expected.set(localDayOf(at, offset), (expected.get(localDayOf(at, offset)) ?? 0) + 1);
      const want = [...expected].sort(([a], [b]) => b.localeCompare(a));
      expect([offset, await counts(offset)]).toEqual([offset, want]);
    }
  });

  it("counts only the scope's photos: not the trash, not photos being purged, not another home's", async () => {
    const day = '2024-06-01T04:00:00.000Z';
    const mine = photoRow(owner, day);
    const someoneElses = { ...photoRow(owner, day), uploader_id: other.userId };
    await db
      .insertInto('home_members')
      .values({ home_id: owner.homeId, user_id: other.userId, role: 'member', joined_at: day })
      .execute();
    await insertPhotoRows(db, [
      mine,
      someoneElses,
      photoRow(owner, day, '2024-06-02T00:00:00.000Z'),
      { ...photoRow(owner, day), purge_requested_at: day },
      photoRow(other, day),
    ]);
    expect(await counts(0)).toEqual([['2024-06-01', 2]]);
    expect(await counts(0, { uploaderId: owner.userId })).toEqual([['2024-06-01', 1]]);
    expect(await counts(0, { trashed: true })).toEqual([['2024-06-01', 1]]);
    expect(await new PhotoDaysRepository(db).countsByDay({ homeId: other.homeId, trashed: false }, 0)).toEqual([
      { day: '2024-06-01', count: 1 },
    ]);
  });
});

describe('PhotoDaysRepository query plan', () => {
  // SQLite whatever XIAOJIA_TEST_DATABASE says: the assertions are about SQLite's planner.
  let db: Db;
  afterEach(async () => {
    await db.destroy();
  });

  it('reads the covering index photos_day_counts alone, for the home and for one uploader', async () => {
    db = createDb({ kind: 'sqlite', file: ':memory:' });
    await migrateToLatest(db);
    const owner = await addUser(db, 'owner');
    const plan = (scope: Partial<PhotoScope>) =>
      planOfCall(db, (d) =>
        new PhotoDaysRepository(d).countsByDay({ homeId: owner.homeId, trashed: false, ...scope }, 480),
      );
    expect(await plan({})).toMatch(
      /SEARCH photos USING COVERING INDEX photos_day_counts \(home_id=\? AND deleted_at=\? AND purge_requested_at=\?\)/,
    );
    expect(await plan({ uploaderId: owner.userId })).toMatch(
      /SEARCH photos USING COVERING INDEX photos_day_counts \(home_id=\? AND deleted_at=\? AND purge_requested_at=\? AND uploader_id=\?\)/,
    );
  });
});

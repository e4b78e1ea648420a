/**
 * Keyset pagination at the repository: every photo once, in order, ties on sort_at included; and the
 * cursor conditions seek into photos_timeline (by SQLite's query plan), so a page deep in a large library
 * costs what the first one does (bench/ measures it: BENCHMARKS.md, 2a–2c).
 */
import type { CompiledQuery } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Db, migrateToLatest } from '../db/index.js';
import type { PhotosTable } from '../db/schema.js';
import { addUser, insertPhotoRows, type Member, photoRow as photo } from '../test/photo-rows.js';
import { planOf, planOfCall, statementsOf } from '../test/query-plan.js';
import { type Keyset, type PhotoScope, PhotosRepository, type SortWindow } from './photos.js';

const NOW = '2026-01-01T00:00:00.000Z';

/** Every id of the list, following the cursor 7 at a time. */
async function walk(repo: PhotosRepository, scope: PhotoScope, window?: SortWindow): Promise<string[]> {
  const seen: string[] = [];
  let after: Keyset | undefined;
  for (;;) {
    const rows = await repo.page(scope, 7, after, window);
    seen.push(...rows.map((r) => r.id));
    const last = rows.at(-1);
    if (rows.length < 7 || !last) return seen;
    after = { sortAt: last.sort_at, id: last.id };
  }
}

describe('PhotosRepository keyset pages', () => {
  // SQLite whatever XIAOJIA_TEST_DATABASE says: the plan assertions are about SQLite's planner.
  let db: Db;
  let owner: Member;
  let live: PhotosTable[];

  beforeEach(async () => {
    db = createDb({ kind: 'sqlite', file: ':memory:' });
    await migrateToLatest(db);
    owner = await addUser(db, 'owner');
    const other = await addUser(db, 'other');
    const rows: PhotosTable[] = [];
    for (let i = 0; i < 600; i++) {
      // Every timestamp three times: ties are broken by id.
      const sortAt = new Date(Date.UTC(2020, 0, 1) + Math.floor(i / 3) * 60_000).toISOString();
      rows.push(photo(owner, sortAt, i % 50 === 0 ? NOW : null), photo(other, sortAt));
    }
    await insertPhotoRows(db, rows);
    live = rows
      .filter((p) => p.home_id === owner.homeId && p.deleted_at === null)
      .sort((a, b) => (a.sort_at === b.sort_at ? b.id.localeCompare(a.id) : b.sort_at.localeCompare(a.sort_at)));
  });

  afterEach(async () => {
    await db.destroy();
  });

  it('walks the timeline once, newest first, ties by id, and neighbours agree', async () => {
    const repo = new PhotosRepository(db);
    const scope = { homeId: owner.homeId, trashed: false };
    expect(await walk(repo, scope)).toEqual(live.map((p) => p.id));

    for (const index of [0, 1, 2, 301, live.length - 1]) {
      const at = live[index] as PhotosTable;
      const around = await repo.neighbours(scope, { sortAt: at.sort_at, id: at.id });
      expect(around).toEqual({ prevId: live[index - 1]?.id ?? null, nextId: live[index + 1]?.id ?? null });
    }
  });

  it('seeks into photos_timeline after a cursor instead of scanning from the newest photo', async () => {
    const repo = new PhotosRepository(db);
    const scope = { homeId: owner.homeId, trashed: false };
    const at = live[400] as PhotosTable;
    const keyset = { sortAt: at.sort_at, id: at.id };

    const [page] = await statementsOf(db, (d) => new PhotosRepository(d).page(scope, 101, keyset));
    const pagePlan = await planOf(db, page as CompiledQuery);
    expect(pagePlan).toMatch(/USING INDEX photos_timeline \(home_id=\? AND deleted_at=\? AND sort_at<\?\)/);
    expect(pagePlan).not.toMatch(/TEMP B-TREE/);

    // neighbours: one seek each way.
    const plans = await Promise.all(
      (await statementsOf(db, (d) => new PhotosRepository(d).neighbours(scope, keyset))).map((q) => planOf(db, q)),
    );
    expect(plans).toHaveLength(2);
    expect(plans.some((p) => /photos_timeline \(home_id=\? AND deleted_at=\? AND sort_at>\?\)/.test(p))).toBe(true);
    expect(plans.some((p) => /photos_timeline \(home_id=\? AND deleted_at=\? AND sort_at<\?\)/.test(p))).toBe(true);
    for (const plan of plans) expect(plan).not.toMatch(/TEMP B-TREE/);
    expect((await repo.page(scope, 5, keyset)).map((p) => p.id)).toEqual(live.slice(401, 406).map((p) => p.id));
  });

  // The owner's photos span 2020-01-01 00:00–03:19 UTC, three a minute.
  const window = { since: '2020-01-01T01:00:00.000Z', until: '2020-01-01T02:00:00.000Z' };
  const inWindow = () => live.filter((p) => p.sort_at >= window.since && p.sort_at < window.until);

  it('pages a since/until window once, in order, with the cursor; a cursor outside it is bounded by it', async () => {
    const repo = new PhotosRepository(db);
    const scope = { homeId: owner.homeId, trashed: false };
    const expected = inWindow().map((p) => p.id);
    expect(expected.length).toBeGreaterThan(100);
    expect(await walk(repo, scope, window)).toEqual(expected);

    const ids = async (after: Keyset, limit = 3) => (await repo.page(scope, limit, after, window)).map((p) => p.id);
    const newest = live[0] as PhotosTable;
    // A cursor newer than the window (a page of the whole timeline): the window's first photos.
    expect(await ids({ sortAt: newest.sort_at, id: newest.id })).toEqual(expected.slice(0, 3));
    // A cursor exactly at `until` must not let in the photos taken at that instant.
    expect(await ids({ sortAt: window.until, id: 'ffffffff' })).toEqual(expected.slice(0, 3));
    // A cursor older than the window: nothing.
    expect(await ids({ sortAt: '2020-01-01T00:30:00.000Z', id: 'ffffffff' })).toEqual([]);
    // Each bound alone.
    expect((await repo.page(scope, 1000, undefined, { until: window.until })).length).toBe(
      live.filter((p) => p.sort_at < window.until).length,
    );
    expect((await repo.page(scope, 1000, undefined, { since: window.since })).length).toBe(
      live.filter((p) => p.sort_at >= window.since).length,
    );
  });

  it('a window seeks into the timeline index at its end, with or without a cursor, in each scope', async () => {
    const scope = { homeId: owner.homeId, trashed: false };
    const middle = inWindow()[50] as PhotosTable;
    const cursor = { sortAt: middle.sort_at, id: middle.id };
    const plan = (
      s: typeof scope & { uploaderId?: string },
      after?: Keyset,
      w: typeof window | { until: string } = window,
    ) => planOfCall(db, (d) => new PhotosRepository(d).page(s, 101, after, w));

    const untilOnly = await plan(scope, undefined, { until: window.until });
    expect(untilOnly).toMatch(/USING INDEX photos_timeline \(home_id=\? AND deleted_at=\? AND sort_at<\?\)/);
    for (const p of [await plan(scope), await plan(scope, cursor)]) {
      expect(p).toMatch(/USING INDEX photos_timeline \(home_id=\? AND deleted_at=\? AND sort_at>\? AND sort_at<\?\)/);
      expect(p).not.toMatch(/TEMP B-TREE/);
    }
    // "Only mine" keeps its own index (photos_day_counts, made for counting, must not take it over).
    const mine = await plan({ ...scope, uploaderId: owner.userId }, cursor);
    expect(mine).toMatch(
      /USING INDEX photos_uploader_timeline \(home_id=\? AND uploader_id=\? AND deleted_at=\? AND sort_at>\? AND sort_at<\?\)/,
    );
    expect(mine).not.toMatch(/TEMP B-TREE/);
  });
});

describe('PhotosRepository.byEtags', () => {
  let db: Db;
  afterEach(async () => {
    await db.destroy();
  });

  it("answers each etag with the home's oldest photo of that content, none of another home's, none being purged", async () => {
    db = createDb({ kind: 'sqlite', file: ':memory:' });
    await migrateToLatest(db);
    const owner = await addUser(db, 'owner');
    const other = await addUser(db, 'other');
    const older = { ...photo(owner, NOW), etag: 'same', created_at: '2025-01-01T00:00:00.000Z' };
    const newer = { ...photo(owner, NOW, NOW), etag: 'same', created_at: '2025-06-01T00:00:00.000Z' };
    const purging = { ...photo(owner, NOW), etag: 'purging', purge_requested_at: NOW };
    const theirs = { ...photo(other, NOW), etag: 'theirs' };
    const single = { ...photo(owner, NOW), etag: 'single' };
    await db.insertInto('photos').values([newer, older, purging, theirs, single]).execute();

    const viewer = { userId: owner.userId, seesAllTrash: true };
    const found = await new PhotosRepository(db).byEtags(
      owner.homeId,
      ['same', 'purging', 'theirs', 'single', 'same', 'none'],
      viewer,
      { claims: false },
    );
    expect(Object.fromEntries([...found].map(([etag, p]) => [etag, p.id]))).toEqual({
      same: older.id,
      single: single.id,
    });
    expect((await new PhotosRepository(db).byEtags(owner.homeId, [], viewer, { claims: false })).size).toBe(0);
  });

  it('matches a device’s claimed qetag only on the viewer’s own uploads, and trashed photos only where the viewer sees the trash', async () => {
    db = createDb({ kind: 'sqlite', file: ':memory:' });
    await migrateToLatest(db);
    const owner = await addUser(db, 'owner');
    const dad = await addUser(db, 'dad');
    const claimedByDad = { ...photo(owner, NOW), uploader_id: dad.userId, etag: 'md5-a', qetag: 'claim' };
    const claimedByOwner = { ...photo(owner, NOW), etag: 'md5-b', qetag: 'mine' };
    const trashedByDad = { ...photo(owner, NOW), uploader_id: dad.userId, etag: 'trashed', deleted_at: NOW };
    await db.insertInto('photos').values([claimedByDad, claimedByOwner, trashedByDad]).execute();
    const repo = new PhotosRepository(db);
    const ids = (found: Map<string, { id: string }>) => Object.fromEntries([...found].map(([h, p]) => [h, p.id]));
    const hashes = ['claim', 'mine', 'trashed', 'md5-a'];
    const asDad = { userId: dad.userId, seesAllTrash: false };
    const asMember = { userId: owner.userId, seesAllTrash: false };
    expect(ids(await repo.byEtags(owner.homeId, hashes, asDad, { claims: true }))).toEqual({
      claim: claimedByDad.id,
      trashed: trashedByDad.id,
      'md5-a': claimedByDad.id,
    });
    expect(ids(await repo.byEtags(owner.homeId, hashes, asMember, { claims: true }))).toEqual({
      mine: claimedByOwner.id,
      'md5-a': claimedByDad.id,
    });
    expect(ids(await repo.byEtags(owner.homeId, hashes, asMember, { claims: false }))).toEqual({
      'md5-a': claimedByDad.id,
    });
    expect(
      ids(await repo.byEtags(owner.homeId, hashes, { ...asMember, seesAllTrash: true }, { claims: false })),
    ).toEqual({
      trashed: trashedByDad.id,
      'md5-a': claimedByDad.id,
    });
  });
});

/**
 * Keyset pagination at the repository: every photo once, in order, ties on sort_at included; and the
 * cursor conditions seek into photos_timeline (by SQLite's query plan), so a page deep in a large library
 * costs what the first one does (bench/ measures it: BENCHMARKS.md, 2a–2c).
 */
import { CompiledQuery } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Db, migrateToLatest } from '../db/index.js';
import type { PhotosTable } from '../db/schema.js';
import { newId } from '../integrations/ids.js';
import { type Keyset, PhotosRepository } from './photos.js';

const NOW = '2026-01-01T00:00:00.000Z';

/** A user and the home they own, as sign-up makes them. */
interface Member {
  userId: string;
  homeId: string;
}

async function addUser(db: Db, name: string): Promise<Member> {
  const id = newId();
  const homeId = newId();
  await db
    .insertInto('users')
    .values({
      id,
      username: name,
      display_name: name,
      password_hash: null,
      wechat_openid: null,
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
  await db
    .insertInto('homes')
    .values({
      id: homeId,
      name: `${name}的家`,
      members_can_invite: 0,
      created_at: NOW,
      updated_at: NOW,
      deleting_at: null,
    })
    .execute();
  await db.insertInto('home_members').values({ home_id: homeId, user_id: id, role: 'owner', joined_at: NOW }).execute();
  return { userId: id, homeId };
}

function photo(member: Member, sortAt: string, deletedAt: string | null = null): PhotosTable {
  const id = newId();
  return {
    id,
    home_id: member.homeId,
    uploader_id: member.userId,
    binding_id: null,
    object_key: `h/${member.homeId}/${id}.jpg`,
    filename: 'p.jpg',
    etag: `etag-${id}`,
    size: 1,
    mime: 'image/jpeg',
    width: null,
    height: null,
    taken_at: sortAt,
    created_at: NOW,
    sort_at: sortAt,
    deleted_at: deletedAt,
    purge_requested_at: null,
    purge_attempts: 0,
    purge_error: null,
  };
}

/** The statements `action` issues, compiled as they ran. */
async function statementsOf(db: Db, action: (db: Db) => Promise<unknown>): Promise<CompiledQuery[]> {
  const seen: CompiledQuery[] = [];
  await action(
    db.withPlugin({
      transformQuery(args) {
        seen.push(db.getExecutor().compileQuery(args.node, args.queryId));
        return args.node;
      },
      async transformResult(args) {
        return args.result;
      },
    }),
  );
  return seen;
}

async function planOf(db: Db, query: CompiledQuery): Promise<string> {
  const result = await db.executeQuery<{ detail: string }>(
    CompiledQuery.raw(`EXPLAIN QUERY PLAN ${query.sql}`, [...query.parameters]),
  );
  return result.rows.map((r) => r.detail).join('\n');
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
    for (let i = 0; i < rows.length; i += 200)
      await db
        .insertInto('photos')
        .values(rows.slice(i, i + 200))
        .execute();
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
    const seen: string[] = [];
    let after: Keyset | undefined;
    for (;;) {
      const rows = await repo.page(scope, 7, after);
      seen.push(...rows.map((r) => r.id));
      const last = rows.at(-1);
      if (rows.length < 7 || !last) break;
      after = { sortAt: last.sort_at, id: last.id };
    }
    expect(seen).toEqual(live.map((p) => p.id));

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

    const found = await new PhotosRepository(db).byEtags(owner.homeId, [
      'same',
      'purging',
      'theirs',
      'single',
      'same',
      'none',
    ]);
    expect(Object.fromEntries([...found].map(([etag, p]) => [etag, p.id]))).toEqual({
      same: older.id,
      single: single.id,
    });
    expect((await new PhotosRepository(db).byEtags(owner.homeId, [])).size).toBe(0);
  });
});

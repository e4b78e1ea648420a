import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withStatementCache } from './index.js';

describe('withStatementCache', () => {
  const opened: SQLite.Database[] = [];
  function open() {
    const sqlite = new SQLite(':memory:');
    opened.push(sqlite);
    return sqlite;
  }
  afterEach(() => {
    for (const sqlite of opened.splice(0)) if (sqlite.open) sqlite.close();
  });

  it('prepares each SQL text once and hands the same statement back', () => {
    const sqlite = open();
    const prepare = vi.spyOn(sqlite, 'prepare');
    const db = withStatementCache(sqlite);
    const first = db.prepare('select 1 as one');
    expect(db.prepare('select 1 as one')).toBe(first);
    db.prepare('select 2 as two');
    expect(prepare).toHaveBeenCalledTimes(2);
  });

  it('forgets the least recently used statement beyond its size', () => {
    const sqlite = open();
    const prepare = vi.spyOn(sqlite, 'prepare');
    const db = withStatementCache(sqlite, 2);
    const a = db.prepare('select 1');
    db.prepare('select 2');
    expect(db.prepare('select 1')).toBe(a); // a is now the most recent
    db.prepare('select 3'); // evicts "select 2"
    expect(db.prepare('select 1')).toBe(a);
    db.prepare('select 2');
    expect(prepare.mock.calls.map(([text]) => text)).toEqual(['select 1', 'select 2', 'select 3', 'select 2']);
  });

  it('serves Kysely reads and writes correctly, also after the schema changed under a cached statement', async () => {
    const sqlite = open();
    const db = new Kysely<{ t: { id: number; name: string; extra?: string | null } }>({
      dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    });
    await sql`create table t (id integer primary key, name text not null)`.execute(db);
    const insert = (id: number, name: string) => db.insertInto('t').values({ id, name }).execute();
    const names = () =>
      db
        .selectFrom('t')
        .selectAll()
        .orderBy('id')
        .execute()
        .then((rows) => rows.map((row) => row.name));
    await insert(1, 'a');
    await insert(2, 'b');
    expect(await names()).toEqual(['a', 'b']);
    await sql`alter table t add column extra text`.execute(db);
    await insert(3, 'c');
    expect(await db.selectFrom('t').selectAll().where('id', '=', 3).executeTakeFirst()).toEqual({
      id: 3,
      name: 'c',
      extra: null,
    });
    expect(await names()).toEqual(['a', 'b', 'c']);
    // The cached `select *` sees the new column too.
    expect((await db.selectFrom('t').selectAll().orderBy('id').execute())[0]).toEqual({
      id: 1,
      name: 'a',
      extra: null,
    });
    await db.destroy();
    expect(sqlite.open).toBe(false);
  });
});

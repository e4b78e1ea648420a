/**
 * Migration 0016 on a database 0015 made, with read marks in it: each mark becomes the position just before
 * the first message written after it (what was read stays read, what was not stays unread), or the
 * conversation's last_seq when nothing came after; and the migration can be undone and done again. On
 * SQLite and (XIAOJIA_TEST_DATABASE=postgres) PostgreSQL.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/deps.js';
import { addUser } from '../test/photo-rows.js';
import { migrateUpTo } from '../test/schema.js';
import { createDb, type Db } from './index.js';

const at = (minute: number) => `2026-01-02T03:${String(minute).padStart(2, '0')}:00.000Z`;

describe('migration 0016: read positions', () => {
  let test: TestDatabase;
  let db: Db;
  beforeEach(async () => {
    test = await createTestDatabase();
    db = createDb(test.database);
    await migrateUpTo(db, '0015_work_snapshots');
  });
  afterEach(async () => {
    await db.destroy();
    await test.drop();
  });

  it('turns read times into positions, and undoes cleanly', async () => {
    const [a, b, c] = [await addUser(db, 'a'), await addUser(db, 'b'), await addUser(db, 'c')];
    const conversation = (id: string, low: string, high: string, lastSeq: number) =>
      sql`insert into conversations (id, user_low, user_high, status, requested_by, created_at, last_message_at, last_seq)
          values (${id}, ${low}, ${high}, 'active', ${low}, ${at(0)}, ${at(9)}, ${lastSeq})`.execute(db);
    await conversation('c1', a.userId, b.userId, 7);
    await conversation('c2', a.userId, c.userId, 5);
    const message = (id: string, conv: string, sender: string, minute: number, seq: number) =>
      sql`insert into messages (id, conversation_id, sender_id, text, status, created_at, shown_seq)
          values (${id}, ${conv}, ${sender}, 'hi', 'visible', ${at(minute)}, ${seq})`.execute(db);
    await message('m1', 'c1', a.userId, 1, 1);
    await message('m2', 'c1', a.userId, 2, 3);
    await message('m3', 'c1', a.userId, 4, 6);
    await message('m4', 'c1', a.userId, 5, 7);
    await message('m5', 'c2', c.userId, 1, 5);
    const read = (conv: string, user: string, minute: number) =>
      sql`insert into conversation_reads (conversation_id, user_id, last_read_at)
          values (${conv}, ${user}, ${at(minute)})`.execute(db);
    await read('c1', b.userId, 3); // read m1, m2; m3 (seq 6) and m4 came after
    await read('c2', a.userId, 8); // read everything

    expect(await migrateUpTo(db, '0016_read_positions')).toEqual(['0016_read_positions']);
    const marks = await sql<{ conversation_id: string; last_read_seq: number }>`
      select conversation_id, last_read_seq from conversation_reads order by conversation_id`.execute(db);
    expect(marks.rows.map((r) => [r.conversation_id, Number(r.last_read_seq)])).toEqual([
      ['c1', 5],
      ['c2', 5],
    ]);

    await migrateUpTo(db, '0015_work_snapshots');
    const columns = (await db.introspection.getTables()).find((t) => t.name === 'conversation_reads')?.columns;
    expect(columns?.map((col) => col.name)).not.toContain('last_read_seq');
    expect(await migrateUpTo(db, '0016_read_positions')).toEqual(['0016_read_positions']);
  });
});

/**
 * Migration 0014 on a database 0013 made, with messages in it: they are numbered in (created_at, id) order
 * whatever their ids, each conversation's last_seq is its greatest, the counter continues after them, the
 * indexes appear, and the migration can be undone and done again. On SQLite and
 * (XIAOJIA_TEST_DATABASE=postgres) PostgreSQL.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/deps.js';
import { addUser } from '../test/photo-rows.js';
import { indexesOf, migrateUpTo } from '../test/schema.js';
import { createDb, type Db } from './index.js';

const at = (minute: number) => `2026-01-02T03:${String(minute).padStart(2, '0')}:00.000Z`;

describe('migration 0014: shown positions', () => {
  let test: TestDatabase;
  let db: Db;
  beforeEach(async () => {
    test = await createTestDatabase();
    db = createDb(test.database);
    await migrateUpTo(db, '0013_community_safety');
  });
  afterEach(async () => {
    await db.destroy();
    await test.drop();
  });

  it('numbers existing messages by time, keeps last_seq per conversation, and undoes cleanly', async () => {
    const [a, b, c] = [await addUser(db, 'a'), await addUser(db, 'b'), await addUser(db, 'c')];
    const conversation = (id: string, low: string, high: string) =>
      sql`insert into conversations (id, user_low, user_high, status, requested_by, created_at, last_message_at)
          values (${id}, ${low}, ${high}, 'active', ${low}, ${at(0)}, ${at(9)})`.execute(db);
    await conversation('c1', a.userId, b.userId);
    await conversation('c2', a.userId, c.userId);
    const message = (id: string, conv: string, sender: string, minute: number) =>
      sql`insert into messages (id, conversation_id, sender_id, text, status, created_at)
          values (${id}, ${conv}, ${sender}, 'hi', 'visible', ${at(minute)})`.execute(db);
    // Ids out of time order: the numbering follows created_at.
    await message('m-z', 'c1', a.userId, 1);
    await message('m-a', 'c2', c.userId, 2);
    await message('m-m', 'c1', b.userId, 3);

    expect(await migrateUpTo(db, '0014_community_positions')).toEqual(['0014_community_positions']);
    const seqs = await sql<{ id: string; shown_seq: number }>`select id, shown_seq from messages order by id`.execute(
      db,
    );
    expect(seqs.rows.map((r) => [r.id, Number(r.shown_seq)])).toEqual([
      ['m-a', 2],
      ['m-m', 3],
      ['m-z', 1],
    ]);
    const last = await sql<{
      id: string;
      last_seq: number;
    }>`select id, last_seq from conversations order by id`.execute(db);
    expect(last.rows.map((r) => [r.id, Number(r.last_seq)])).toEqual([
      ['c1', 3],
      ['c2', 2],
    ]);
    const counter = await sql<{
      value: number;
    }>`select value from community_counters where name = 'message_shown'`.execute(db);
    expect(counter.rows.map((r) => Number(r.value))).toEqual([3]);
    expect(await indexesOf(db, 'messages')).toContain('messages_shown');
    expect(await indexesOf(db, 'conversations')).toEqual(
      expect.arrayContaining(['conversations_low_seq', 'conversations_high_seq']),
    );
    expect(await indexesOf(db, 'works')).toContain('works_mine');

    await migrateUpTo(db, '0013_community_safety');
    expect(await indexesOf(db, 'messages')).not.toContain('messages_shown');
    expect(await migrateUpTo(db, '0014_community_positions')).toEqual(['0014_community_positions']);
  });

  it('starts the counter at 0 on a database without messages', async () => {
    await migrateUpTo(db, '0014_community_positions');
    const counter = await sql<{ value: number }>`select value from community_counters`.execute(db);
    expect(counter.rows.map((r) => Number(r.value))).toEqual([0]);
  });
});

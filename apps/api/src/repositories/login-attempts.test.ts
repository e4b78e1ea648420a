import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Db, migrateToLatest } from '../db/index.js';
import { newId } from '../integrations/ids.js';
import { createTestDatabase, type TestDatabase } from '../test/deps.js';
import { LoginAttemptsRepository } from './login-attempts.js';

const require = createRequire(import.meta.url);
const rule = { maxFailures: 5, windowStart: '2026-01-01T00:00:00.000Z' };
const at = '2026-01-01T00:10:00.000Z';

const HOLD_MS = 400;

/**
 * What a competing instance in the middle of its own reservation holds, for HOLD_MS: on PostgreSQL the
 * per-account advisory lock, on SQLite the write lock (from another process: better-sqlite3 waits for a
 * lock synchronously, so a holder in this process could never let go). Resolves once the lock is held.
 */
async function holdReservationLock(database: TestDatabase['database'], account: string): Promise<void> {
  if (database.kind === 'postgres') {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`xiaojia.login:${account}`]);
    setTimeout(() => {
      void client.query('COMMIT').finally(() => client.end());
    }, HOLD_MS);
    return;
  }
  const script = `
    const db = new (require(${JSON.stringify(require.resolve('better-sqlite3'))}))(${JSON.stringify(database.file)});
    db.exec('BEGIN IMMEDIATE');
    console.log('held');
    setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${HOLD_MS});`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await once(child.stdout, 'data');
}

describe('login attempts: the reservation under concurrency', () => {
  let dir: string;
  let shared: TestDatabase;
  const dbs: Db[] = [];
  let repos: LoginAttemptsRepository[];

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'xiaojia-attempts-'));
    // A file, not :memory:, so SQLite's connections share it as PostgreSQL's pools share one database.
    shared = await createTestDatabase(path.join(dir, 'attempts.db'));
    // Two "instances", each with its own connections.
    dbs.push(createDb(shared.database), createDb(shared.database));
    await migrateToLatest(dbs[0] as Db);
    await Promise.all(dbs.flatMap((db) => Array.from({ length: 4 }, () => sql`select 1`.execute(db))));
    repos = dbs.map((db) => new LoginAttemptsRepository(db));
  });
  afterEach(async () => {
    for (const db of dbs.splice(0)) await db.destroy();
    await shared.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const reserveMany = (count: number, account: string) =>
    Promise.all(
      Array.from({ length: count }, (_, i) =>
        (repos[i % repos.length] as LoginAttemptsRepository).reserve({ id: newId(), account, at }, rule),
      ),
    );

  it('admits exactly the limit when many reservations for one account race on several connections', async () => {
    const results = await reserveMany(40, 'racer');
    expect(results.filter(Boolean)).toHaveLength(5);
    expect(await repos[0]?.failureTimes('racer', rule.windowStart)).toHaveLength(5);
  });

  it('waits while another instance holds the account, so nobody counts from a stale number', async () => {
    await holdReservationLock(shared.database, 'held');
    const started = Date.now();
    const results = await reserveMany(8, 'held');
    expect(Date.now() - started).toBeGreaterThanOrEqual(HOLD_MS - 100);
    expect(results.filter(Boolean)).toHaveLength(5);
  });
});

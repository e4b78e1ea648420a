import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/deps.js';
import { createDb, migrateToLatest, pendingMigrations } from './index.js';
import { migrationProvider } from './migrations/index.js';

const apiRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `xiaojia migrate` in its own process (from source, through tsx), as an instance starting would. */
function migrateInProcess(database: TestDatabase['database'], dataDir: string): Promise<string> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '',
    XIAOJIA_DATA_DIR: dataDir,
    DATABASE_URL: database.kind === 'postgres' ? database.url : database.file,
  };
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', 'migrate'],
      { cwd: apiRoot, env },
      (error, out, err) => (error ? reject(new Error(`migrate failed: ${err || error.message}`)) : resolve(out.trim())),
    );
  });
}

describe('migrations', () => {
  let dir: string;
  let shared: TestDatabase;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'xiaojia-migrate-'));
    shared = await createTestDatabase(path.join(dir, 'xiaojia.db'));
  });
  afterEach(async () => {
    await shared.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('apply once when several instances start at the same moment', async () => {
    const outputs = await Promise.all(Array.from({ length: 4 }, () => migrateInProcess(shared.database, dir)));
    expect(outputs.filter((o) => o.startsWith('applied: 0001_init'))).toHaveLength(1);
    expect(outputs.filter((o) => o === 'database is up to date')).toHaveLength(3);
    const db = createDb(shared.database);
    try {
      expect(await pendingMigrations(db)).toEqual([]);
      expect(await migrateToLatest(db)).toEqual([]);
      const { rows } = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(db);
      // Each known migration recorded once.
      expect(Number(rows[0]?.n)).toBe(Object.keys(await migrationProvider.getMigrations()).length);
    } finally {
      await db.destroy();
    }
  }, 60_000);
});

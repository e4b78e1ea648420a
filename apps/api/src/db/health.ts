/** The database's own diagnostics (xiaojia doctor): no table is read here, only the engine's checks. */
import { sql } from 'kysely';
import type { Db } from './index.js';

/** PostgreSQL's `version()` up to the first comma, e.g. "PostgreSQL 15.8 (Debian 15.8-0+deb12u1) on x86_64-pc-linux-gnu". */
export async function postgresVersion(db: Db): Promise<string | undefined> {
  const { rows } = await sql<{ version: string }>`select version() as version`.execute(db);
  return rows[0]?.version.split(',')[0];
}

/** SQLite's `integrity_check` findings (none when the file is sound) and how many foreign keys dangle. */
export async function sqliteIntegrity(db: Db): Promise<{ problems: string[]; foreignKeyViolations: number }> {
  const result = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
  const fk = await sql`pragma foreign_key_check`.execute(db);
  return {
    problems: result.rows.map((r) => r.integrity_check).filter((r) => r !== 'ok'),
    foreignKeyViolations: fk.rows.length,
  };
}

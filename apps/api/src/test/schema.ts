/** What a migration test asks of the database it migrated, on SQLite and PostgreSQL alike. */
import { Migrator, sql } from 'kysely';
import { type Db, dialectOf } from '../db/index.js';
import { migrationProvider } from '../db/migrations/index.js';

/** The names of a table's indexes. */
export async function indexesOf(db: Db, table: string): Promise<string[]> {
  const query =
    dialectOf(db) === 'postgres'
      ? sql<{ name: string }>`select indexname as name from pg_indexes where tablename = ${table}`
      : sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = ${table}`;
  return (await query.execute(db)).rows.map((r) => r.name);
}

export const tableNames = async (db: Db) => (await db.introspection.getTables()).map((t) => t.name);

/** Migrates to exactly `name`, up or down (later migrations have their own tests); the names it applied. */
export async function migrateUpTo(db: Db, name: string): Promise<string[]> {
  const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateTo(name);
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

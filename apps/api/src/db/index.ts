import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  Kysely,
  Migrator,
  PostgresAdapter,
  PostgresDialect,
  SqliteAdapter,
  type SqliteDatabase,
  SqliteDialect,
  SqliteDriver,
} from 'kysely';
import type pg from 'pg';
import type { Config } from '../config.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

/**
 * Runs `work` in a transaction: a new one, or the caller's when `db` already is one (Kysely cannot nest
 * them), so a repository method that needs one also works as part of a bigger one.
 */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

export type DbDialect = 'sqlite' | 'postgres';

/** Which engine a Kysely instance (or transaction) talks to, for the few queries spelled per dialect. */
export function dialectOf(db: Kysely<Database>): DbDialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** PostgreSQL type OIDs the app reads: int8 (COUNT(*), bigint columns) and numeric. */
const PG_INT8 = 20;
const PG_NUMERIC = 1700;

/**
 * int8 and numeric arrive from pg as strings (they may not fit a JS number). Every such value here is a
 * byte size or a count, far below 2^53, so they become numbers; one that does not fit stays a string
 * rather than being silently rounded.
 */
function parseBigNumber(text: string): number | string {
  const n = Number(text);
  return Number.isSafeInteger(n) || (!Number.isInteger(n) && Number.isFinite(n)) ? n : text;
}

/**
 * `pg`, loaded only for a PostgreSQL DATABASE_URL: it is about 140 ms of a SQLite server's cold start
 * (BENCHMARKS.md, 5a). createDb stays synchronous, hence require rather than import().
 */
export function loadPg(): typeof pg {
  return createRequire(import.meta.url)('pg') as typeof pg;
}

function pgTypes(driver: typeof pg): pg.CustomTypesConfig {
  return {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === PG_INT8 || oid === PG_NUMERIC) return parseBigNumber;
      return format === 'binary' ? driver.types.getTypeParser(oid, 'binary') : driver.types.getTypeParser(oid, 'text');
    },
  } as pg.CustomTypesConfig;
}

export interface CreateDbOptions {
  /** Connections per instance (PostgreSQL); overrides the config's. Default 10. */
  poolSize?: number | undefined;
}

function createPostgresDb(url: string, options: CreateDbOptions): Db {
  const driver = loadPg();
  const pool = new driver.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    types: pgTypes(driver),
    // A connection that cannot be made fails the request instead of queueing it forever.
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** How many distinct SQL texts keep their prepared statement; the app issues a few dozen shapes. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * better-sqlite3 for Kysely, with prepared statements kept by SQL text. Kysely prepares every query anew
 * (its SQLite driver keeps none), which cost the hot list query about a quarter of its time (BENCHMARKS.md,
 * 1g). Reusing a statement is safe here: Kysely runs one query at a time on its single connection, and
 * SQLite re-prepares a statement itself when a migration changed the schema under it.
 */
export function withStatementCache(sqlite: SQLite.Database, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement) {
        // Map order is insertion order: moving a hit to the end makes the first key the least recently used.
        statements.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (statements.size >= size) {
          const oldest = statements.keys().next().value;
          if (oldest !== undefined) statements.delete(oldest);
        }
      }
      statements.set(sql, statement);
      return statement;
    },
    close() {
      statements.clear();
      sqlite.close();
    },
  };
}

/**
 * Kysely's SQLite driver opens transactions with a deferred BEGIN: a second process (another instance, the
 * CLI) could then read a state that a concurrent writer is about to change and fail with SQLITE_BUSY_SNAPSHOT
 * instead of waiting. BEGIN IMMEDIATE takes the write lock up front, so the busy timeout makes writers wait
 * their turn. Every transaction here writes.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/**
 * Kysely runs SQLite migrations outside any transaction (its adapter says DDL is not transactional, which
 * SQLite's is). Two instances starting at once then both saw "nothing applied" and the second failed with
 * "table already exists"; in one immediate transaction the second waits and finds the work done, and a
 * migration that fails leaves nothing half-applied.
 */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

function sqliteDialect(database: SqliteDatabase): Dialect {
  const base = new SqliteDialect({ database });
  return {
    createAdapter: () => new TransactionalSqliteAdapter(),
    createDriver: () => new ImmediateSqliteDriver({ database }),
    createQueryCompiler: () => base.createQueryCompiler(),
    createIntrospector: (db) => base.createIntrospector(db),
  };
}

/** Open the database named by config. ':memory:' gives a private in-memory SQLite (tests). */
export function createDb(database: Config['database'], options: CreateDbOptions = {}): Db {
  if (database.kind === 'postgres') {
    return createPostgresDb(database.url, { poolSize: options.poolSize ?? database.poolSize });
  }
  const onDisk = database.file !== ':memory:';
  // Owner-only: the database holds session token hashes and sealed bucket keys.
  if (onDisk) mkdirSync(path.dirname(database.file), { recursive: true, mode: 0o700 });
  const created = onDisk && !existsSync(database.file);
  const sqlite = new SQLite(database.file);
  // The WAL and shared-memory files SQLite creates beside it take this file's permissions.
  if (created) chmodSync(database.file, 0o600);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  return new Kysely<Database>({ dialect: sqliteDialect(withStatementCache(sqlite)) });
}

/**
 * Apply every pending migration; throws with the failing migration's name. On PostgreSQL, Kysely holds an
 * advisory lock while it migrates, so instances starting together apply each migration once, the others
 * waiting and then finding nothing left to do.
 */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  let { error, results } = await migrator.migrateToLatest();
  // SQLite has no migration lock: a process that lost the race for the write lock gets SQLITE_BUSY and
  // tries again, then finds the migrations applied by the winner.
  for (let attempt = 1; attempt <= 5 && isSqliteBusy(error); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    ({ error, results } = await migrator.migrateToLatest());
  }
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`Database migration failed${name}: ${(error as Error).message ?? String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

function isSqliteBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** Migrations known to this build that the database has not applied yet. */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const all = await migrator.getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}

/**
 * `xiaojia backup <file>` and `xiaojia restore <file>`.
 *
 * A backup is one tar file (mode 0600: it holds the secrets) with
 *   database/xiaojia.db       a consistent snapshot of the SQLite database (VACUUM INTO: one read
 *                             transaction, so it is safe while the server writes)
 *   store/index.sqlite        the embedded store's key index, snapshotted the same way, after the database
 *   store/data/<xx>/<id>      the data file of every key in that index snapshot
 *   store/store-keys.json     the store's access / secret key pair
 *   secrets/server.key        the sealing key (when it lives in the data dir)
 *   MANIFEST.json             last: every entry's size and SHA-256, checked on restore
 * Data files are immutable once written, so copying them after the index snapshot is consistent; a key
 * deleted in between is dropped from the snapshot. The database is snapshotted first: every photo it lists
 * was in the store before it was recorded, so only photos deleted during the backup can be missing.
 *
 * With PostgreSQL, `database/xiaojia.pgdump` takes the SQLite file's place: pg_dump's custom format,
 * itself one consistent snapshot, taken first as well; restore feeds it to pg_restore.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { Config } from '../config.js';
import { loadPg } from '../db/index.js';
import { secretsDir } from '../integrations/secrets.js';
import { VERSION } from '../version.js';
import { readTar, TarWriter } from './tar.js';

export const BACKUP_FORMAT = 'xiaojia-backup/1';

interface ManifestEntry {
  name: string;
  size: number;
  sha256: string;
}

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  version: string;
  createdAt: string;
  /** 'sqlite': database/xiaojia.db; 'postgres': database/xiaojia.pgdump (pg_dump custom format). */
  database: 'sqlite' | 'postgres';
  objects: number;
  entries: ManifestEntry[];
}

export interface BackupResult {
  file: string;
  bytes: number;
  objects: number;
  /** Keys deleted between the index snapshot and the copy of their bytes. */
  droppedKeys: number;
  database: 'sqlite' | 'postgres';
}

/** A consistent copy of a live SQLite database (WAL mode, other connections writing) into `target`. */
function snapshotSqlite(source: string, target: string): void {
  const db = new SQLite(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    db.prepare('VACUUM INTO ?').run(target);
  } finally {
    db.close();
  }
}

/** pg_dump / pg_restore: on PATH, else the newest of Debian's /usr/lib/postgresql/<version>/bin. */
function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const tool = path.join(root, version, 'bin', name);
    if (existsSync(tool)) return tool;
  }
  throw new Error(`${name} not found; install PostgreSQL's client tools (apt-get install -y postgresql-client)`);
}

/** Runs a PostgreSQL client tool against DATABASE_URL, the password passed in the environment, not argv. */
function runPgTool(name: 'pg_dump' | 'pg_restore', url: string, args: string[]): Promise<void> {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
  return new Promise((resolve, reject) => {
    execFile(
      pgTool(name),
      [...args, `--dbname=${parsed.toString()}`],
      { env, maxBuffer: 16 << 20 },
      (error, _out, err) => {
        if (error) reject(new Error(`${name} failed: ${(err || error.message).trim()}`));
        else resolve();
      },
    );
  });
}

async function postgresHasData(url: string): Promise<boolean> {
  const client = new (loadPg().Client)({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      "select 1 from information_schema.tables where table_schema = current_schema() and table_name = 'users'",
    );
    return rows.length > 0;
  } finally {
    await client.end();
  }
}

function storeLayout(storeDir: string) {
  return {
    index: path.join(storeDir, 'index.sqlite'),
    data: path.join(storeDir, 'data'),
    keys: path.join(storeDir, 'store-keys.json'),
  };
}

const dataEntryName = (file: string) => `store/data/${file.slice(0, 2)}/${file}`;

export async function backup(config: Config, outFile: string): Promise<BackupResult> {
  const target = path.resolve(outFile);
  if (existsSync(target)) throw new Error(`${target} exists; choose a new file name`);
  await mkdir(path.dirname(target), { recursive: true });
  const staging = await mkdtemp(path.join(path.dirname(target), '.xiaojia-backup-'));
  const partial = `${target}.partial`;
  const tar = new TarWriter(partial);
  const entries: ManifestEntry[] = [];
  const addFile = async (name: string, file: string) => {
    const { size } = await stat(file);
    const hash = createHash('sha256');
    await tar.add(name, size, createReadStream(file), { observe: (chunk) => hash.update(chunk) });
    entries.push({ name, size, sha256: hash.digest('hex') });
  };
  try {
    if (config.database.kind === 'sqlite') {
      if (config.database.file === ':memory:') throw new Error('an in-memory database cannot be backed up');
      if (!existsSync(config.database.file)) throw new Error(`no database at ${config.database.file}`);
      const dbCopy = path.join(staging, 'xiaojia.db');
      snapshotSqlite(config.database.file, dbCopy);
      await addFile('database/xiaojia.db', dbCopy);
    } else {
      const dump = path.join(staging, 'xiaojia.pgdump');
      await runPgTool('pg_dump', config.database.url, [
        '--format=custom',
        '--no-owner',
        '--no-privileges',
        `--file=${dump}`,
      ]);
      await addFile('database/xiaojia.pgdump', dump);
    }

    const store = storeLayout(config.storeDir);
    let objects = 0;
    let droppedKeys = 0;
    if (existsSync(store.index)) {
      const indexCopy = path.join(staging, 'index.sqlite');
      snapshotSqlite(store.index, indexCopy);
      const index = new SQLite(indexCopy);
      try {
        const rows = index.prepare('SELECT key, file, fsize FROM objects ORDER BY file').all() as {
          key: string;
          file: string;
          fsize: number;
        }[];
        const drop = index.prepare('DELETE FROM objects WHERE key = ?');
        for (const row of rows) {
          const dataFile = path.join(store.data, row.file.slice(0, 2), row.file);
          try {
            await addFile(dataEntryName(row.file), dataFile);
            objects++;
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
            drop.run(row.key);
            droppedKeys++;
          }
        }
      } finally {
        index.close();
      }
      await addFile('store/index.sqlite', indexCopy);
    }
    if (existsSync(store.keys)) await addFile('store/store-keys.json', store.keys);
    const serverKey = path.join(secretsDir(config.dataDir), 'server.key');
    if (existsSync(serverKey)) await addFile('secrets/server.key', serverKey);

    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      version: VERSION,
      createdAt: new Date().toISOString(),
      database: config.database.kind,
      objects,
      entries,
    };
    await tar.addBuffer('MANIFEST.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
    await tar.finish();
    await rename(partial, target);
    const { size } = await stat(target);
    return { file: target, bytes: size, objects, droppedKeys, database: config.database.kind };
  } catch (error) {
    await tar.destroy();
    await rm(partial, { force: true });
    throw error;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

export interface RestoreOptions {
  /** Replace an existing database / store (moved aside, not deleted). */
  force?: boolean;
}

export interface RestoreResult {
  objects: number;
  database: 'sqlite' | 'postgres';
  /** Where the previous database / store were moved, when --force replaced them. */
  movedAside: string[];
}

/** Entry names a backup may hold; anything else is refused rather than written somewhere. */
const ENTRY =
  /^(database\/xiaojia\.db|database\/xiaojia\.pgdump|store\/index\.sqlite|store\/store-keys\.json|secrets\/server\.key|store\/data\/[0-9a-zA-Z_-]{2}\/[0-9a-zA-Z_-]+)$/;

async function readManifest(file: string): Promise<Manifest> {
  let manifest: Manifest | null = null;
  for await (const entry of readTar(file)) {
    if (entry.name === 'MANIFEST.json') manifest = JSON.parse((await entry.read()).toString('utf8')) as Manifest;
  }
  if (!manifest || manifest.format !== BACKUP_FORMAT) throw new Error(`${file} is not a Xiaojia backup (no manifest)`);
  return manifest;
}

function integrityCheck(file: string): void {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`${path.basename(file)} fails its integrity check: ${String(result)}`);
  } finally {
    db.close();
  }
}

/**
 * Restores into the configured data dir. Run it with the server stopped. Everything is unpacked and
 * checked (sizes, SHA-256, SQLite integrity) in a staging folder first, then moved into place.
 */
export async function restore(config: Config, file: string, options: RestoreOptions = {}): Promise<RestoreResult> {
  const source = path.resolve(file);
  const manifest = await readManifest(source);
  const expected = new Map(manifest.entries.map((e) => [e.name, e]));
  if (manifest.database === 'sqlite' && config.database.kind !== 'sqlite') {
    throw new Error('this backup holds a SQLite database, but DATABASE_URL names PostgreSQL');
  }
  if (manifest.database === 'postgres' && config.database.kind !== 'postgres') {
    throw new Error('this backup holds a PostgreSQL dump; set DATABASE_URL to the PostgreSQL database to restore into');
  }
  const sqliteFile = config.database.kind === 'sqlite' ? config.database.file : null;
  const pgUrl = config.database.kind === 'postgres' ? config.database.url : null;
  const existing = [
    ...(sqliteFile && existsSync(sqliteFile) ? [sqliteFile] : []),
    ...(pgUrl && (await postgresHasData(pgUrl)) ? ['the PostgreSQL database'] : []),
    ...(existsSync(path.join(config.storeDir, 'index.sqlite')) ? [config.storeDir] : []),
  ];
  if (existing.length > 0 && !options.force) {
    throw new Error(`${existing.join(' and ')} already exist; stop the server and pass --force to replace them`);
  }

  await mkdir(config.dataDir, { recursive: true });
  const staging = await mkdtemp(path.join(config.dataDir, '.restore-'));
  try {
    const seen = new Set<string>();
    for await (const entry of readTar(source)) {
      if (entry.name === 'MANIFEST.json') continue;
      if (!ENTRY.test(entry.name)) throw new Error(`unexpected entry ${entry.name} in the backup`);
      const want = expected.get(entry.name);
      if (!want || want.size !== entry.size) throw new Error(`${entry.name} does not match the manifest`);
      const target = path.join(staging, entry.name);
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      const hash = createHash('sha256');
      await entry.extractTo(target, (chunk) => hash.update(chunk));
      if (hash.digest('hex') !== want.sha256) throw new Error(`${entry.name} is damaged (checksum mismatch)`);
      await chmod(target, 0o600);
      seen.add(entry.name);
    }
    const missing = manifest.entries.filter((e) => !seen.has(e.name));
    if (missing.length > 0) throw new Error(`the backup lacks ${missing.map((e) => e.name).join(', ')}`);
    if (seen.has('database/xiaojia.db')) integrityCheck(path.join(staging, 'database/xiaojia.db'));
    if (seen.has('store/index.sqlite')) integrityCheck(path.join(staging, 'store/index.sqlite'));

    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const movedAside: string[] = [];
    const moveAside = async (target: string) => {
      if (!existsSync(target)) return;
      const aside = `${target}.before-restore-${stamp}`;
      await rename(target, aside);
      movedAside.push(aside);
    };
    if (sqliteFile && seen.has('database/xiaojia.db')) {
      await mkdir(path.dirname(sqliteFile), { recursive: true });
      await moveAside(sqliteFile);
      // A stale WAL beside the restored file would be replayed into it.
      for (const suffix of ['-wal', '-shm']) await moveAside(`${sqliteFile}${suffix}`);
      await rename(path.join(staging, 'database/xiaojia.db'), sqliteFile);
    }
    if (pgUrl && seen.has('database/xiaojia.pgdump')) {
      // One transaction: a failed restore leaves the database as it was. --clean drops what --force replaces.
      await runPgTool('pg_restore', pgUrl, [
        '--single-transaction',
        '--exit-on-error',
        '--no-owner',
        '--no-privileges',
        ...(options.force ? ['--clean', '--if-exists'] : []),
        path.join(staging, 'database/xiaojia.pgdump'),
      ]);
    }
    if (seen.has('store/index.sqlite')) {
      await moveAside(config.storeDir);
      await mkdir(path.dirname(config.storeDir), { recursive: true });
      await rename(path.join(staging, 'store'), config.storeDir);
    }
    if (seen.has('secrets/server.key') && !config.secretKey) {
      const dir = secretsDir(config.dataDir);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const key = await readFile(path.join(staging, 'secrets/server.key'));
      const keyFile = path.join(dir, 'server.key');
      await moveAside(keyFile);
      await writeFile(keyFile, key, { mode: 0o600, flag: 'wx' });
    }
    return { objects: manifest.objects, database: manifest.database, movedAside };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * `xiaojia doctor`: read-only checks an operator runs when something looks wrong, or after a restore or a
 * crash. Safe while the server runs: it opens the store index read-only and writes nothing.
 *   - configuration (loading it already validated every setting)
 *   - data dir and secret file permissions
 *   - ffmpeg and ffprobe for videos in the embedded store (posters, facts); missing is a warning
 *   - database: reachable, integrity (SQLite), migrations applied
 *   - embedded store: index integrity, every key's data file present with its size
 *   - photos kept in the embedded store that the store does not have
 *   - bucket bindings whose sealed secret does not open with this server key, or that last failed;
 *     with `--online`, every active binding is verified against Qiniu
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { Config } from '../config.js';
import { postgresVersion, sqliteIntegrity } from '../db/health.js';
import { createDb, type Db, dialectOf, pendingMigrations } from '../db/index.js';
import { systemClock } from '../integrations/clock.js';
import { createSealer } from '../integrations/crypto.js';
import { secretsDir } from '../integrations/secrets.js';
import { BindingsRepository } from '../repositories/bindings.js';
import { PhotosRepository } from '../repositories/photos.js';
import { toolVersion } from '../storage/embedded/tools.js';
import { boundProvider, sealContext } from '../storage/resolver.js';
import { uncheckedNote } from '../storage/s3/verify.js';

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface Check {
  status: CheckStatus;
  name: string;
  detail: string;
}

export interface DoctorOptions {
  /** Call Qiniu to verify every active binding (network). */
  online?: boolean;
}

const mode = (file: string) => statSync(file).mode & 0o777;
const octal = (m: number) => `0${m.toString(8)}`;

function checkPermissions(config: Config, checks: Check[]): void {
  const { dataDir } = config;
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) {
    checks.push({
      status: 'fail',
      name: 'data dir',
      detail: `${dataDir} does not exist (the server creates it on first start)`,
    });
    return;
  }
  const dataMode = mode(dataDir);
  checks.push(
    dataMode & 0o002
      ? {
          status: 'fail',
          name: 'data dir',
          detail: `${dataDir} is writable by everyone (${octal(dataMode)}); chmod o-w it`,
        }
      : { status: 'ok', name: 'data dir', detail: `${dataDir} (${octal(dataMode)})` },
  );
  const secrets = [path.join(secretsDir(dataDir), 'server.key'), path.join(config.storeDir, 'store-keys.json')].filter(
    (f) => existsSync(f),
  );
  const dir = secretsDir(dataDir);
  if (existsSync(dir) && mode(dir) & 0o077) {
    checks.push({ status: 'fail', name: 'secrets', detail: `${dir} is ${octal(mode(dir))}; it must be 0700` });
  }
  const loose = secrets.filter((f) => mode(f) & 0o077);
  checks.push(
    loose.length > 0
      ? { status: 'fail', name: 'secrets', detail: `readable by others: ${loose.join(', ')} (chmod 600 them)` }
      : { status: 'ok', name: 'secrets', detail: `${secrets.length} secret file(s), owner-only` },
  );
}

/** The server key as the server would use it, without creating one. */
function serverKey(config: Config): string | null {
  if (config.secretKey) return config.secretKey;
  const file = path.join(secretsDir(config.dataDir), 'server.key');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
}

async function checkDatabase(config: Config, db: Db, checks: Check[]): Promise<boolean> {
  try {
    if (dialectOf(db) === 'postgres') {
      checks.push({ status: 'ok', name: 'database', detail: `PostgreSQL reachable (${await postgresVersion(db)})` });
    } else {
      const { problems, foreignKeyViolations } = await sqliteIntegrity(db);
      const file = config.database.kind === 'sqlite' ? config.database.file : '';
      if (problems.length > 0 || foreignKeyViolations > 0) {
        checks.push({
          status: 'fail',
          name: 'database',
          detail: `${file}: ${[...problems.slice(0, 5), ...(foreignKeyViolations ? [`${foreignKeyViolations} foreign key violation(s)`] : [])].join('; ')}`,
        });
      } else {
        checks.push({ status: 'ok', name: 'database', detail: `${file}: integrity ok` });
      }
    }
  } catch (error) {
    checks.push({ status: 'fail', name: 'database', detail: `cannot open: ${(error as Error).message}` });
    return false;
  }
  const pending = await pendingMigrations(db);
  checks.push(
    pending.length > 0
      ? {
          status: 'warn',
          name: 'migrations',
          detail: `pending: ${pending.join(', ')} (run \`xiaojia migrate\` or start the server)`,
        }
      : { status: 'ok', name: 'migrations', detail: 'all applied' },
  );
  return pending.length === 0;
}

/** Keys in the embedded store whose data file is there with its recorded size (null: index unreadable). */
function checkStore(config: Config, checks: Check[]): Set<string> | null {
  const indexFile = path.join(config.storeDir, 'index.sqlite');
  if (!existsSync(indexFile)) {
    checks.push({ status: 'ok', name: 'embedded store', detail: `empty (no index at ${indexFile} yet)` });
    return new Set();
  }
  let index: SQLite.Database;
  try {
    index = new SQLite(indexFile, { readonly: true, fileMustExist: true });
  } catch (error) {
    checks.push({
      status: 'fail',
      name: 'embedded store',
      detail: `cannot open ${indexFile}: ${(error as Error).message}`,
    });
    return null;
  }
  try {
    const integrity = index.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') {
      checks.push({ status: 'fail', name: 'embedded store', detail: `${indexFile}: ${String(integrity)}` });
      return null;
    }
    const rows = index.prepare('SELECT key, file, fsize FROM objects').all() as {
      key: string;
      file: string;
      fsize: number;
    }[];
    const missing: string[] = [];
    const referenced = new Set<string>();
    for (const row of rows) {
      referenced.add(row.file);
      const file = path.join(config.storeDir, 'data', row.file.slice(0, 2), row.file);
      const size = existsSync(file) ? statSync(file).size : -1;
      if (size !== row.fsize) missing.push(row.key);
    }
    let unreferenced = 0;
    const dataDir = path.join(config.storeDir, 'data');
    for (const shard of existsSync(dataDir) ? readdirSync(dataDir) : []) {
      for (const file of readdirSync(path.join(dataDir, shard))) if (!referenced.has(file)) unreferenced++;
    }
    if (missing.length > 0) {
      checks.push({
        status: 'fail',
        name: 'embedded store',
        detail: `${missing.length} key(s) without their bytes: ${missing.slice(0, 5).join(', ')}`,
      });
    } else {
      checks.push({
        status: 'ok',
        name: 'embedded store',
        detail: `${rows.length} object(s), every data file present`,
      });
    }
    if (unreferenced > 0) {
      checks.push({
        status: 'warn',
        name: 'embedded store',
        detail: `${unreferenced} data file(s) no key points at (a start removes them once they are an hour old)`,
      });
    }
    const lost = new Set(missing);
    return new Set(rows.map((r) => r.key).filter((key) => !lost.has(key)));
  } finally {
    index.close();
  }
}

async function checkPhotos(db: Db, storeKeys: Set<string>, checks: Check[]): Promise<void> {
  const rows = await new PhotosRepository(db).allInEmbeddedStore();
  const lost = rows.filter((r) => !storeKeys.has(r.object_key));
  checks.push(
    lost.length > 0
      ? {
          status: 'fail',
          name: 'photos',
          detail: `${lost.length} photo(s) in the embedded store whose object is missing: ${lost
            .slice(0, 5)
            .map((r) => r.id)
            .join(', ')}`,
        }
      : { status: 'ok', name: 'photos', detail: `${rows.length} photo(s) in the embedded store, all present` },
  );
}

async function checkBindings(config: Config, db: Db, checks: Check[], options: DoctorOptions): Promise<void> {
  const bindings = await new BindingsRepository(db).allActive();
  if (bindings.length === 0) {
    checks.push({ status: 'ok', name: 'bindings', detail: 'no bucket bound' });
    return;
  }
  const key = serverKey(config);
  if (!key) {
    checks.push({
      status: 'fail',
      name: 'bindings',
      detail: `${bindings.length} binding(s) but no server key to open them`,
    });
    return;
  }
  const sealer = createSealer(key);
  let failed = 0;
  for (const binding of bindings) {
    const label = `binding ${binding.id} (${binding.bucket})`;
    let secretKey: string;
    try {
      secretKey = sealer.open(binding.secret_key_sealed, sealContext(binding.home_id));
    } catch {
      failed++;
      checks.push({
        status: 'fail',
        name: 'bindings',
        detail: `${label}: its secret does not open with this server key (wrong XIAOJIA_SECRET_KEY or server.key?)`,
      });
      continue;
    }
    if (options.online) {
      const storage = boundProvider(binding, secretKey, systemClock);
      try {
        // S3 buckets are checked against the public origin's CORS too (the H5 app is served from it).
        for (const item of await storage.verify(config.publicUrl)) {
          checks.push({ status: 'warn', name: 'bindings', detail: `${label}: ${uncheckedNote(item)}` });
        }
      } catch (error) {
        failed++;
        checks.push({
          status: 'fail',
          name: 'bindings',
          detail: `${label}: verification failed: ${(error as Error).message}`,
        });
      }
    } else if (binding.last_error) {
      checks.push({ status: 'warn', name: 'bindings', detail: `${label}: last error: ${binding.last_error}` });
    }
  }
  if (failed === 0) {
    checks.push({
      status: 'ok',
      name: 'bindings',
      detail: `${bindings.length} active binding(s) open${options.online ? ' and verify' : ' (add --online to verify them with their storage)'}`,
    });
  }
}

/** Videos are stored and played without them; only posters and facts need them. */
async function checkVideoTools(config: Config, checks: Check[]): Promise<void> {
  const programs = [
    ['ffmpeg', config.video.ffmpeg, 'XIAOJIA_FFMPEG'],
    ['ffprobe', config.video.ffprobe, 'XIAOJIA_FFPROBE'],
  ] as const;
  const versions = await Promise.all(programs.map(([, program]) => toolVersion(program)));
  const missing = programs.filter((_, i) => versions[i] === null);
  if (missing.length === 0) {
    checks.push({ status: 'ok', name: 'video', detail: versions[0] ?? 'ffmpeg' });
    return;
  }
  const which = missing.map(([name, program, setting]) => `${name} (${setting}=${program})`).join(' and ');
  checks.push({
    status: 'warn',
    name: 'video',
    detail: `${which} not found: videos in the embedded store are kept and played, but get no poster frames nor probed facts. Install the ffmpeg package (Debian/Ubuntu: apt-get install ffmpeg), or point the setting at the program`,
  });
}

export async function doctor(config: Config, options: DoctorOptions = {}): Promise<Check[]> {
  const checks: Check[] = [
    { status: 'ok', name: 'config', detail: `valid (database: ${config.database.kind}, port ${config.port})` },
  ];
  checkPermissions(config, checks);
  await checkVideoTools(config, checks);
  if (config.database.kind === 'sqlite' && !existsSync(config.database.file)) {
    checks.push({ status: 'fail', name: 'database', detail: `${config.database.file} does not exist` });
    return checks;
  }
  const db = createDb(config.database, { poolSize: 2 });
  try {
    const migrated = await checkDatabase(config, db, checks);
    const storeKeys = checkStore(config, checks);
    if (migrated) {
      if (storeKeys) await checkPhotos(db, storeKeys, checks);
      await checkBindings(config, db, checks, options);
    }
  } finally {
    await db.destroy();
  }
  return checks;
}

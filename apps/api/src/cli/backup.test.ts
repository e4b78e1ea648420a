import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Config } from '../config.js';
import { signUpAndGetToken } from '../test/auth.js';
import { callerFor, createTestDatabase, createTestDeps, type TestDatabase } from '../test/deps.js';
import { uploadPhoto } from '../test/photos.js';
import { backup, restore } from './backup.js';
import { doctor } from './doctor.js';

let dir: string;
let databases: TestDatabase[];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'xiaojia-backup-test-'));
  databases = [];
});
afterEach(async () => {
  for (const db of databases) await db.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** A served instance whose database lives on disk (SQLite file) or in its own PostgreSQL database. */
async function servedInstance(name: string, shared?: TestDatabase) {
  const dataDir = path.join(dir, name);
  const database = shared ?? (await createTestDatabase(path.join(dataDir, 'xiaojia.db')));
  if (!shared) databases.push(database);
  const deps = await createTestDeps({
    dataDir,
    storeDir: path.join(dataDir, 'objects'),
    database: database.database,
    secretKey: '',
  });
  return { deps, database };
}

const failures = (checks: Awaited<ReturnType<typeof doctor>>) =>
  checks.filter((c) => c.status === 'fail').map((c) => `${c.name}: ${c.detail}`);

describe('backup and restore', () => {
  it('round-trips while the server takes uploads: every photo in the backup is listed and readable after restore', async () => {
    const source = await servedInstance('source');
    const alice = await signUpAndGetToken(source.deps, 'alice');
    const before = [];
    for (let i = 0; i < 3; i++) before.push(await uploadPhoto(alice.caller, alice.homeId));

    // Uploads keep arriving while the backup runs.
    const during = Promise.all(Array.from({ length: 4 }, () => uploadPhoto(alice.caller, alice.homeId)));
    const file = path.join(dir, 'backups', 'xiaojia.tar');
    const result = await backup(source.deps.config, file);
    const uploadedDuring = await during;
    expect(result.objects).toBeGreaterThanOrEqual(3);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // A plain tar: the system's tar lists it.
    const listing = execFileSync('tar', ['-tf', file], { encoding: 'utf8' }).trim().split('\n');
    expect(listing.at(-1)).toBe('MANIFEST.json');
    expect(listing).toContain('store/index.sqlite');
    expect(listing).toContain('secrets/server.key');
    const sqlite = source.database.database.kind === 'sqlite';
    expect(listing).toContain(sqlite ? 'database/xiaojia.db' : 'database/xiaojia.pgdump');

    // Restore into a new data dir and an empty database.
    const targetDir = path.join(dir, 'restored');
    const targetDb = await createTestDatabase(path.join(targetDir, 'xiaojia.db'));
    databases.push(targetDb);
    const targetConfig: Config = {
      ...source.deps.config,
      dataDir: targetDir,
      storeDir: path.join(targetDir, 'objects'),
      database: targetDb.database,
    };
    await source.deps.close();
    const restored = await restore(targetConfig, file);
    expect(restored.objects).toBe(result.objects);
    expect(failures(await doctor(targetConfig))).toEqual([]);

    const target = await servedInstance('restored', targetDb);
    const me = callerFor(target.deps, { token: alice.token });
    const listed = await me.photos.list({ homeId: alice.homeId, limit: 100 });
    const ids = listed.items.map((p) => p.id);
    for (const upload of before) expect(ids).toContain(upload.photo.id);
    // Whatever of the concurrent uploads made it into the database snapshot is complete, bytes included.
    const all = [...before, ...uploadedDuring].filter((u) => ids.includes(u.photo.id));
    for (const upload of all) {
      const detail = await me.photos.get({ homeId: alice.homeId, id: upload.photo.id });
      const response = await fetch(detail.originalUrl ?? '');
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).equals(upload.bytes)).toBe(true);
    }
  });

  it('refuses to overwrite an existing database unless forced, and moves the old one aside', async () => {
    const source = await servedInstance('source');
    await signUpAndGetToken(source.deps, 'bob');
    const carol = await signUpAndGetToken(source.deps, 'carol');
    await uploadPhoto(carol.caller, carol.homeId);
    const file = path.join(dir, 'one.tar');
    await backup(source.deps.config, file);
    const config = source.deps.config;
    await source.deps.close();
    await expect(restore(config, file)).rejects.toThrow(/--force/);
    const result = await restore(config, file, { force: true });
    expect(result.movedAside.length).toBeGreaterThan(0);
    for (const aside of result.movedAside) expect(existsSync(aside)).toBe(true);
    expect(failures(await doctor(config))).toEqual([]);
  });

  it('refuses a damaged backup and leaves the data dir as it was', async () => {
    const source = await servedInstance('source');
    const dave = await signUpAndGetToken(source.deps, 'dave');
    await uploadPhoto(dave.caller, dave.homeId);
    const file = path.join(dir, 'damaged.tar');
    await backup(source.deps.config, file);
    // Flip a byte inside the first entry's data (which starts after its 512-byte header).
    const bytes = readFileSync(file);
    bytes[1024] = (bytes[1024] ?? 0) ^ 0xff;
    writeFileSync(file, bytes);
    const emptyDir = path.join(dir, 'empty');
    const emptyDb = await createTestDatabase(path.join(emptyDir, 'xiaojia.db'));
    databases.push(emptyDb);
    const target: Config = {
      ...source.deps.config,
      dataDir: emptyDir,
      storeDir: path.join(emptyDir, 'objects'),
      database: emptyDb.database,
    };
    await expect(restore(target, file)).rejects.toThrow(/damaged|checksum|integrity/);
    expect(readdirSync(emptyDir)).toEqual([]);
  });
});

describe('doctor', () => {
  it('finds a photo whose bytes are gone, loose secret permissions, and a binding the server key cannot open', async () => {
    const { deps } = await servedInstance('doc');
    const erin = await signUpAndGetToken(deps, 'erin');
    const { key } = await uploadPhoto(erin.caller, erin.homeId);
    expect(failures(await doctor(deps.config))).toEqual([]);

    const index = path.join(deps.config.storeDir, 'index.sqlite');
    const sqlite = (await import('better-sqlite3')).default;
    const db = new sqlite(index, { readonly: true });
    const row = db.prepare('SELECT file FROM objects WHERE key = ?').get(key) as { file: string };
    db.close();
    unlinkSync(path.join(deps.config.storeDir, 'data', row.file.slice(0, 2), row.file));
    chmodSync(path.join(deps.config.storeDir, 'store-keys.json'), 0o644);
    const now = new Date().toISOString();
    await deps.db
      .insertInto('storage_bindings')
      .values({
        id: 'binding-under-another-key',
        home_id: erin.homeId,
        created_by: erin.userId,
        provider: 'qiniu',
        bucket: 'family-photos',
        domain: 'https://img.example.com',
        region: 'z0',
        access_key: 'AK',
        secret_key_sealed: 'v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAA',
        status: 'active',
        verified_at: now,
        last_error: null,
        created_at: now,
        updated_at: now,
      })
      .execute();

    const found = failures(await doctor(deps.config));
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^secrets: readable by others: .*store-keys\.json/),
        expect.stringMatching(/^embedded store: 1 key\(s\) without their bytes/),
        expect.stringMatching(/^photos: 1 photo\(s\) in the embedded store whose object is missing/),
        expect.stringMatching(/^bindings: binding binding-under-another-key .* does not open with this server key/),
      ]),
    );
  });
});

/**
 * Seeds a fresh data dir straight through the API's own Kysely database (createDb + migrations), in
 * transactions of multi-row inserts: one "family" user with a deep timeline among many smaller users,
 * most photos under a bound Qiniu bucket (secret sealed with the server key, as bindings are stored) and
 * the older ones in the embedded store (binding_id null). Every user gets a session whose bearer token the
 * benches use.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createDb, type Db, migrateToLatest } from '../../apps/api/src/db/index.js';
import type { PhotosTable } from '../../apps/api/src/db/schema.js';
import { createSealer } from '../../apps/api/src/integrations/crypto.js';
import { newId } from '../../apps/api/src/integrations/ids.js';
import { randomKey } from '../../apps/api/src/integrations/secrets.js';
import { hashToken } from '../../apps/api/src/services/auth.js';
import { loadOrCreateKeys, type StoreCredentials } from '../../apps/api/src/storage/embedded/keys.js';
import { sealContext } from '../../apps/api/src/storage/resolver.js';

export interface SeedOptions {
  dataDir: string;
  /** Photos of the user the list benches read. */
  mainUserPhotos: number;
  /** Other users, each with `otherUserPhotos`: their rows share the table and the index. */
  otherUsers: number;
  otherUserPhotos: number;
}

export interface SeededUser {
  id: string;
  /** Bearer token of a live session. */
  token: string;
}

export interface Seeded {
  dataDir: string;
  /** XIAOJIA_SECRET_KEY the server must run with (it sealed the binding's secret). */
  serverKey: string;
  main: SeededUser;
  others: SeededUser[];
  /** The main user's bound bucket. */
  binding: { id: string; accessKey: string; secretKey: string; bucket: string; domain: string };
  storeCredentials: StoreCredentials;
  totalPhotos: number;
}

const ROWS_PER_INSERT = 500;
const YEAR_MS = 365 * 24 * 3600 * 1000;
/** Photos older than this share of the main timeline sit in the embedded store (taken before binding). */
const EMBEDDED_SHARE = 0.1;

async function insertUser(db: Db, name: string, now: string): Promise<SeededUser> {
  const id = newId();
  await db
    .insertInto('users')
    .values({
      id,
      username: name,
      display_name: name,
      password_hash: null,
      wechat_openid: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const token = randomBytes(32).toString('base64url');
  const expires = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
  await db
    .insertInto('sessions')
    .values({
      id: newId(),
      user_id: id,
      token_hash: hashToken(token),
      device: 'bench',
      created_at: now,
      last_seen_at: now,
      expires_at: expires,
    })
    .execute();
  return { id, token };
}

/** `count` photos for `ownerId`, taken over the last ten years in random order, inserted in batches. */
async function insertPhotos(
  db: Db,
  ownerId: string,
  count: number,
  bindingFor: (takenAt: number) => string | null,
): Promise<void> {
  const end = Date.now();
  const start = end - 10 * YEAR_MS;
  await db.transaction().execute(async (trx) => {
    let batch: PhotosTable[] = [];
    for (let i = 0; i < count; i++) {
      const taken = start + Math.floor(Math.random() * (end - start));
      const takenAt = new Date(taken).toISOString();
      const month = takenAt.slice(0, 7).replace('-', '/');
      const id = newId(taken);
      batch.push({
        id,
        owner_id: ownerId,
        binding_id: bindingFor(taken),
        object_key: `u/${ownerId}/${month}/${id}.jpg`,
        filename: `IMG_${String(i).padStart(6, '0')}.jpg`,
        etag: `Fq${randomBytes(20).toString('base64url')}`,
        size: 1_500_000 + Math.floor(Math.random() * 4_000_000),
        mime: 'image/jpeg',
        width: 4000,
        height: 3000,
        taken_at: takenAt,
        created_at: new Date(end).toISOString(),
        sort_at: takenAt,
        // A few in the trash: they share the index but are not on the timeline.
        deleted_at: Math.random() < 0.01 ? new Date(end).toISOString() : null,
        purge_requested_at: null,
        purge_attempts: 0,
        purge_error: null,
      });
      if (batch.length === ROWS_PER_INSERT || i === count - 1) {
        await trx.insertInto('photos').values(batch).execute();
        batch = [];
      }
    }
  });
}

export async function seed(options: SeedOptions): Promise<Seeded> {
  mkdirSync(options.dataDir, { recursive: true });
  const db = createDb({ kind: 'sqlite', file: path.join(options.dataDir, 'xiaojia.db') });
  try {
    await migrateToLatest(db);
    const now = new Date().toISOString();
    const serverKey = randomKey();
    const sealer = createSealer(serverKey);
    // The embedded store's keys, created where the server will find them, so the baseline signs alike.
    const storeCredentials = await loadOrCreateKeys(path.join(options.dataDir, 'objects', 'store-keys.json'));

    const main = await insertUser(db, 'family', now);
    const binding = {
      id: newId(),
      accessKey: randomBytes(30).toString('base64url'),
      secretKey: randomBytes(30).toString('base64url'),
      bucket: 'family-photos',
      domain: 'https://img.family.example.com',
    };
    await db
      .insertInto('storage_bindings')
      .values({
        id: binding.id,
        user_id: main.id,
        provider: 'qiniu',
        bucket: binding.bucket,
        domain: binding.domain,
        region: 'z0',
        access_key: binding.accessKey,
        secret_key_sealed: sealer.seal(binding.secretKey, sealContext(main.id)),
        status: 'active',
        verified_at: now,
        last_error: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const boundSince = Date.now() - 10 * YEAR_MS * (1 - EMBEDDED_SHARE);
    await insertPhotos(db, main.id, options.mainUserPhotos, (taken) => (taken >= boundSince ? binding.id : null));

    const others: SeededUser[] = [];
    for (let u = 0; u < options.otherUsers; u++) {
      const user = await insertUser(db, `member${u}`, now);
      others.push(user);
      await insertPhotos(db, user.id, options.otherUserPhotos, () => null);
    }
    return {
      dataDir: options.dataDir,
      serverKey,
      main,
      others,
      binding,
      storeCredentials,
      totalPhotos: options.mainUserPhotos + options.otherUsers * options.otherUserPhotos,
    };
  } finally {
    await db.destroy();
  }
}

/**
 * Seeds a fresh data dir straight through the API's own Kysely database (createDb + migrations), in
 * transactions of multi-row inserts. Every account gets a home of its own as sign-up makes it
 * (HomesRepository.create, as HomesService.createFirst does) and a session whose bearer token the benches
 * use. The "family" home holds the deep timeline: its owner and a second account, a *member* of it (its
 * home_members row inserted directly, role 'member', as an accepted invite leaves it), upload its photos
 * (uploader_id). Most of them live under the home's bound Qiniu bucket (secret sealed with the server key
 * and the home's context, as bindings are stored), the older ones in the embedded store (binding_id null).
 * Many smaller homes share the table and its indexes. For a browser (the client bench), the family home's
 * photos can instead all live in the embedded store with real objects behind them (`storedImages`), and
 * every account can have a password to sign in with.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createDb, type Db, migrateToLatest } from '../../apps/api/src/db/index.js';
import type { PhotosTable } from '../../apps/api/src/db/schema.js';
import { createSealer } from '../../apps/api/src/integrations/crypto.js';
import { newId } from '../../apps/api/src/integrations/ids.js';
import { hashPassword } from '../../apps/api/src/integrations/password.js';
import { randomKey } from '../../apps/api/src/integrations/secrets.js';
import { HomesRepository } from '../../apps/api/src/repositories/homes.js';
import { hashToken } from '../../apps/api/src/services/auth.js';
import { firstHomeName } from '../../apps/api/src/services/homes.js';
import { loadOrCreateKeys, type StoreCredentials } from '../../apps/api/src/storage/embedded/keys.js';
import { sealContext } from '../../apps/api/src/storage/resolver.js';
import { openSeedStore, type StoredImage } from './lib/seed-store.js';

export interface SeedOptions {
  dataDir: string;
  /**
   * Photos on the family home's timeline, the one the list benches read. 1% more sit in its trash (every
   * 101st row): they share the index but are not on the timeline.
   */
  mainHomePhotos: number;
  /** Share of the family home's photos the member uploaded (the owner uploaded the rest). */
  memberShare: number;
  /** Other accounts, each with `otherUserPhotos` in its own home: their rows share the table and the index. */
  otherUsers: number;
  otherUserPhotos: number;
  /**
   * Pictures for the family home's photos: when given, every one of its photos lives in the embedded store
   * (no bound bucket) as a real object holding one of these, with its width and height, so a browser's
   * thumbnails load. Without them the objects do not exist: the API benches only sign their URLs.
   */
  storedImages?: readonly StoredImage[];
  /** Every account's password (hashed as sign-up hashes it), to sign in through the API; default none. */
  password?: string;
}

export interface SeededUser {
  id: string;
  /** Bearer token of a live session. */
  token: string;
  /** The home sign-up made for the account (owned by it). */
  homeId: string;
}

export interface Seeded {
  dataDir: string;
  /** XIAOJIA_SECRET_KEY the server must run with (it sealed the binding's secret). */
  serverKey: string;
  /** The family home: its owner is `main` (main.homeId === home.id), `member` is a member of it. */
  home: { id: string; livePhotos: number; trashedPhotos: number; memberUploads: number };
  main: SeededUser;
  /** A member (role 'member') of the family home; `member.homeId` is its own, empty home. */
  member: SeededUser;
  others: SeededUser[];
  /** The family home's bound bucket. */
  binding: { id: string; accessKey: string; secretKey: string; bucket: string; domain: string };
  storeCredentials: StoreCredentials;
  totalPhotos: number;
  /** Homes in the database (each account's own). */
  totalHomes: number;
}

const ROWS_PER_INSERT = 500;
const YEAR_MS = 365 * 24 * 3600 * 1000;
/** Photos older than this share of the main timeline sit in the embedded store (taken before binding). */
const EMBEDDED_SHARE = 0.1;

/** An account as sign-up leaves it: the user, its own home (owner), and a live session. */
async function insertUser(db: Db, name: string, now: string, passwordHash: string | null): Promise<SeededUser> {
  const id = newId();
  await db
    .insertInto('users')
    .values({
      id,
      username: name,
      display_name: name,
      password_hash: passwordHash,
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
  const homeId = newId();
  await new HomesRepository(db).create({ id: homeId, name: firstHomeName(name), created_at: now }, id);
  return { id, token, homeId };
}

/**
 * `live` photos on `homeId`'s timeline (plus 1% in its trash: every 101st row), taken over the last ten
 * years in random order, inserted in batches; `uploaderFor(i)` says who uploaded the i-th, and
 * `objectFor`, when given, stores the i-th's object under its key and says its size (else 4000×3000).
 * Returns the number of rows inserted.
 */
async function insertPhotos(
  db: Db,
  homeId: string,
  live: number,
  uploaderFor: (i: number) => string,
  bindingFor: (takenAt: number) => string | null,
  objectFor?: (key: string, i: number) => { width: number; height: number },
): Promise<number> {
  const count = live + Math.floor(live / 100);
  const end = Date.now();
  const start = end - 10 * YEAR_MS;
  await db.transaction().execute(async (trx) => {
    let batch: PhotosTable[] = [];
    for (let i = 0; i < count; i++) {
      const taken = start + Math.floor(Math.random() * (end - start));
      const takenAt = new Date(taken).toISOString();
      const month = takenAt.slice(0, 7).replace('-', '/');
      const id = newId(taken);
      const key = `u/${homeId}/${month}/${id}.jpg`;
      const { width, height } = objectFor?.(key, i) ?? { width: 4000, height: 3000 };
      batch.push({
        id,
        home_id: homeId,
        uploader_id: uploaderFor(i),
        binding_id: bindingFor(taken),
        object_key: key,
        filename: `IMG_${String(i).padStart(6, '0')}.jpg`,
        etag: `Fq${randomBytes(20).toString('base64url')}`,
        size: 1_500_000 + Math.floor(Math.random() * 4_000_000),
        mime: 'image/jpeg',
        width,
        height,
        taken_at: takenAt,
        created_at: new Date(end).toISOString(),
        sort_at: takenAt,
        deleted_at: i % 101 === 100 ? new Date(end).toISOString() : null,
        purge_requested_at: null,
        purge_attempts: 0,
        purge_error: null,
        // As the client makes them (base64 of a 21-byte ThumbHash): every answer carries one per photo.
        thumbhash: randomBytes(21).toString('base64'),
        duration_ms: null,
        video_codec: null,
        qetag: null,
        derivatives: null,
      });
      if (batch.length === ROWS_PER_INSERT || i === count - 1) {
        await trx.insertInto('photos').values(batch).execute();
        batch = [];
      }
    }
  });
  return count;
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

    const passwordHash = options.password ? await hashPassword(options.password) : null;
    const main = await insertUser(db, 'family', now, passwordHash);
    const member = await insertUser(db, 'grandma', now, passwordHash);
    // As an accepted invite leaves it (services/invites.ts).
    await db
      .insertInto('home_members')
      .values({ home_id: main.homeId, user_id: member.id, role: 'member', joined_at: now })
      .execute();
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
        home_id: main.homeId,
        created_by: main.id,
        provider: 'qiniu',
        bucket: binding.bucket,
        domain: binding.domain,
        region: 'z0',
        access_key: binding.accessKey,
        secret_key_sealed: sealer.seal(binding.secretKey, sealContext(main.homeId)),
        status: 'active',
        verified_at: now,
        last_error: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const boundSince = Date.now() - 10 * YEAR_MS * (1 - EMBEDDED_SHARE);
    // Every k-th row is the member's: spread evenly over the (randomly ordered) timeline.
    const every = Math.max(1, Math.round(1 / options.memberShare));
    let memberUploads = 0;
    const store = options.storedImages ? await openSeedStore(options.dataDir, options.storedImages) : null;
    const mainRows = await insertPhotos(
      db,
      main.homeId,
      options.mainHomePhotos,
      (i) => {
        if (i % every !== 0) return main.id;
        memberUploads++;
        return member.id;
      },
      (taken) => (store === null && taken >= boundSince ? binding.id : null),
      store?.put,
    );
    store?.close();

    const others: SeededUser[] = [];
    let totalPhotos = mainRows;
    for (let u = 0; u < options.otherUsers; u++) {
      const user = await insertUser(db, `user${u}`, now, passwordHash);
      others.push(user);
      totalPhotos += await insertPhotos(
        db,
        user.homeId,
        options.otherUserPhotos,
        () => user.id,
        () => null,
      );
    }
    return {
      dataDir: options.dataDir,
      serverKey,
      home: {
        id: main.homeId,
        livePhotos: options.mainHomePhotos,
        trashedPhotos: mainRows - options.mainHomePhotos,
        memberUploads,
      },
      main,
      member,
      others,
      binding,
      storeCredentials,
      totalPhotos,
      totalHomes: others.length + 2,
    };
  } finally {
    await db.destroy();
  }
}

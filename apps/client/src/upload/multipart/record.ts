/**
 * Multipart uploads in flight, kept in Taro storage (wx storage, localStorage, AsyncStorage) so an upload
 * cut by a closed app resumes from its stored parts: per file the home, what was asked (name, size, type
 * and the qetag, the content hash the picker computes, which is the file's fingerprint), the ticket (key
 * and plan), the uploadId and the finished parts. One entry per file, at most MAX_RECORDS, each dropped on
 * success, cancel, a failure for good, or after RECORD_MAX_AGE_MS (Qiniu keeps an uploadId 7 days). An
 * entry that does not parse as one of ours is ignored and removed. A file is resumed only when picked again
 * with the same fingerprint: a record without a qetag is never matched, it only waits to expire.
 *
 * Records belong to the account that started them, in the home it started them for: each user has an index
 * of their own, and every read goes through the scope of who is signed in now (`RecordScope`: the user and
 * the homes they are in). Another account signed in on the same device, or nobody (signed out, offline),
 * sees none of them; a record for a home the user is no longer in is dropped when their records are read.
 * Records from before scoping (one index for the whole device, v1) name no owner and are dropped.
 */
import { MULTIPART_PARTS_MAX, zMultipartPlan, zUploadRequest, zUploadTicket } from '@xiaojia/shared';
import { z } from 'zod';
import { isMissingKey, type TaroStorage } from '../../api/token-store';
import type { Journal } from './engine';
import type { FinishedPart } from './parts';

/** The device-wide index of v1 records (before records were scoped by user); only ever removed now. */
export const LEGACY_INDEX_KEY = 'xiaojia.multipart.index';
const LEGACY_KEY_PREFIX = 'xiaojia.multipart:';
/** Where one user's index and records live. */
export const recordIndexKey = (userId: string) => `${LEGACY_INDEX_KEY}.${userId}`;
export const recordKey = (userId: string, key: string) => `${LEGACY_KEY_PREFIX}${userId}:${key}`;
export const MAX_RECORDS = 20;
export const RECORD_MAX_AGE_MS = 6 * 24 * 60 * 60 * 1000;

const zUploadOnly = zUploadTicket.options[0];
const zRecord = z.object({
  v: z.literal(2),
  /** The account that started the upload. */
  userId: z.string().min(1),
  homeId: z.string().min(1),
  request: zUploadRequest,
  ticket: zUploadOnly.extend({ multipart: zMultipartPlan }),
  uploadId: z.string().min(1).max(1024),
  /** Where the platform can open the file again after a restart (WeChat, RN): its path. */
  path: z.string().max(4096).optional(),
  parts: z
    .array(z.object({ partNumber: z.number().int().min(1).max(MULTIPART_PARTS_MAX), etag: z.string().min(1) }))
    .max(MULTIPART_PARTS_MAX),
  /** Device clock when the upload started. */
  startedAt: z.number(),
});
export type MultipartRecord = z.infer<typeof zRecord>;
export type MultipartTicket = MultipartRecord['ticket'];

/** Who is signed in now and the homes they are in; null when nobody is (or it cannot be told: offline). */
export interface RecordScope {
  userId: string;
  homeIds: ReadonlySet<string>;
}
export type ScopeSource = () => Promise<RecordScope | null>;

export interface RecordStore {
  get(key: string): Promise<MultipartRecord | null>;
  /** Every stored upload still worth resuming (expired and broken ones are removed). */
  list(): Promise<MultipartRecord[]>;
  /**
   * Where a new or resumed upload of `ticket` keeps its progress: under the user signed in when it starts
   * (a resumed one stays its owner's). Nothing is kept when nobody is signed in.
   */
  journal(
    base: Omit<MultipartRecord, 'v' | 'userId' | 'uploadId' | 'parts' | 'startedAt'>,
    resumed: MultipartRecord | null,
  ): Journal;
  /** Forgets the signed-in user's record of `key`. */
  drop(key: string): Promise<void>;
}

export function createRecordStore(storage: TaroStorage, scope: ScopeSource, now: () => number = Date.now): RecordStore {
  // Storage writes one after another, so an index update never overtakes another.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = chain.then(task, task);
    chain = run.catch(() => undefined);
    return run;
  };

  async function read(key: string): Promise<unknown> {
    try {
      const { data } = await storage.getStorage({ key });
      return typeof data === 'string' ? JSON.parse(data) : null;
    } catch (error) {
      if (isMissingKey(error) || error instanceof SyntaxError) return null;
      throw error;
    }
  }

  async function readKeys(indexKey: string): Promise<string[]> {
    const value = await read(indexKey);
    return Array.isArray(value) ? value.filter((key): key is string => typeof key === 'string') : [];
  }
  const readIndex = async (userId: string) => (await readKeys(recordIndexKey(userId))).slice(-MAX_RECORDS);

  const writeIndex = (userId: string, keys: string[]) =>
    storage.setStorage({ key: recordIndexKey(userId), data: JSON.stringify(keys) });
  const remove = (userId: string, key: string) =>
    storage.removeStorage({ key: recordKey(userId, key) }).catch(() => undefined);

  /** The user's record under `key` if it is one of ours, whole, theirs and not expired. */
  async function load(userId: string, key: string): Promise<MultipartRecord | null> {
    const parsed = zRecord.safeParse(await read(recordKey(userId, key)));
    if (!parsed.success || parsed.data.ticket.key !== key || parsed.data.userId !== userId) return null;
    const age = now() - parsed.data.startedAt;
    return age >= 0 && age < RECORD_MAX_AGE_MS ? parsed.data : null;
  }

  function dropNow(userId: string, key: string): Promise<void> {
    return serial(async () => {
      await remove(userId, key);
      const keys = await readIndex(userId);
      if (keys.includes(key))
        await writeIndex(
          userId,
          keys.filter((k) => k !== key),
        );
    });
  }

  function save(record: MultipartRecord): Promise<void> {
    return serial(async () => {
      const { userId } = record;
      const key = record.ticket.key;
      await storage.setStorage({ key: recordKey(userId, key), data: JSON.stringify(record) });
      const keys = (await readIndex(userId)).filter((k) => k !== key);
      keys.push(key);
      // Bounded: the oldest in-flight upload is forgotten first (its storage sweeps it after expiry).
      const evicted = keys.splice(0, Math.max(0, keys.length - MAX_RECORDS));
      for (const old of evicted) await remove(userId, old);
      await writeIndex(userId, keys);
    });
  }

  /** Records kept before scoping name no owner: nobody may resume them, so they go. */
  const dropLegacy = () =>
    serial(async () => {
      const keys = await readKeys(LEGACY_INDEX_KEY);
      for (const key of keys) await storage.removeStorage({ key: LEGACY_KEY_PREFIX + key }).catch(() => undefined);
      await storage.removeStorage({ key: LEGACY_INDEX_KEY }).catch(() => undefined);
    });
  let legacyDropped = false;

  /** The signed-in user's records in the homes they are in; the rest of theirs (expired, broken, a home left) go. */
  async function list(): Promise<MultipartRecord[]> {
    const who = await scope();
    if (!who) return [];
    if (!legacyDropped) {
      legacyDropped = true;
      await dropLegacy();
    }
    const keys = await serial(() => readIndex(who.userId));
    const found: MultipartRecord[] = [];
    for (const key of keys) {
      const record = await load(who.userId, key);
      if (record && who.homeIds.has(record.homeId)) found.push(record);
      else await dropNow(who.userId, key);
    }
    return found;
  }

  return {
    async get(key) {
      const who = await scope();
      if (!who) return null;
      const keys = await serial(() => readIndex(who.userId));
      const record = keys.includes(key) ? await load(who.userId, key) : null;
      return record && who.homeIds.has(record.homeId) ? record : null;
    },
    list,
    journal(base, resumed) {
      let record: MultipartRecord | null = resumed ? { ...resumed, parts: [...resumed.parts] } : null;
      let writing: Promise<void> | null = null;
      let dirty = false;
      let forgotten = false;
      // Parts finish faster than storage writes on some phones: one write at a time, the latest state wins.
      const flush = () => {
        if (writing || !record || forgotten) {
          dirty = true;
          return;
        }
        dirty = false;
        writing = save(record)
          .catch(() => undefined)
          .finally(() => {
            writing = null;
            if (dirty) flush();
          });
      };
      return {
        async uploadStarted(uploadId) {
          const who = await scope().catch(() => null);
          // Nobody to keep it for: the upload goes on, but a closed app starts it over.
          record = who ? { v: 2, userId: who.userId, ...base, uploadId, parts: [], startedAt: now() } : null;
          if (record) await save(record);
        },
        partFinished(part: FinishedPart) {
          if (!record) return;
          record.parts = [...record.parts.filter((p) => p.partNumber !== part.partNumber), part];
          flush();
        },
        async forget() {
          forgotten = true;
          if (writing) await writing;
          if (record) await dropNow(record.userId, base.ticket.key);
        },
      };
    },
    async drop(key) {
      const who = await scope();
      if (who) await dropNow(who.userId, key);
    },
  };
}

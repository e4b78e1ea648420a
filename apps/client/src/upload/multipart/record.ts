/**
 * Multipart uploads in flight, kept in Taro storage (wx storage, localStorage, AsyncStorage) so an upload
 * cut by a closed app resumes from its stored parts: per file the home, what was asked (name, size, type
 * and the qetag, the content hash the picker computes, which is the file's fingerprint), the ticket (key
 * and plan), the uploadId and the finished parts. One entry per file, at most MAX_RECORDS, each dropped on
 * success, cancel, a failure for good, or after RECORD_MAX_AGE_MS (Qiniu keeps an uploadId 7 days). An
 * entry that does not parse as one of ours is ignored and removed. A file is resumed only when picked again
 * with the same fingerprint: a record without a qetag is never matched, it only waits to expire.
 */
import { MULTIPART_PARTS_MAX, zMultipartPlan, zUploadRequest, zUploadTicket } from '@xiaojia/shared';
import { z } from 'zod';
import { isMissingKey, type TaroStorage } from '../../api/token-store';
import type { Journal } from './engine';
import type { FinishedPart } from './parts';

export const RECORD_INDEX_KEY = 'xiaojia.multipart.index';
export const RECORD_KEY_PREFIX = 'xiaojia.multipart:';
export const MAX_RECORDS = 20;
export const RECORD_MAX_AGE_MS = 6 * 24 * 60 * 60 * 1000;

const zUploadOnly = zUploadTicket.options[0];
const zRecord = z.object({
  v: z.literal(1),
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

export interface RecordStore {
  get(key: string): Promise<MultipartRecord | null>;
  /** Every stored upload still worth resuming (expired and broken ones are removed). */
  list(): Promise<MultipartRecord[]>;
  /** Where a new or resumed upload of `ticket` keeps its progress. */
  journal(
    base: Omit<MultipartRecord, 'v' | 'uploadId' | 'parts' | 'startedAt'>,
    resumed: MultipartRecord | null,
  ): Journal;
  drop(key: string): Promise<void>;
}

export function createRecordStore(storage: TaroStorage, now: () => number = Date.now): RecordStore {
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

  async function readIndex(): Promise<string[]> {
    const value = await read(RECORD_INDEX_KEY);
    return Array.isArray(value)
      ? value.filter((key): key is string => typeof key === 'string').slice(-MAX_RECORDS)
      : [];
  }

  const writeIndex = (keys: string[]) => storage.setStorage({ key: RECORD_INDEX_KEY, data: JSON.stringify(keys) });
  const remove = (key: string) => storage.removeStorage({ key: RECORD_KEY_PREFIX + key }).catch(() => undefined);

  /** The record under `key` if it is one of ours, whole and not expired. */
  async function load(key: string): Promise<MultipartRecord | null> {
    const parsed = zRecord.safeParse(await read(RECORD_KEY_PREFIX + key));
    if (!parsed.success || parsed.data.ticket.key !== key) return null;
    const age = now() - parsed.data.startedAt;
    return age >= 0 && age < RECORD_MAX_AGE_MS ? parsed.data : null;
  }

  function dropNow(key: string): Promise<void> {
    return serial(async () => {
      await remove(key);
      const keys = await readIndex();
      if (keys.includes(key)) await writeIndex(keys.filter((k) => k !== key));
    });
  }

  function save(record: MultipartRecord): Promise<void> {
    return serial(async () => {
      const key = record.ticket.key;
      await storage.setStorage({ key: RECORD_KEY_PREFIX + key, data: JSON.stringify(record) });
      const keys = (await readIndex()).filter((k) => k !== key);
      keys.push(key);
      // Bounded: the oldest in-flight upload is forgotten first (its storage sweeps it after expiry).
      const evicted = keys.splice(0, Math.max(0, keys.length - MAX_RECORDS));
      for (const old of evicted) await remove(old);
      await writeIndex(keys);
    });
  }

  async function list(): Promise<MultipartRecord[]> {
    const keys = await serial(readIndex);
    const found: MultipartRecord[] = [];
    for (const key of keys) {
      const record = await load(key);
      if (record) found.push(record);
      else await dropNow(key);
    }
    return found;
  }

  return {
    async get(key) {
      const keys = await serial(readIndex);
      return keys.includes(key) ? load(key) : null;
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
          record = { v: 1, ...base, uploadId, parts: [], startedAt: now() };
          await save(record);
        },
        partFinished(part: FinishedPart) {
          if (!record) return;
          record.parts = [...record.parts.filter((p) => p.partNumber !== part.partNumber), part];
          flush();
        },
        async forget() {
          forgotten = true;
          if (writing) await writing;
          await dropNow(base.ticket.key);
        },
      };
    },
    drop: dropNow,
  };
}

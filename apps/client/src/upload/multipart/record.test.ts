import { describe, expect, it } from 'vitest';
import { multipartTicket } from '../../../test/support/multipart';
import { memoryStorage } from '../../../test/support/storage';
import {
  createRecordStore,
  MAX_RECORDS,
  type MultipartRecord,
  RECORD_INDEX_KEY,
  RECORD_KEY_PREFIX,
  RECORD_MAX_AGE_MS,
} from './record';

const request = (name: string) => ({
  filename: name,
  size: 30,
  mime: 'video/mp4' as const,
  qetag: `F${'a'.repeat(27)}`,
});

async function startUpload(store: ReturnType<typeof createRecordStore>, key: string) {
  const journal = store.journal({ homeId: 'h1', request: request(key), ticket: multipartTicket(key) }, null);
  await journal.uploadStarted(`up-${key}`);
  return journal;
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('records of multipart uploads in flight', () => {
  it('keeps the upload and its finished parts, and forgets it when done', async () => {
    const { storage, data } = memoryStorage();
    let clock = 1000;
    const store = createRecordStore(storage, () => clock);
    const journal = await startUpload(store, 'k1');
    journal.partFinished({ partNumber: 2, etag: 'e2' });
    journal.partFinished({ partNumber: 1, etag: 'e1' });
    journal.partFinished({ partNumber: 2, etag: 'e2b' });
    await settle();
    await settle();
    clock += 5000;
    const record = (await store.get('k1')) as MultipartRecord;
    expect(record).toMatchObject({ homeId: 'h1', uploadId: 'up-k1', startedAt: 1000 });
    expect(record.parts).toEqual([
      { partNumber: 1, etag: 'e1' },
      { partNumber: 2, etag: 'e2b' },
    ]);
    expect(await store.list()).toHaveLength(1);
    await journal.forget();
    expect(await store.get('k1')).toBeNull();
    expect([...data.keys()]).toEqual([RECORD_INDEX_KEY]);
    expect(JSON.parse(data.get(RECORD_INDEX_KEY) as string)).toEqual([]);
  });

  it('keeps at most MAX_RECORDS, forgetting the oldest first', async () => {
    const { storage, data } = memoryStorage();
    const store = createRecordStore(storage, () => 1);
    for (let i = 0; i <= MAX_RECORDS; i++) await startUpload(store, `k${i}`);
    const keys = (await store.list()).map((r) => r.ticket.key);
    expect(keys).toHaveLength(MAX_RECORDS);
    expect(keys[0]).toBe('k1');
    expect(data.has(`${RECORD_KEY_PREFIX}k0`)).toBe(false);
  });

  it('ignores and removes what is corrupted, foreign or expired', async () => {
    const { storage, data } = memoryStorage();
    let clock = 0;
    const store = createRecordStore(storage, () => clock);
    await startUpload(store, 'good');
    await startUpload(store, 'old');
    clock = 10;
    await startUpload(store, 'keep');
    // A half-written entry, one of another app's version, one filed under another key, one not JSON.
    data.set(`${RECORD_KEY_PREFIX}good`, '{"v":1,"homeId":');
    const keep = JSON.parse(data.get(`${RECORD_KEY_PREFIX}keep`) as string);
    data.set(`${RECORD_KEY_PREFIX}old`, JSON.stringify({ ...keep, v: 2 }));
    data.set(`${RECORD_KEY_PREFIX}x`, JSON.stringify(keep));
    data.set(RECORD_INDEX_KEY, JSON.stringify(['good', 'old', 'x', 42, 'keep']));
    expect((await store.list()).map((r) => r.ticket.key)).toEqual(['keep']);
    expect(JSON.parse(data.get(RECORD_INDEX_KEY) as string)).toEqual(['keep']);
    clock = 10 + RECORD_MAX_AGE_MS;
    expect(await store.list()).toEqual([]);

    data.set(RECORD_INDEX_KEY, 'not json');
    expect(await store.list()).toEqual([]);
  });
});

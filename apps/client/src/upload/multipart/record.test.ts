import { describe, expect, it } from 'vitest';
import { deviceSession, multipartTicket } from '../../../test/support/multipart';
import { memoryStorage } from '../../../test/support/storage';
import {
  createRecordStore,
  LEGACY_INDEX_KEY,
  MAX_RECORDS,
  type MultipartRecord,
  RECORD_MAX_AGE_MS,
  recordIndexKey,
  recordKey,
} from './record';

const request = (name: string) => ({
  filename: name,
  size: 30,
  mime: 'video/mp4' as const,
  qetag: `F${'a'.repeat(27)}`,
});

async function startUpload(store: ReturnType<typeof createRecordStore>, key: string, homeId = 'h1') {
  const journal = store.journal({ homeId, request: request(key), ticket: multipartTicket(key) }, null);
  await journal.uploadStarted(`up-${key}`);
  return journal;
}

const settle = () => new Promise((r) => setTimeout(r, 0));
const USER = 'user-1';

describe('records of multipart uploads in flight', () => {
  it('keeps the upload and its finished parts, and forgets it when done', async () => {
    const { storage, data } = memoryStorage();
    let clock = 1000;
    const store = createRecordStore(storage, deviceSession(USER).scope, () => clock);
    const journal = await startUpload(store, 'k1');
    journal.partFinished({ partNumber: 2, etag: 'e2' });
    journal.partFinished({ partNumber: 1, etag: 'e1' });
    journal.partFinished({ partNumber: 2, etag: 'e2b' });
    await settle();
    await settle();
    clock += 5000;
    const record = (await store.get('k1')) as MultipartRecord;
    expect(record).toMatchObject({ userId: USER, homeId: 'h1', uploadId: 'up-k1', startedAt: 1000 });
    expect(record.parts).toEqual([
      { partNumber: 1, etag: 'e1' },
      { partNumber: 2, etag: 'e2b' },
    ]);
    expect(await store.list()).toHaveLength(1);
    await journal.forget();
    expect(await store.get('k1')).toBeNull();
    expect([...data.keys()]).toEqual([recordIndexKey(USER)]);
    expect(JSON.parse(data.get(recordIndexKey(USER)) as string)).toEqual([]);
  });

  it('keeps at most MAX_RECORDS, forgetting the oldest first', async () => {
    const { storage, data } = memoryStorage();
    const store = createRecordStore(storage, deviceSession(USER).scope, () => 1);
    for (let i = 0; i <= MAX_RECORDS; i++) await startUpload(store, `k${i}`);
    const keys = (await store.list()).map((r) => r.ticket.key);
    expect(keys).toHaveLength(MAX_RECORDS);
    expect(keys[0]).toBe('k1');
    expect(data.has(recordKey(USER, 'k0'))).toBe(false);
  });

  it('ignores and removes what is corrupted, foreign or expired', async () => {
    const { storage, data } = memoryStorage();
    let clock = 0;
    const store = createRecordStore(storage, deviceSession(USER).scope, () => clock);
    await startUpload(store, 'good');
    await startUpload(store, 'old');
    await startUpload(store, 'theirs');
    clock = 10;
    await startUpload(store, 'keep');
    // A half-written entry, one of another app's version, one filed under another key, one naming another
    // owner than its place, one not JSON.
    data.set(recordKey(USER, 'good'), '{"v":2,"homeId":');
    const keep = JSON.parse(data.get(recordKey(USER, 'keep')) as string);
    data.set(recordKey(USER, 'old'), JSON.stringify({ ...keep, v: 1 }));
    data.set(recordKey(USER, 'x'), JSON.stringify(keep));
    data.set(recordKey(USER, 'theirs'), JSON.stringify({ ...keep, ticket: multipartTicket('theirs'), userId: 'u2' }));
    data.set(recordIndexKey(USER), JSON.stringify(['good', 'old', 'x', 'theirs', 42, 'keep']));
    expect((await store.list()).map((r) => r.ticket.key)).toEqual(['keep']);
    expect(JSON.parse(data.get(recordIndexKey(USER)) as string)).toEqual(['keep']);
    clock = 10 + RECORD_MAX_AGE_MS;
    expect(await store.list()).toEqual([]);

    data.set(recordIndexKey(USER), 'not json');
    expect(await store.list()).toEqual([]);
  });
});

describe('records are scoped by user and home', () => {
  it('shows another account signed in on the device none of them, and the owner all of them again', async () => {
    const { storage } = memoryStorage();
    const session = deviceSession('mum', ['h1']);
    const store = createRecordStore(storage, session.scope, () => 1);
    await startUpload(store, 'mum-video');

    session.as('dad', ['h1']);
    expect(await store.list()).toEqual([]);
    expect(await store.get('mum-video')).toBeNull();
    // Dropping by key touches only his own records.
    await store.drop('mum-video');
    await startUpload(store, 'dad-video');
    expect((await store.list()).map((r) => [r.userId, r.ticket.key])).toEqual([['dad', 'dad-video']]);

    session.as('mum', ['h1']);
    expect((await store.list()).map((r) => [r.userId, r.ticket.key])).toEqual([['mum', 'mum-video']]);
    expect(await store.get('dad-video')).toBeNull();
  });

  it('shows nothing and keeps nothing while nobody is signed in, and keeps the records for the next sign-in', async () => {
    const { storage, data } = memoryStorage();
    const session = deviceSession('mum', ['h1']);
    const store = createRecordStore(storage, session.scope, () => 1);
    await startUpload(store, 'v1');
    session.signOut();
    expect(await store.list()).toEqual([]);
    expect(await store.get('v1')).toBeNull();
    const before = new Map(data);
    const journal = await startUpload(store, 'v2');
    journal.partFinished({ partNumber: 1, etag: 'e' });
    await settle();
    expect(data).toEqual(before);
    session.as('mum', ['h1']);
    expect((await store.list()).map((r) => r.ticket.key)).toEqual(['v1']);
  });

  it("drops the user's records of a home they are no longer in, and keeps those of their other homes", async () => {
    const { storage, data } = memoryStorage();
    const session = deviceSession('mum', ['h1', 'h2']);
    const store = createRecordStore(storage, session.scope, () => 1);
    await startUpload(store, 'in-h1', 'h1');
    await startUpload(store, 'in-h2', 'h2');
    session.as('mum', ['h1']);
    expect(await store.get('in-h2')).toBeNull();
    expect((await store.list()).map((r) => r.ticket.key)).toEqual(['in-h1']);
    expect(data.has(recordKey('mum', 'in-h2'))).toBe(false);
    // Back in that home later: the upload is gone for good (its storage sweeps it).
    session.as('mum', ['h1', 'h2']);
    expect((await store.list()).map((r) => r.ticket.key)).toEqual(['in-h1']);
  });

  it('drops the records kept before scoping, which name no owner', async () => {
    const { storage, data } = memoryStorage();
    data.set(LEGACY_INDEX_KEY, JSON.stringify(['old-key']));
    data.set('xiaojia.multipart:old-key', JSON.stringify({ v: 1, homeId: 'h1' }));
    const store = createRecordStore(storage, deviceSession('mum', ['h1']).scope, () => 1);
    expect(await store.list()).toEqual([]);
    expect(data.has(LEGACY_INDEX_KEY)).toBe(false);
    expect(data.has('xiaojia.multipart:old-key')).toBe(false);
  });
});

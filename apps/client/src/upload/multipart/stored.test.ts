import { describe, expect, it } from 'vitest';
import { deviceSession, multipartTicket } from '../../../test/support/multipart';
import { memoryStorage } from '../../../test/support/storage';
import type { PickedFile, UploadItem } from '../queue';
import { createRecordStore } from './record';
import { canReopenFiles, continueStoredUploads, interruptedOf, notInQueue } from './stored';

const request = { filename: 'steps.mp4', size: 45, mime: 'video/mp4' as const, qetag: `F${'s'.repeat(27)}` };

async function storeWith(path?: string) {
  const store = createRecordStore(memoryStorage().storage, deviceSession().scope);
  const journal = store.journal(
    { homeId: 'h1', request, ticket: multipartTicket('k/1.mp4'), ...(path ? { path } : {}) },
    null,
  );
  await journal.uploadStarted('up-1');
  journal.partFinished({ partNumber: 1, etag: 'e1' });
  await new Promise((r) => setTimeout(r, 0));
  return store;
}

describe('uploads a closed app cut', () => {
  it('rejoin the queue by their stored path where the platform can reopen files, named as picked', async () => {
    const store = await storeWith('wxfile://tmp_abc.mp4');
    const added: [string, PickedFile[]][] = [];
    const queue = {
      add: (homeId: string, files: readonly PickedFile[]) => {
        added.push([homeId, [...files]]);
        return ['u1'];
      },
    };
    expect(await continueStoredUploads(queue, store, true)).toBe(1);
    expect(added).toEqual([
      [
        'h1',
        [
          {
            path: 'wxfile://tmp_abc.mp4',
            name: 'steps.mp4',
            size: 45,
            mime: 'video/mp4',
            source: { path: 'wxfile://tmp_abc.mp4', size: 45 },
          },
        ],
      ],
    ]);
  });

  it('wait to be picked again in a browser, which cannot reopen a File after a reload', async () => {
    const store = await storeWith('blob:http://x/1');
    const added: unknown[] = [];
    const queue = {
      add: (...args: unknown[]) => {
        added.push(args);
        return [];
      },
    };
    expect(await continueStoredUploads(queue, store, canReopenFiles('h5'))).toBe(0);
    expect(added).toEqual([]);
    expect(canReopenFiles('weapp')).toBe(true);
    expect(canReopenFiles('rn')).toBe(true);
    const [record] = await store.list();
    expect(interruptedOf(record as never)).toEqual({
      key: 'k/1.mp4',
      homeId: 'h1',
      filename: 'steps.mp4',
      size: 45,
      partsDone: 1,
      partsTotal: 5,
    });
  });

  it('leave the interrupted list once the same file is in the queue again', async () => {
    const [record] = await (await storeWith()).list();
    const stored = [interruptedOf(record as never)];
    const item = (status: UploadItem['status'], homeId = 'h1'): UploadItem => ({
      id: 'u1',
      homeId,
      file: { path: 'blob:1', name: 'steps.mp4', size: 45, mime: 'video/mp4' },
      status,
      loaded: 0,
      error: null,
      rejection: null,
      photoId: null,
    });
    expect(notInQueue(stored, [item('uploading')])).toEqual([]);
    expect(notInQueue(stored, [item('failed')])).toEqual(stored);
    expect(notInQueue(stored, [item('uploading', 'h2')])).toEqual(stored);
  });
});

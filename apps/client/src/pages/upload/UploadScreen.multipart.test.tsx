import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import type { UploadTicket } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { home } from '../../../test/support/homes';
import { deviceSession, multipartTicket, qiniuBucket } from '../../../test/support/multipart';
import { memoryStorage } from '../../../test/support/storage';
import { isSessionLost } from '../../api/query';
import { setLocale } from '../../i18n';
import { manualNetwork } from '../../upload/multipart/net-gate';
import { createRecordStore } from '../../upload/multipart/record';
import { interruptedOf } from '../../upload/multipart/stored';
import { forgetStoredUpload, withMultipart } from '../../upload/multipart/transport';
import { createUploadQueue, type PickedFile, type UploadTransport } from '../../upload/queue';
import { UploadScreen } from './UploadScreen';

const SIZE = 45;
const video = (name = 'first-steps.mp4'): PickedFile => ({
  path: `blob:${name}`,
  name,
  size: SIZE,
  mime: 'video/mp4',
  qetag: `F${'v'.repeat(27)}`,
});

function setup() {
  const device = memoryStorage();
  const bucket = qiniuBucket();
  const network = manualNetwork(true);
  const records = createRecordStore(device.storage, deviceSession().scope);
  let next = 1;
  const inner: UploadTransport = {
    createTickets: async (_homeId, files) => files.map((): UploadTicket => multipartTicket(`k/${next++}.mp4`)),
    send: async () => undefined,
    confirm: () => new Promise(() => {}),
  };
  const deps = { api: { uploads: {} as never }, http: bucket.http, records };
  const transport = withMultipart(inner, {
    ...deps,
    network,
    read: async (_file, start, length) => new Uint8Array(length).fill(start % 256).buffer,
    tuning: { sleep: async () => undefined, random: () => 0, retry: { attempts: 2, baseMs: 1, maxMs: 1 } },
  });
  const queue = createUploadQueue({ transport, isSessionLost });
  const stored = {
    canReopen: false,
    list: async () => (await records.list()).map(interruptedOf),
    forget: async (key: string) => {
      const record = await records.get(key);
      if (record) await forgetStoredUpload(deps, record);
    },
  };
  return { bucket, network, queue, records, stored };
}

function show(app: Pick<ReturnType<typeof setup>, 'queue' | 'stored'>, files: PickedFile[] = [video()]) {
  render(
    <UploadScreen
      home={home('h1', 'member')}
      queue={app.queue}
      pickPhotos={async () => ({ files })}
      stored={app.stored}
    />,
  );
}

const statusText = () => document.querySelector('.upload-item__status')?.textContent ?? null;
const settle = () => act(async () => new Promise((r) => setTimeout(r, 20)));

describe('upload screen: large files in parts', () => {
  beforeEach(() => setLocale('zh-CN'));
  afterEach(() => {
    cleanup();
    setLocale('zh-CN');
  });

  it('says it waits for the network while offline, in Chinese and English', async () => {
    const { bucket, network, queue, stored } = setup();
    bucket.holdParts((n) => n >= 2);
    show({ queue, stored });
    fireEvent.click(document.querySelector('#pick-album') as Element);
    await settle();
    expect(statusText()).toMatch(/^上传中 \d+%$/);
    act(() => network.set(false));
    await settle();
    expect(statusText()).toBe('网络断开了，恢复后自动继续');
    act(() => setLocale('en'));
    expect(statusText()).toBe('Offline: continues by itself when the network returns');
  });

  it('lists an interrupted upload, offers to pick the file again, and forgets it on the storage too', async () => {
    const first = setup();
    first.bucket.holdParts((n) => n >= 3);
    first.queue.add('h1', [video()]);
    await settle();
    // The app closed: a new screen over the same device storage, nothing in the queue.
    const queue = createUploadQueue({ transport: {} as UploadTransport, isSessionLost });
    show({ queue, stored: first.stored }, []);
    await waitFor(() => expect(document.querySelector('#upload-interrupted')).not.toBeNull());
    const box = document.querySelector('#upload-interrupted') as HTMLElement;
    expect(box.textContent).toContain('1 个大文件的上传中断了');
    expect(box.textContent).toContain('再选一次同一个文件');
    expect(box.textContent).toContain('first-steps.mp4 · 已传 2/5 段');
    expect(first.bucket.uploads.size).toBe(1);
    fireEvent.click(box.querySelector('.upload-item__action') as Element);
    await waitFor(() => expect(document.querySelector('#upload-interrupted')).toBeNull());
    expect(first.bucket.uploads.size).toBe(0);
    expect(await first.records.list()).toEqual([]);
  });

  it('explains a part refused by the storage', async () => {
    const { bucket, queue, stored } = setup();
    show({ queue, stored });
    // The storage keeps failing: the file fails after its retries, and says how to go on.
    bucket.setDown(true);
    fireEvent.click(document.querySelector('#pick-album') as Element);
    await settle();
    expect(statusText()).toMatch(
      /^失败：网络不稳定，重试多次仍未成功（Network request failed: connection refused），点重试从断点继续$/,
    );
  });
});

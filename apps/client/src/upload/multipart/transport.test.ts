import type { ConfirmUploadInput, HomeRef, UploadRequest, UploadTicket } from '@xiaojia/shared';
import { describe, expect, it } from 'vitest';
import { deviceSession, multipartTicket, qiniuBucket } from '../../../test/support/multipart';
import { photo } from '../../../test/support/screen';
import { memoryStorage } from '../../../test/support/storage';
import { isSessionLost } from '../../api/query';
import { createUploadQueue, type PickedFile, type UploadTransport } from '../queue';
import { manualNetwork, type NetworkMonitor } from './net-gate';
import { createRecordStore, type MultipartRecord } from './record';
import { withMultipart } from './transport';

const flush = async (rounds = 10) => {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0));
};

const HOME = 'home-1';
const QETAG = `F${'q'.repeat(27)}`;
const SIZE = 45;
const CONTENT = Uint8Array.from({ length: SIZE }, (_, i) => (i * 7) % 256);

function picked(name = 'v.mp4', qetag = QETAG): PickedFile {
  return { path: `blob:${name}`, name, size: SIZE, mime: 'video/mp4', qetag };
}

/** The API's side as the queue sees it: multipart tickets for every file, confirm answering a photo. */
function server() {
  const asked: UploadRequest[] = [];
  const confirmed: (HomeRef & ConfirmUploadInput)[] = [];
  let next = 1;
  const inner: UploadTransport = {
    async createTickets(_homeId, files) {
      asked.push(...files);
      return files.map((): UploadTicket => multipartTicket(`homes/h1/${next++}.mp4`));
    },
    async send() {
      throw new Error('a multipart ticket went the single-request way');
    },
    async confirm(input) {
      confirmed.push(input);
      return { photo: photo(`p-${input.key}`), duplicate: false };
    },
  };
  return { inner, asked, confirmed };
}

/** The app as it starts: its queue over the device's storage, the bucket and the network. */
function app(
  device: ReturnType<typeof memoryStorage>,
  bucket: ReturnType<typeof qiniuBucket>,
  api: ReturnType<typeof server>,
  network: NetworkMonitor = manualNetwork(true),
  session = deviceSession(),
) {
  const records = createRecordStore(device.storage, session.scope);
  const transport = withMultipart(api.inner, {
    api: { uploads: {} as never },
    http: bucket.http,
    records,
    network,
    read: async (_file, start, length) => CONTENT.slice(start, start + length).buffer,
    tuning: { parallelism: 2, sleep: async () => undefined, random: () => 0 },
  });
  const queue = createUploadQueue({ transport, isSessionLost });
  return { queue, records };
}

/**
 * An upload cut by a closed app (parts from `heldFrom` on never get through), then the app started again
 * over the same device storage and bucket; `whileClosed` changes the bucket in between.
 */
async function cutThenReopened(
  heldFrom: number,
  whileClosed: (bucket: ReturnType<typeof qiniuBucket>, stored: MultipartRecord[]) => void = () => undefined,
) {
  const device = memoryStorage();
  const bucket = qiniuBucket();
  const api = server();
  bucket.holdParts((n) => n >= heldFrom);
  const first = app(device, bucket, api);
  first.queue.add(HOME, [picked()]);
  await flush(30);
  const stored = await first.records.list();
  whileClosed(bucket, stored);
  bucket.holdParts(() => false);
  bucket.requests.length = 0;
  return { bucket, api, stored, again: app(device, bucket, api) };
}

describe('multipart uploads in the queue', () => {
  it('sends a file with a multipart ticket in parts, whole, confirms it and forgets its record', async () => {
    const device = memoryStorage();
    const bucket = qiniuBucket();
    const api = server();
    const { queue, records } = app(device, bucket, api);
    queue.add(HOME, [picked()]);
    await flush(30);
    expect(queue.getSnapshot().items[0]?.status).toBe('done');
    expect(bucket.objects.get('homes/h1/1.mp4')).toEqual(CONTENT);
    expect(api.confirmed.map((c) => c.key)).toEqual(['homes/h1/1.mp4']);
    expect(await records.list()).toEqual([]);
  });

  it('after the app is closed mid-upload, picking the same file again resumes from the stored parts', async () => {
    const { bucket, api, stored, again } = await cutThenReopened(3, (closed, kept) => {
      // A part landed after the last record write (the app closed first): listParts tells.
      const upload = closed.uploads.get(kept[0]?.uploadId as string);
      upload?.parts.set(3, { etag: 'etag-late', bytes: CONTENT.slice(20, 30) });
    });
    expect(stored[0]?.parts.map((p) => p.partNumber).sort()).toEqual([1, 2]);
    again.queue.add(HOME, [picked()]);
    await flush(30);
    expect(again.queue.getSnapshot().items[0]?.status).toBe('done');
    // No new ticket, no new upload: the stored parts are listed and only the missing ones sent.
    expect(api.asked).toHaveLength(1);
    expect(bucket.requests.filter((r) => r.startsWith('PUT')).map((r) => r.split('/').pop())).toEqual(['4', '5']);
    expect(bucket.requests.some((r) => r.startsWith('GET'))).toBe(true);
    expect(bucket.objects.get('homes/h1/1.mp4')).toEqual(CONTENT);
    expect(await again.records.list()).toEqual([]);
  });

  it('does not take a different file with the same name for the stored one', async () => {
    const { api, again } = await cutThenReopened(2);
    again.queue.add(HOME, [picked('v.mp4', `F${'z'.repeat(27)}`)]);
    await flush(30);
    expect(api.asked).toHaveLength(2);
    expect(again.queue.getSnapshot().items[0]?.status).toBe('done');
    // The first upload is still stored, waiting for its own file.
    expect((await again.records.list()).map((r) => r.ticket.key)).toEqual(['homes/h1/1.mp4']);
  });

  it("never resumes another account's stored upload of the same file, and leaves it to its owner", async () => {
    const device = memoryStorage();
    const bucket = qiniuBucket();
    const api = server();
    const session = deviceSession('mum', [HOME]);
    bucket.holdParts((n) => n >= 2);
    const mum = app(device, bucket, api, manualNetwork(true), session);
    mum.queue.add(HOME, [picked()]);
    await flush(30);
    bucket.holdParts(() => false);
    // Mum's app closed; dad signs in on the same phone and picks the same video for the same home.
    session.as('dad', [HOME]);
    const dad = app(device, bucket, api, manualNetwork(true), session);
    expect(await dad.records.list()).toEqual([]);
    dad.queue.add(HOME, [picked()]);
    await flush(30);
    expect(dad.queue.getSnapshot().items[0]?.status).toBe('done');
    expect(api.asked).toHaveLength(2);
    expect(bucket.objects.get('homes/h1/2.mp4')).toEqual(CONTENT);
    session.as('mum', [HOME]);
    expect((await mum.records.list()).map((r) => [r.userId, r.ticket.key])).toEqual([['mum', 'homes/h1/1.mp4']]);
  });

  it('starts over cleanly, and says so, when the stored upload is gone from the bucket', async () => {
    // The bucket swept the unfinished upload while the app was closed.
    const { bucket, api, again } = await cutThenReopened(2, (closed) => closed.uploads.clear());
    again.queue.add(HOME, [picked()]);
    await flush(40);
    const item = again.queue.getSnapshot().items[0];
    expect(item?.status).toBe('done');
    expect(item?.restarted).toBe(true);
    expect(api.asked).toHaveLength(2);
    expect(bucket.objects.get('homes/h1/2.mp4')).toEqual(CONTENT);
    expect(await again.records.list()).toEqual([]);
  });

  it('shows "waiting for network" while offline and finishes when the network returns', async () => {
    const device = memoryStorage();
    const bucket = qiniuBucket();
    const api = server();
    const network = manualNetwork(true);
    bucket.holdParts((n) => n >= 2);
    const { queue } = app(device, bucket, api, network);
    queue.add(HOME, [picked()]);
    await flush(30);
    network.set(false);
    await flush();
    expect(queue.getSnapshot().items[0]).toMatchObject({ status: 'uploading', waitingForNetwork: true });
    bucket.holdParts(() => false);
    network.set(true);
    await flush(30);
    expect(queue.getSnapshot().items[0]).toMatchObject({ status: 'done', waitingForNetwork: false });
    expect(bucket.objects.get('homes/h1/1.mp4')).toEqual(CONTENT);
  });

  it('cancelling a file aborts its upload in the bucket and forgets it on the device', async () => {
    const device = memoryStorage();
    const bucket = qiniuBucket();
    const api = server();
    bucket.holdParts((n) => n >= 2);
    const { queue, records } = app(device, bucket, api);
    const [id] = queue.add(HOME, [picked()]);
    await flush(30);
    expect(bucket.uploads.size).toBe(1);
    queue.cancel(id as string);
    await flush(30);
    expect(queue.getSnapshot().items[0]?.status).toBe('cancelled');
    expect(bucket.uploads.size).toBe(0);
    expect(bucket.requests.at(-1)).toMatch(/^DELETE /);
    expect(await records.list()).toEqual([]);
  });
});

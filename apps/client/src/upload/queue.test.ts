import type { ConfirmUploadInput, HomeRef, UploadRequest, UploadTicket } from '@xiaojia/shared';
import { describe, expect, it, vi } from 'vitest';
import { isSessionLost } from '../api/query';
import { type CancelSignal, createUploadQueue, type PickedFile, UploadCancelled, type UploadTransport } from './queue';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

function file(name: string, size = 1000): PickedFile {
  return { path: `blob:${name}`, name, size, mime: 'image/jpeg', width: 400, height: 300 };
}

const HOME = 'home-1';

const PHOTO = {
  uploaderId: 'user-1',
  filename: 'x.jpg',
  mime: 'image/jpeg',
  size: 1000,
  width: 400,
  height: 300,
  takenAt: null,
  createdAt: '2026-05-01T08:00:00.000Z',
  sortAt: '2026-05-01T08:00:00.000Z',
  deletedAt: null,
  thumbUrl: null,
  availability: 'ok' as const,
};

function appError(appCode: string) {
  return Object.assign(new Error(appCode), { data: { appCode } });
}

/**
 * A transport whose every step waits until the test releases it, recording what ran: the queue under test
 * is real, only the network is played.
 */
function scriptedTransport() {
  const sends = new Map<
    string,
    { done: ReturnType<typeof deferred<void>>; progress(n: number): void; signal: CancelSignal }
  >();
  const confirms: (HomeRef & ConfirmUploadInput)[] = [];
  const requests: (HomeRef & UploadRequest)[] = [];
  let running = 0;
  let maxRunning = 0;
  let ticketFor: (name: string) => UploadTicket | Error = (name) => ({
    kind: 'upload',
    key: `k/${name}`,
    uploadUrl: 'https://up.example/',
    fields: { token: 't', key: `k/${name}` },
    expiresAt: '2030-01-01T00:00:00.000Z',
  });
  let confirmWith: (
    input: HomeRef & ConfirmUploadInput,
  ) => Promise<{ photo: typeof PHOTO & { id: string }; duplicate: boolean }> = async (input) => ({
    photo: { ...PHOTO, id: `photo-${input.key}` },
    duplicate: false,
  });
  const transport: UploadTransport = {
    async createTicket(request) {
      requests.push(request);
      const ticket = ticketFor(request.filename);
      if (ticket instanceof Error) throw ticket;
      return ticket;
    },
    send(_ticket, picked, onProgress, signal) {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      const done = deferred<void>();
      signal.onCancel(() => done.reject(new UploadCancelled()));
      sends.set(picked.name, { done, progress: onProgress, signal });
      return done.promise.finally(() => {
        running -= 1;
      });
    },
    confirm(input) {
      confirms.push(input);
      return confirmWith(input);
    },
  };
  return {
    transport,
    sends,
    confirms,
    requests,
    running: () => running,
    maxRunning: () => maxRunning,
    setTicket(fn: typeof ticketFor) {
      ticketFor = fn;
    },
    setConfirm(fn: typeof confirmWith) {
      confirmWith = fn;
    },
    async finish(name: string) {
      const send = sends.get(name);
      if (!send) throw new Error(`${name} was never sent`);
      send.done.resolve();
      await flush();
    },
  };
}

function statusOf(queue: ReturnType<typeof createUploadQueue>) {
  return Object.fromEntries(queue.getSnapshot().items.map((item) => [item.file.name, item.status]));
}

describe('upload queue', () => {
  it('sends at most three files at once and starts the next as one finishes', async () => {
    const net = scriptedTransport();
    const queue = createUploadQueue({ transport: net.transport, isSessionLost });
    queue.add(
      HOME,
      ['a', 'b', 'c', 'd', 'e'].map((n) => file(n)),
    );
    await flush();
    expect(net.running()).toBe(3);
    expect([...net.sends.keys()]).toEqual(['a', 'b', 'c']);
    expect(statusOf(queue)).toMatchObject({ a: 'uploading', d: 'waiting', e: 'waiting' });
    await net.finish('b');
    expect(statusOf(queue).b).toBe('done');
    expect([...net.sends.keys()]).toEqual(['a', 'b', 'c', 'd']);
    for (const name of ['a', 'c', 'd']) await net.finish(name);
    await net.finish('e');
    expect(net.maxRunning()).toBe(3);
    expect(Object.values(statusOf(queue))).toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(net.confirms.map((c) => c.key)).toEqual(['k/b', 'k/a', 'k/c', 'k/d', 'k/e']);
    expect(net.confirms[0]).toEqual({ homeId: HOME, key: 'k/b', width: 400, height: 300 });
  });

  it('lands each file in the home it was picked for, even when the user switches homes meanwhile', async () => {
    const net = scriptedTransport();
    const queue = createUploadQueue({ transport: net.transport, isSessionLost, parallelism: 1 });
    queue.add('home-a', [file('a1'), file('a2')]);
    await flush();
    // The user switched to another home and picked more while a1 was still on its way.
    queue.add('home-b', [file('b1')]);
    for (const name of ['a1', 'a2', 'b1']) await net.finish(name);
    expect(net.requests.map((r) => [r.filename, r.homeId])).toEqual([
      ['a1', 'home-a'],
      ['a2', 'home-a'],
      ['b1', 'home-b'],
    ]);
    expect(net.confirms.map((c) => [c.key, c.homeId])).toEqual([
      ['k/a1', 'home-a'],
      ['k/a2', 'home-a'],
      ['k/b1', 'home-b'],
    ]);
    expect(queue.getSnapshot().items.map((item) => item.homeId)).toEqual(['home-a', 'home-a', 'home-b']);
  });

  it('refuses a parallelism that is not a positive integer', () => {
    const net = scriptedTransport();
    expect(() => createUploadQueue({ transport: net.transport, isSessionLost, parallelism: 0 })).toThrow(RangeError);
  });

  it('reports per-file and overall progress by bytes', async () => {
    const net = scriptedTransport();
    const queue = createUploadQueue({ transport: net.transport, isSessionLost });
    queue.add(HOME, [file('a', 1000), file('b', 3000)]);
    await flush();
    net.sends.get('a')?.progress(500);
    net.sends.get('b')?.progress(1500);
    const items = queue.getSnapshot().items;
    expect(items.map((i) => i.loaded)).toEqual([500, 1500]);
    expect(queue.getSnapshot().overall).toMatchObject({
      total: 2,
      finished: 0,
      bytesLoaded: 2000,
      bytesTotal: 4000,
      percent: 50,
      busy: true,
    });
    await net.finish('a');
    await net.finish('b');
    expect(queue.getSnapshot().overall).toMatchObject({ finished: 2, percent: 100, busy: false });
  });

  it('marks a failed file and sends it again on retry', async () => {
    const net = scriptedTransport();
    const queue = createUploadQueue({ transport: net.transport, isSessionLost });
    const [id] = queue.add(HOME, [file('a')]);
    await flush();
    net.sends.get('a')?.done.reject(new TypeError('Network request failed: timeout'));
    await flush();
    const failed = queue.getSnapshot().items[0];
    expect(failed?.status).toBe('failed');
    expect(String(failed?.error)).toContain('timeout');
    expect(queue.getSnapshot().overall.failed).toBe(1);
    queue.retry(id ?? '');
    await flush();
    expect(statusOf(queue).a).toBe('uploading');
    await net.finish('a');
    expect(statusOf(queue).a).toBe('done');
    expect(queue.getSnapshot().items[0]?.error).toBeNull();
  });

  it('cancels a running transfer (aborting it) and a waiting file (never sent)', async () => {
    const net = scriptedTransport();
    const queue = createUploadQueue({ transport: net.transport, isSessionLost, parallelism: 1 });
    const [a, b] = queue.add(HOME, [file('a'), file('b'), file('c')]);
    await flush();
    queue.cancel(b ?? '');
    queue.cancel(a ?? '');
    await flush();
    expect(net.sends.get('a')?.signal.cancelled).toBe(true);
    expect(statusOf(queue)).toEqual({ a: 'cancelled', b: 'cancelled', c: 'uploading' });
    expect(net.sends.has('b')).toBe(false);
    await net.finish('c');
    expect(net.confirms.map((c) => c.key)).toEqual(['k/c']);
    expect(queue.getSnapshot().overall).toMatchObject({ total: 1, finished: 1 });
    queue.clearFinished();
    expect(queue.getSnapshot().items).toEqual([]);
  });

  it('reports duplicates found before the upload (ticket) and after it (confirm) without failing', async () => {
    const net = scriptedTransport();
    net.setTicket((name) =>
      name === 'known'
        ? { kind: 'duplicate', photoId: 'photo-old' }
        : {
            kind: 'upload',
            key: `k/${name}`,
            uploadUrl: 'u',
            fields: { token: 't', key: `k/${name}` },
            expiresAt: 'x',
          },
    );
    net.setConfirm(async (input) => ({ photo: { ...PHOTO, id: 'photo-same' }, duplicate: input.key === 'k/same' }));
    const drained = vi.fn();
    const queue = createUploadQueue({ transport: net.transport, isSessionLost, onDrained: drained });
    queue.add(HOME, [file('known'), file('same'), file('new')]);
    await flush();
    expect(net.sends.has('known')).toBe(false);
    await net.finish('same');
    await net.finish('new');
    expect(statusOf(queue)).toEqual({ known: 'duplicate', same: 'duplicate', new: 'done' });
    expect(queue.getSnapshot().items[0]?.photoId).toBe('photo-old');
    expect(queue.getSnapshot().overall).toMatchObject({ finished: 3, duplicates: 2, failed: 0 });
    expect(drained).toHaveBeenCalledTimes(1);
    expect(drained).toHaveBeenCalledWith({ uploaded: 1, duplicates: 2 });
  });

  it('pauses on an expired session instead of failing, says so once, and carries on after resume', async () => {
    const net = scriptedTransport();
    let expired = true;
    net.setConfirm(async (input) => {
      if (expired) throw appError('SESSION_EXPIRED');
      return { photo: { ...PHOTO, id: `photo-${input.key}` }, duplicate: false };
    });
    const lost = vi.fn();
    const drained = vi.fn();
    const queue = createUploadQueue({
      transport: net.transport,
      isSessionLost,
      onSessionLost: lost,
      onDrained: drained,
      parallelism: 2,
    });
    queue.add(HOME, [file('a'), file('b'), file('c')]);
    await flush();
    await net.finish('a');
    await net.finish('b');
    expect(statusOf(queue)).toEqual({ a: 'paused', b: 'paused', c: 'waiting' });
    expect(net.sends.has('c')).toBe(false);
    expect(lost).toHaveBeenCalledTimes(1);
    expect(queue.getSnapshot().overall.paused).toBe(true);
    // Picked while signed out: waits too.
    queue.add(HOME, [file('d')]);
    expect(statusOf(queue).d).toBe('paused');

    expired = false;
    net.sends.clear();
    queue.resume();
    await flush();
    for (const name of ['a', 'b']) await net.finish(name);
    for (const name of ['c', 'd']) await net.finish(name);
    expect(Object.values(statusOf(queue))).toEqual(['done', 'done', 'done', 'done']);
    expect(drained).toHaveBeenCalledWith({ uploaded: 4, duplicates: 0 });
  });

  it('fails a file on other app errors (e.g. too large) without pausing the queue', async () => {
    const net = scriptedTransport();
    net.setTicket((name) =>
      name === 'huge'
        ? appError('UPLOAD_TOO_LARGE')
        : {
            kind: 'upload',
            key: `k/${name}`,
            uploadUrl: 'u',
            fields: { token: 't', key: `k/${name}` },
            expiresAt: 'x',
          },
    );
    const lost = vi.fn();
    const queue = createUploadQueue({ transport: net.transport, isSessionLost, onSessionLost: lost });
    queue.add(HOME, [file('huge'), file('ok')]);
    await flush();
    await net.finish('ok');
    expect(statusOf(queue)).toEqual({ huge: 'failed', ok: 'done' });
    expect(lost).not.toHaveBeenCalled();
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { deferred } from '../../test/support/upload';
import {
  appError,
  file,
  flush,
  HOME,
  PHOTO,
  scriptedTransport,
  statusOf,
  uploadTicket,
} from '../../test/support/upload-queue';
import { isSessionLost } from '../api/query';
import { pickedFileOf, preparePickedFile } from './picker';
import { createUploadQueue, FileRejected, type PickedFile, TICKET_USE_MS } from './queue';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

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
    net.setTicket((name) => (name === 'known' ? { kind: 'duplicate', photoId: 'photo-old' } : uploadTicket(name)));
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
    expect(statusOf(queue).d).toBe('preparing');
    await flush();
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

  it("lists a file the server's cap refuses as too large and uploads the rest of its batch", async () => {
    const net = scriptedTransport();
    net.setTicket((name) =>
      name === 'huge'
        ? Object.assign(new Error('UPLOAD_TOO_LARGE'), {
            data: { appCode: 'UPLOAD_TOO_LARGE', details: { field: 'files.0.size', maxBytes: 5000 } },
          })
        : uploadTicket(name),
    );
    const lost = vi.fn();
    const queue = createUploadQueue({ transport: net.transport, isSessionLost, onSessionLost: lost });
    queue.add(HOME, [file('huge', 9000), file('ok')]);
    await flush();
    await net.finish('ok');
    expect(statusOf(queue)).toEqual({ huge: 'rejected', ok: 'done' });
    expect(queue.getSnapshot().items[0]?.rejection).toEqual({ reason: 'tooLarge', maxBytes: 5000 });
    expect(queue.getSnapshot().overall).toMatchObject({ total: 1, finished: 1, rejected: 1, failed: 0, busy: false });
    expect(lost).not.toHaveBeenCalled();
  });

  it('fails the files of a batch on other app errors without pausing the queue, and retries them', async () => {
    const net = scriptedTransport();
    let broken = true;
    net.setTicket((name) => (broken ? appError('STORAGE_UNREACHABLE') : uploadTicket(name)));
    const lost = vi.fn();
    const queue = createUploadQueue({ transport: net.transport, isSessionLost, onSessionLost: lost });
    const [a] = queue.add(HOME, [file('a'), file('b')]);
    await flush();
    expect(statusOf(queue)).toEqual({ a: 'failed', b: 'failed' });
    expect(lost).not.toHaveBeenCalled();
    broken = false;
    queue.retry(a ?? '');
    await flush();
    await net.finish('a');
    expect(statusOf(queue)).toEqual({ a: 'done', b: 'failed' });
  });
});

describe('upload queue: picking and preparing', () => {
  /** A prepare step whose reads the test releases file by file. */
  function controlledPrepare() {
    const reads = new Map<string, ReturnType<typeof deferred<PickedFile>>>();
    const started: string[] = [];
    const prepare = (picked: PickedFile) => {
      started.push(picked.name);
      const read = deferred<PickedFile>();
      reads.set(picked.name, read);
      return read.promise;
    };
    return { prepare, reads, started };
  }

  it('lists every picked file at once, preparing, before any read resolves', async () => {
    const net = scriptedTransport();
    const reads = controlledPrepare();
    const queue = createUploadQueue({ transport: net.transport, isSessionLost, prepare: reads.prepare });
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'big'];
    queue.add(
      HOME,
      names.map((n) => file(n, n === 'big' ? 40_000_000 : 3_400_000)),
    );
    // Synchronously after add: all nine are in the snapshot, and nothing was read yet.
    const snapshot = queue.getSnapshot();
    expect(snapshot.items.map((item) => [item.file.name, item.status])).toEqual(names.map((n) => [n, 'preparing']));
    expect(snapshot.overall).toMatchObject({ total: 9, busy: true, finished: 0 });
    await flush();
    // One file is read at a time, in order; none is sent before the batch is prepared.
    expect(reads.started).toEqual(['a']);
    expect(net.batches).toEqual([]);
    expect(statusOf(queue).b).toBe('preparing');
  });

  it('asks uploads.create once per batch of up to 50 prepared files, with their qetags', async () => {
    const net = scriptedTransport();
    const reads = controlledPrepare();
    const queue = createUploadQueue({ transport: net.transport, isSessionLost, prepare: reads.prepare });
    const picked = Array.from({ length: 60 }, (_, i) => file(`p${i}`));
    queue.add(HOME, picked);
    for (const [index, one] of picked.entries()) {
      await flush();
      reads.reads
        .get(one.name)
        ?.resolve({ ...one, qetag: `Fq${String(index).padStart(26, '0')}`, takenAt: '2019-05-01T00:30:00.000Z' });
    }
    await flush();
    // The first 50 in one request; the other 10 are asked for when their turn comes.
    expect(net.batches.map((b) => b.names.length)).toEqual([50]);
    expect(net.requests[0]).toEqual({
      homeId: HOME,
      filename: 'p0',
      size: 1000,
      mime: 'image/jpeg',
      qetag: `Fq${'0'.repeat(26)}`,
    });
    expect(net.running()).toBe(3);
    await net.finish('p0');
    expect(net.confirms[0]).toMatchObject({ key: 'k/p0', takenAt: '2019-05-01T00:30:00.000Z' });
    for (let i = 1; i < 60; i++) await net.finish(`p${i}`);
    expect(net.batches.map((b) => b.names.length)).toEqual([50, 10]);
    expect(net.batches[1]?.names[0]).toBe('p50');
    expect(queue.getSnapshot().overall).toMatchObject({ finished: 60, busy: false });
  });

  it('skips sending what the home already has (a duplicate ticket for its qetag)', async () => {
    const net = scriptedTransport();
    net.setTicket((name) => (name === 'old' ? { kind: 'duplicate', photoId: 'photo-old' } : uploadTicket(name)));
    const drained = vi.fn();
    const queue = createUploadQueue({
      transport: net.transport,
      isSessionLost,
      onDrained: drained,
      prepare: async (picked) => ({ ...picked, qetag: `Fq${picked.name.padEnd(26, '0')}` }),
    });
    queue.add(HOME, [file('old'), file('new')]);
    await flush();
    expect(net.batches).toEqual([{ homeId: HOME, names: ['old', 'new'] }]);
    expect(net.sends.has('old')).toBe(false);
    await net.finish('new');
    expect(statusOf(queue)).toEqual({ old: 'duplicate', new: 'done' });
    expect(drained).toHaveBeenCalledWith({ uploaded: 1, duplicates: 1 });
  });

  it('lists files that cannot go with their reason, never sends them, and throws nothing', async () => {
    const net = scriptedTransport();
    const queue = createUploadQueue({
      transport: net.transport,
      isSessionLost,
      prepare: async (picked) => {
        if (picked.name === 'corrupt.jpg') throw new FileRejected('unreadable');
        if (picked.name === 'weird.jpg') throw new Error('the platform failed in an unexpected way');
        return picked;
      },
    });
    queue.add(HOME, [
      { ...file('empty.jpg', 0), rejected: { reason: 'empty' } },
      { ...file('notes.pdf'), mime: '', rejected: { reason: 'unsupported' } },
      { ...file('huge.jpg', 5e9), rejected: { reason: 'tooLarge', maxBytes: 4e9 } },
      file('corrupt.jpg'),
      file('weird.jpg'),
      file('fine.jpg'),
    ]);
    await flush();
    await net.finish('fine.jpg');
    const items = queue.getSnapshot().items;
    expect(items.map((item) => [item.file.name, item.status, item.rejection?.reason ?? null])).toEqual([
      ['empty.jpg', 'rejected', 'empty'],
      ['notes.pdf', 'rejected', 'unsupported'],
      ['huge.jpg', 'rejected', 'tooLarge'],
      ['corrupt.jpg', 'rejected', 'unreadable'],
      ['weird.jpg', 'rejected', 'unreadable'],
      ['fine.jpg', 'done', null],
    ]);
    expect(net.requests.map((r) => r.filename)).toEqual(['fine.jpg']);
    expect(queue.getSnapshot().overall).toMatchObject({ total: 1, finished: 1, rejected: 5, busy: false });
    queue.clearFinished();
    expect(queue.getSnapshot().items).toEqual([]);
  });

  it("sends a photo's ThumbHash with uploads.confirm, and confirms a photo without one all the same", async () => {
    const net = scriptedTransport();
    const thumbhash = '1QcSHQRnh493V4dIh4eXh1h4kJUI';
    const queue = createUploadQueue({
      transport: net.transport,
      isSessionLost,
      prepare: async (picked) => (picked.name === 'hashed' ? { ...picked, thumbhash } : picked),
    });
    queue.add(HOME, [file('hashed'), file('plain')]);
    await flush();
    await net.finish('hashed');
    await net.finish('plain');
    expect(net.confirms).toEqual([
      { homeId: HOME, key: 'k/hashed', width: 400, height: 300, thumbhash },
      { homeId: HOME, key: 'k/plain', width: 400, height: 300 },
    ]);
  });

  it('uploads a photo whose pixels cannot be read, only without a ThumbHash', async () => {
    const net = scriptedTransport();
    // The real prepare step, on a device that decodes the photo's size but runs out of memory drawing it.
    const queue = createUploadQueue({
      transport: net.transport,
      isSessionLost,
      prepare: (picked) =>
        preparePickedFile(picked, {
          imageSize: async () => ({ width: 2, height: 2 }),
          thumbPixels: async () => {
            throw new RangeError('out of memory');
          },
        }),
    });
    const bytes = readFileSync(path.join(fixtures, 'no-exif.jpg'));
    const photo = new File([bytes], 'a.jpg', { type: 'image/jpeg' });
    queue.add(HOME, [pickedFileOf({ path: 'blob:a', size: bytes.length, originalFileObj: photo })]);
    await vi.waitFor(() => expect(net.sends.has('a.jpg')).toBe(true));
    await net.finish('a.jpg');
    expect(statusOf(queue)).toEqual({ 'a.jpg': 'done' });
    expect(net.confirms).toEqual([{ homeId: HOME, key: 'k/a.jpg', width: 2, height: 2 }]);
  });

  it('cancels a file while it is preparing, and prepares it again on retry', async () => {
    const net = scriptedTransport();
    const reads = controlledPrepare();
    const queue = createUploadQueue({ transport: net.transport, isSessionLost, prepare: reads.prepare });
    const [a] = queue.add(HOME, [file('a')]);
    await flush();
    queue.cancel(a ?? '');
    reads.reads.get('a')?.resolve(file('a'));
    await flush();
    expect(statusOf(queue).a).toBe('cancelled');
    expect(net.batches).toEqual([]);
    queue.retry(a ?? '');
    expect(statusOf(queue).a).toBe('preparing');
    await flush();
    reads.reads.get('a')?.resolve(file('a'));
    await flush();
    await net.finish('a');
    expect(statusOf(queue).a).toBe('done');
    expect(reads.started).toEqual(['a', 'a']);
  });

  it('asks again for tickets that waited too long on the device, whatever their expiresAt says', async () => {
    const net = scriptedTransport();
    let clock = 0;
    const queue = createUploadQueue({ transport: net.transport, isSessionLost, parallelism: 1, now: () => clock });
    queue.add(HOME, [file('a'), file('b')]);
    await flush();
    expect(net.batches).toEqual([{ homeId: HOME, names: ['a', 'b'] }]);
    // a takes longer than b's ticket may be used.
    clock = TICKET_USE_MS;
    await net.finish('a');
    expect(net.batches).toEqual([
      { homeId: HOME, names: ['a', 'b'] },
      { homeId: HOME, names: ['b'] },
    ]);
    await net.finish('b');
    expect(statusOf(queue)).toEqual({ a: 'done', b: 'done' });
  });
});

/** For upload queue tests: picked files, tickets and a scripted transport the test releases step by step. */
import type { ConfirmUploadInput, HomeRef, UploadRequest, UploadTicket } from '@xiaojia/shared';
import {
  type CancelSignal,
  type createUploadQueue,
  type PickedFile,
  UploadCancelled,
  type UploadTransport,
} from '../../src/upload/queue';
import { deferred, UPLOADED_PHOTO } from './upload';

export const flush = () => new Promise((r) => setTimeout(r, 0));

export function file(name: string, size = 1000): PickedFile {
  return { path: `blob:${name}`, name, size, mime: 'image/jpeg', width: 400, height: 300 };
}

export const HOME = 'home-1';

export function uploadTicket(name: string): UploadTicket {
  return {
    kind: 'upload',
    key: `k/${name}`,
    uploadUrl: 'https://up.example/',
    fields: { token: 't', key: `k/${name}` },
    expiresAt: '2030-01-01T00:00:00.000Z',
  };
}

export const PHOTO = UPLOADED_PHOTO;

export function appError(appCode: string) {
  return Object.assign(new Error(appCode), { data: { appCode } });
}

/**
 * A transport whose every step waits until the test releases it, recording what ran: the queue under test
 * is real, only the network is played.
 */
export function scriptedTransport() {
  const sends = new Map<
    string,
    { done: ReturnType<typeof deferred<void>>; progress(n: number): void; signal: CancelSignal }
  >();
  const confirms: (HomeRef & ConfirmUploadInput)[] = [];
  const requests: (HomeRef & UploadRequest)[] = [];
  const batches: { homeId: string; names: string[] }[] = [];
  let running = 0;
  let maxRunning = 0;
  let ticketFor: (name: string) => UploadTicket | Error = (name) => uploadTicket(name);
  let confirmWith: (
    input: HomeRef & ConfirmUploadInput,
  ) => Promise<{ photo: typeof PHOTO & { id: string }; duplicate: boolean }> = async (input) => ({
    photo: { ...PHOTO, id: `photo-${input.key}` },
    duplicate: false,
  });
  const transport: UploadTransport = {
    async createTickets(homeId, files) {
      batches.push({ homeId, names: files.map((f) => f.filename) });
      for (const request of files) requests.push({ homeId, ...request });
      return files.map((request) => {
        const ticket = ticketFor(request.filename);
        if (ticket instanceof Error) throw ticket;
        return ticket;
      });
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
    batches,
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

export function statusOf(queue: ReturnType<typeof createUploadQueue>) {
  return Object.fromEntries(queue.getSnapshot().items.map((item) => [item.file.name, item.status]));
}

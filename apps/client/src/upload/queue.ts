/**
 * The upload queue: photos picked on the device go one by one through uploads.create (a ticket), a form
 * POST straight to storage (with progress), and uploads.confirm. At most `parallelism` files are in
 * flight. A failed file can be retried, a waiting or running one cancelled. When the session is lost the
 * queue pauses instead of failing its files, and `resume()` after the next sign-in carries on: it lives
 * in memory outside any screen, so leaving the upload page or being sent to sign-in does not lose it.
 * Each file keeps the home it was picked for: switching homes meanwhile still lands it in that home.
 */
import type { ConfirmUploadInput, ConfirmUploadResult, HomeRef, UploadRequest, UploadTicket } from '@xiaojia/shared';

/** A photo picked on the device. */
export interface PickedFile {
  /** Platform path: a wxfile:// temp path, a blob: URL on H5, a file:// URI on RN. */
  path: string;
  name: string;
  size: number;
  mime: string;
  width?: number;
  height?: number;
  takenAt?: string;
}

export type UploadStatus =
  | 'waiting'
  | 'uploading'
  | 'confirming'
  | 'done'
  | 'duplicate'
  | 'failed'
  | 'cancelled'
  /** Stopped by a lost session; continues after sign-in. */
  | 'paused';

export interface UploadItem {
  id: string;
  /** The home the file was picked for. */
  homeId: string;
  file: PickedFile;
  status: UploadStatus;
  /** Bytes sent so far (of file.size). */
  loaded: number;
  error: unknown;
  /** The photo in the library once done (or the existing one for a duplicate). */
  photoId: string | null;
}

/** Cancels a running transfer; the transport rejects its promise with an UploadCancelled. */
export interface CancelSignal {
  readonly cancelled: boolean;
  onCancel(listener: () => void): void;
}

export class UploadCancelled extends Error {
  override name = 'UploadCancelled';
  constructor() {
    super('upload cancelled');
  }
}

/** What the queue needs from the API and the platform; the app passes the real ones, tests their own. */
export interface UploadTransport {
  createTicket(request: HomeRef & UploadRequest): Promise<UploadTicket>;
  send(
    ticket: Extract<UploadTicket, { kind: 'upload' }>,
    file: PickedFile,
    onProgress: (loaded: number) => void,
    signal: CancelSignal,
  ): Promise<void>;
  confirm(input: HomeRef & ConfirmUploadInput): Promise<ConfirmUploadResult>;
}

export interface QueueOverall {
  /** Files that are not cancelled. */
  total: number;
  /** Files that reached the library (uploaded or already there). */
  finished: number;
  failed: number;
  duplicates: number;
  /** Bytes of all non-cancelled files, and of those sent (finished files count whole). */
  bytesTotal: number;
  bytesLoaded: number;
  /** 0-100, by bytes. */
  percent: number;
  /** Something is waiting or running. */
  busy: boolean;
  paused: boolean;
}

export interface QueueSnapshot {
  items: readonly UploadItem[];
  overall: QueueOverall;
}

export interface UploadQueueOptions {
  transport: UploadTransport;
  parallelism?: number;
  /** Whether an error means the session is gone (pause, do not fail). */
  isSessionLost(error: unknown): boolean;
  /** Told once per pause, so the app can send the user to sign-in. */
  onSessionLost?(error: unknown): void;
  /** Called whenever the queue runs dry after finishing at least one photo (refresh the timeline). */
  onDrained?(result: { uploaded: number; duplicates: number }): void;
}

export const DEFAULT_PARALLELISM = 3;

const FINAL: readonly UploadStatus[] = ['done', 'duplicate', 'cancelled'];

function summarize(items: readonly UploadItem[], paused: boolean): QueueOverall {
  let total = 0;
  let finished = 0;
  let failed = 0;
  let duplicates = 0;
  let bytesTotal = 0;
  let bytesLoaded = 0;
  let busy = false;
  for (const item of items) {
    if (item.status === 'cancelled') continue;
    total += 1;
    bytesTotal += item.file.size;
    if (item.status === 'done' || item.status === 'duplicate') {
      finished += 1;
      bytesLoaded += item.file.size;
      if (item.status === 'duplicate') duplicates += 1;
    } else {
      bytesLoaded += Math.min(item.loaded, item.file.size);
    }
    if (item.status === 'failed') failed += 1;
    if (item.status === 'waiting' || item.status === 'uploading' || item.status === 'confirming') busy = true;
  }
  const percent = bytesTotal === 0 ? 0 : Math.floor((bytesLoaded / bytesTotal) * 100);
  return { total, finished, failed, duplicates, bytesTotal, bytesLoaded, percent, busy, paused };
}

export function createUploadQueue({
  transport,
  parallelism = DEFAULT_PARALLELISM,
  isSessionLost,
  onSessionLost,
  onDrained,
}: UploadQueueOptions) {
  if (!Number.isInteger(parallelism) || parallelism < 1) throw new RangeError('parallelism must be a positive integer');
  let items: UploadItem[] = [];
  let paused = false;
  let nextId = 1;
  let finishedSinceDrain = { uploaded: 0, duplicates: 0 };
  let snapshot: QueueSnapshot = { items, overall: summarize(items, paused) };
  const listeners = new Set<() => void>();
  const cancels = new Map<string, () => void>();
  let active = 0;

  function publish() {
    snapshot = { items, overall: summarize(items, paused) };
    for (const listener of listeners) listener();
  }

  function update(id: string, patch: Partial<UploadItem>) {
    items = items.map((item) => (item.id === id ? { ...item, ...patch } : item));
    publish();
  }

  function find(id: string): UploadItem | undefined {
    return items.find((item) => item.id === id);
  }

  function pump() {
    while (!paused && active < parallelism) {
      const next = items.find((item) => item.status === 'waiting');
      if (!next) break;
      active += 1;
      update(next.id, { status: 'uploading', loaded: 0, error: null });
      void run(next.id).finally(() => {
        active -= 1;
        cancels.delete(next.id);
        pump();
        drainedCheck();
      });
    }
  }

  function drainedCheck() {
    if (active > 0 || items.some((item) => item.status === 'waiting')) return;
    const result = finishedSinceDrain;
    if (result.uploaded + result.duplicates === 0) return;
    finishedSinceDrain = { uploaded: 0, duplicates: 0 };
    onDrained?.(result);
  }

  async function run(id: string) {
    const item = find(id);
    if (!item) return;
    let cancelled = false;
    const cancelListeners: (() => void)[] = [];
    const signal: CancelSignal = {
      get cancelled() {
        return cancelled;
      },
      onCancel(listener) {
        cancelListeners.push(listener);
      },
    };
    cancels.set(id, () => {
      cancelled = true;
      for (const listener of cancelListeners) listener();
    });
    const { file, homeId } = item;
    try {
      const ticket = await transport.createTicket({
        homeId,
        filename: file.name,
        size: file.size,
        mime: file.mime as UploadRequest['mime'],
      });
      if (cancelled) throw new UploadCancelled();
      if (ticket.kind === 'duplicate') {
        finishedSinceDrain.duplicates += 1;
        update(id, { status: 'duplicate', loaded: file.size, photoId: ticket.photoId });
        return;
      }
      await transport.send(
        ticket,
        file,
        (loaded) => {
          if (!cancelled) update(id, { loaded: Math.min(loaded, file.size) });
        },
        signal,
      );
      if (cancelled) throw new UploadCancelled();
      update(id, { status: 'confirming', loaded: file.size });
      const confirmed = await transport.confirm({
        homeId,
        key: ticket.key,
        ...(file.width ? { width: file.width } : {}),
        ...(file.height ? { height: file.height } : {}),
        ...(file.takenAt ? { takenAt: file.takenAt } : {}),
      });
      if (confirmed.duplicate) finishedSinceDrain.duplicates += 1;
      else finishedSinceDrain.uploaded += 1;
      update(id, { status: confirmed.duplicate ? 'duplicate' : 'done', photoId: confirmed.photo.id });
    } catch (error) {
      if (cancelled || error instanceof UploadCancelled) {
        update(id, { status: 'cancelled', loaded: 0 });
      } else if (isSessionLost(error)) {
        const first = !paused;
        paused = true;
        update(id, { status: 'paused', loaded: 0, error });
        if (first) onSessionLost?.(error);
      } else {
        update(id, { status: 'failed', error });
      }
    }
  }

  function cancel(id: string): void {
    const item = find(id);
    if (!item) return;
    if (item.status === 'waiting' || item.status === 'paused' || item.status === 'failed') {
      update(id, { status: 'cancelled', loaded: 0 });
    } else if (item.status === 'uploading') {
      cancels.get(id)?.();
    }
  }

  return {
    getSnapshot(): QueueSnapshot {
      return snapshot;
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Queues files picked for a home; returns their item ids. */
    add(homeId: string, files: readonly PickedFile[]): string[] {
      const added = files.map((file) => ({
        id: `u${nextId++}`,
        homeId,
        file,
        status: (paused ? 'paused' : 'waiting') as UploadStatus,
        loaded: 0,
        error: null,
        photoId: null,
      }));
      items = [...items, ...added];
      publish();
      pump();
      return added.map((item) => item.id);
    },
    /** Tries a failed or cancelled file again. */
    retry(id: string): void {
      const item = find(id);
      if (!item || (item.status !== 'failed' && item.status !== 'cancelled')) return;
      update(id, { status: paused ? 'paused' : 'waiting', loaded: 0, error: null });
      pump();
    },
    /** Stops a waiting, paused or running file (a file being confirmed is already in the library). */
    cancel,
    cancelAll(): void {
      for (const item of items) cancel(item.id);
    },
    /** Forgets finished and cancelled files. */
    clearFinished(): void {
      items = items.filter((item) => !FINAL.includes(item.status));
      publish();
    },
    /** After sign-in: paused files go back in line. */
    resume(): void {
      if (!paused) return;
      paused = false;
      items = items.map((item) => (item.status === 'paused' ? { ...item, status: 'waiting' } : item));
      publish();
      pump();
    },
  };
}

export type UploadQueue = ReturnType<typeof createUploadQueue>;

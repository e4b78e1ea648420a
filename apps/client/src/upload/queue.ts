/**
 * The upload queue: photos picked on the device join it at once, each "preparing" until its turn comes to
 * read what the upload needs (EXIF taken-at, size, dimensions, qetag, ThumbHash: `prepare`, one file at a
 * time), so a pick shows in the list immediately however large the files. Prepared files get their tickets
 * from one uploads.create per batch of up to 50 (files the home already has come back as duplicates and are
 * never sent), then go by a form POST straight to storage (with progress) and uploads.confirm. At most
 * `parallelism` files are in flight. A file that cannot go at all (empty, not a photo or unreadable, too
 * large, an unsupported type) stays in the list with its reason. A failed file can be retried, a waiting
 * or running one cancelled. When the session is lost the queue pauses instead of failing its files, and
 * `resume()` after the next sign-in carries on: it lives in memory outside any screen, so leaving the
 * upload page or being sent to sign-in does not lose it. Each file keeps the home it was picked for:
 * switching homes meanwhile still lands it in that home.
 */
import {
  type ConfirmUploadInput,
  type ConfirmUploadResult,
  type HomeRef,
  type ImageVariantName,
  MAX_UPLOAD_BATCH,
  type UploadRequest,
  type UploadTicket,
} from '@xiaojia/shared';

/** Why a picked file cannot be uploaded. */
export type RejectReason = 'empty' | 'unreadable' | 'tooLarge' | 'unsupported';

export interface Rejection {
  reason: RejectReason;
  /** tooLarge: the largest size allowed. */
  maxBytes?: number;
}

/** Thrown by `prepare` for a file that cannot go; the queue lists it with the reason. */
export class FileRejected extends Error {
  override name = 'FileRejected';
  constructor(
    readonly reason: RejectReason,
    readonly maxBytes?: number,
  ) {
    super(`file rejected: ${reason}`);
  }
}

/** A photo picked on the device. */
export interface PickedFile {
  /** Platform path: a wxfile:// temp path, a blob: URL on H5, a file:// URI on RN. */
  path: string;
  name: string;
  size: number;
  /** An accepted photo or video type; empty for a file rejected as unsupported. */
  mime: string;
  width?: number;
  height?: number;
  takenAt?: string;
  /** Qiniu's content hash, computed on the device: the server answers "duplicate" for what the home has. */
  qetag?: string;
  /** ThumbHash (base64) of the photo, made on the device: the grid's placeholder until the thumbnail loads. */
  thumbhash?: string;
  /** A video's length (ms) as the device read it; sent with uploads.confirm. */
  durationMs?: number;
  /** A video's poster frame on the device (WeChat's thumbTempFilePath, a browser frame): the upload list's picture. */
  posterPath?: string;
  /** Already known not to go when picked (read nothing). */
  rejected?: Rejection;
  /** The platform's handle for reading the bytes (the picker's temp file); opaque to the queue. */
  source?: unknown;
}

export type UploadStatus =
  /** Picked; its facts (taken-at, size, hash) are read when its turn comes. */
  | 'preparing'
  | 'waiting'
  | 'uploading'
  | 'confirming'
  | 'done'
  | 'duplicate'
  | 'failed'
  | 'cancelled'
  /** Cannot be uploaded at all; `rejection` says why. */
  | 'rejected'
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
  rejection: Rejection | null;
  /** The photo in the library once done (or the existing one for a duplicate). */
  photoId: string | null;
  /** Uploading, but held until the network returns. */
  waitingForNetwork?: boolean;
  /** Its stored upload had expired or was gone: it started over from the beginning. */
  restarted?: boolean;
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

/** Thrown by `send` when the ticket can no longer be used (a resumed upload expired): ask a fresh one. */
export class UploadRestart extends Error {
  override name = 'UploadRestart';
  constructor(override readonly cause: unknown) {
    super('upload starts over');
  }
}

/** What a transfer tells the queue beyond its progress. */
export interface SendEvents {
  /** The transfer holds until the network returns (true), or goes again (false). */
  waitingForNetwork(waiting: boolean): void;
}

/** What the queue needs from the API and the platform; the app passes the real ones, tests their own. */
export interface UploadTransport {
  /** One uploads.create for up to MAX_UPLOAD_BATCH files of one home: a ticket per file, in order. */
  createTickets(homeId: string, files: readonly UploadRequest[]): Promise<UploadTicket[]>;
  send(
    ticket: Extract<UploadTicket, { kind: 'upload' }>,
    file: PickedFile,
    onProgress: (loaded: number) => void,
    signal: CancelSignal,
    events?: SendEvents,
  ): Promise<void>;
  /**
   * After `send`, for a ticket with `derivatives`: makes and stores them, answers the variants stored (a
   * failed one is left out, never thrown); rejects only with UploadCancelled.
   */
  storeDerivatives?(
    ticket: Extract<UploadTicket, { kind: 'upload' }>,
    file: PickedFile,
    signal: CancelSignal,
  ): Promise<readonly ImageVariantName[]>;
  confirm(input: HomeRef & ConfirmUploadInput): Promise<ConfirmUploadResult>;
}

export interface QueueOverall {
  /** Files that are neither cancelled nor rejected. */
  total: number;
  /** Files that reached the library (uploaded or already there). */
  finished: number;
  failed: number;
  duplicates: number;
  /** Files that cannot be uploaded (listed with their reason). */
  rejected: number;
  /** Bytes of all counted files, and of those sent (finished files count whole). */
  bytesTotal: number;
  bytesLoaded: number;
  /** 0-100, by bytes. */
  percent: number;
  /** Something is preparing, waiting or running. */
  busy: boolean;
  paused: boolean;
}

export interface QueueSnapshot {
  items: readonly UploadItem[];
  overall: QueueOverall;
}

export interface UploadQueueOptions {
  transport: UploadTransport;
  /**
   * Reads a picked file's facts when its turn comes (taken-at, size, dimensions, qetag) and answers the
   * file completed; throws FileRejected for a file that cannot go. Default: the file as picked.
   */
  prepare?(file: PickedFile): Promise<PickedFile>;
  parallelism?: number;
  /** Whether an error means the session is gone (pause, do not fail). */
  isSessionLost(error: unknown): boolean;
  /** Told once per pause, so the app can send the user to sign-in. */
  onSessionLost?(error: unknown): void;
  /** Called whenever the queue runs dry after finishing at least one photo (refresh the timeline). */
  onDrained?(result: { uploaded: number; duplicates: number }): void;
  /** The device's clock (tests pass their own). */
  now?(): number;
}

export const DEFAULT_PARALLELISM = 3;

/**
 * How long a ticket is used after it came (the server grants 15 minutes). Counted on the device's own
 * clock from when it arrived, not from `expiresAt`: a phone's clock may be far off the server's.
 */
export const TICKET_USE_MS = 10 * 60_000;

const FINAL: readonly UploadStatus[] = ['done', 'duplicate', 'cancelled', 'rejected'];

type SendTicket = Extract<UploadTicket, { kind: 'upload' }>;

function summarize(items: readonly UploadItem[], paused: boolean): QueueOverall {
  let total = 0;
  let finished = 0;
  let failed = 0;
  let duplicates = 0;
  let rejected = 0;
  let bytesTotal = 0;
  let bytesLoaded = 0;
  let busy = false;
  for (const item of items) {
    if (item.status === 'cancelled') continue;
    if (item.status === 'rejected') {
      rejected += 1;
      continue;
    }
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
    if (
      item.status === 'preparing' ||
      item.status === 'waiting' ||
      item.status === 'uploading' ||
      item.status === 'confirming'
    ) {
      busy = true;
    }
  }
  const percent = bytesTotal === 0 ? 0 : Math.floor((bytesLoaded / bytesTotal) * 100);
  return { total, finished, failed, duplicates, rejected, bytesTotal, bytesLoaded, percent, busy, paused };
}

function tooLargeLimit(error: unknown): number | null {
  const data = (error as { data?: { appCode?: unknown; details?: { maxBytes?: unknown } } } | null)?.data;
  if (data?.appCode !== 'UPLOAD_TOO_LARGE') return null;
  const max = data.details?.maxBytes;
  return typeof max === 'number' && max > 0 ? max : null;
}

export function createUploadQueue({
  transport,
  prepare = async (file) => file,
  parallelism = DEFAULT_PARALLELISM,
  isSessionLost,
  onSessionLost,
  onDrained,
  now = Date.now,
}: UploadQueueOptions) {
  if (!Number.isInteger(parallelism) || parallelism < 1) throw new RangeError('parallelism must be a positive integer');
  let items: UploadItem[] = [];
  let paused = false;
  let nextId = 1;
  let finishedSinceDrain = { uploaded: 0, duplicates: 0 };
  let snapshot: QueueSnapshot = { items, overall: summarize(items, paused) };
  const listeners = new Set<() => void>();
  const cancels = new Map<string, () => void>();
  /** Tickets got for waiting files; each is used by one run only (a retry asks for a fresh one). */
  const tickets = new Map<string, { ticket: SendTicket; gotAt: number }>();
  /** Files whose facts were read (a cancelled-while-preparing file is prepared again on retry). */
  const prepared = new Set<string>();
  let active = 0;
  let preparingNow: string | null = null;
  let ticketsInFlight = false;

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

  function ready(): UploadStatus {
    return paused ? 'paused' : 'waiting';
  }

  function reject(id: string, rejection: Rejection) {
    tickets.delete(id);
    update(id, { status: 'rejected', loaded: 0, rejection });
  }

  /** Reads the next preparing file's facts, one file at a time, ahead of the uploads. */
  function prepareNext() {
    if (preparingNow !== null) return;
    const next = items.find((item) => item.status === 'preparing');
    if (!next) return;
    const id = next.id;
    preparingNow = id;
    void (async () => {
      let outcome: { file: PickedFile } | { rejection: Rejection };
      try {
        outcome = { file: await prepare(next.file) };
      } catch (error) {
        outcome = {
          rejection:
            error instanceof FileRejected
              ? { reason: error.reason, ...(error.maxBytes ? { maxBytes: error.maxBytes } : {}) }
              : { reason: 'unreadable' },
        };
      }
      preparingNow = null;
      const current = find(id);
      if (current?.status === 'preparing') {
        if ('file' in outcome) {
          prepared.add(id);
          update(id, { file: outcome.file, status: ready() });
        } else {
          reject(id, outcome.rejection);
        }
      }
      prepareNext();
      pump();
      drainedCheck();
    })();
  }

  function usableTicket(id: string): SendTicket | null {
    const got = tickets.get(id);
    if (!got) return null;
    if (now() - got.gotAt >= TICKET_USE_MS) {
      tickets.delete(id);
      return null;
    }
    return got.ticket;
  }

  /**
   * One uploads.create for the waiting files without a ticket (those of the first one's home, up to 50),
   * once every file picked before them is prepared, so a pick goes in one request rather than one per file.
   */
  function requestTickets(): void {
    if (ticketsInFlight || paused) return;
    const needing = items.filter((item) => item.status === 'waiting' && !usableTicket(item.id));
    const first = needing[0];
    if (!first) return;
    const batch = needing.filter((item) => item.homeId === first.homeId).slice(0, MAX_UPLOAD_BATCH);
    const stillPreparing = items.some((item) => item.status === 'preparing' && item.homeId === first.homeId);
    if (stillPreparing && batch.length < MAX_UPLOAD_BATCH) return;
    ticketsInFlight = true;
    const requests: UploadRequest[] = batch.map(({ file }) => ({
      filename: file.name,
      size: file.size,
      mime: file.mime as UploadRequest['mime'],
      ...(file.qetag ? { qetag: file.qetag } : {}),
    }));
    void (async () => {
      try {
        const answered = await transport.createTickets(first.homeId, requests);
        batch.forEach((asked, index) => {
          const ticket = answered[index];
          const current = find(asked.id);
          if (!ticket || current?.status !== 'waiting') return;
          if (ticket.kind === 'duplicate') {
            finishedSinceDrain.duplicates += 1;
            update(asked.id, { status: 'duplicate', loaded: asked.file.size, photoId: ticket.photoId });
          } else {
            tickets.set(asked.id, { ticket, gotAt: now() });
          }
        });
      } catch (error) {
        const max = tooLargeLimit(error);
        if (max !== null) {
          // The server's cap is below ours: those files cannot go; the others ask again.
          for (const asked of batch) {
            if (asked.file.size > max && find(asked.id)?.status === 'waiting') {
              reject(asked.id, { reason: 'tooLarge', maxBytes: max });
            }
          }
        } else if (isSessionLost(error)) {
          pause(error, batch);
        } else {
          for (const asked of batch) {
            if (find(asked.id)?.status === 'waiting') update(asked.id, { status: 'failed', error });
          }
        }
      } finally {
        ticketsInFlight = false;
        pump();
        drainedCheck();
      }
    })();
  }

  function pause(error: unknown, affected: readonly UploadItem[]) {
    const first = !paused;
    paused = true;
    const ids = new Set(affected.map((item) => item.id));
    items = items.map((item) =>
      ids.has(item.id) && (item.status === 'waiting' || item.status === 'uploading' || item.status === 'confirming')
        ? { ...item, status: 'paused', loaded: 0, error }
        : item,
    );
    publish();
    if (first) onSessionLost?.(error);
  }

  function pump() {
    prepareNext();
    while (!paused && active < parallelism) {
      const next = items.find((item) => item.status === 'waiting');
      if (!next) break;
      const ticket = usableTicket(next.id);
      if (!ticket) {
        requestTickets();
        break;
      }
      tickets.delete(next.id);
      active += 1;
      update(next.id, { status: 'uploading', loaded: 0, error: null });
      void run(next.id, ticket).finally(() => {
        active -= 1;
        cancels.delete(next.id);
        pump();
        drainedCheck();
      });
    }
  }

  function drainedCheck() {
    if (active > 0 || ticketsInFlight || preparingNow !== null) return;
    if (items.some((item) => item.status === 'waiting' || item.status === 'preparing')) return;
    const result = finishedSinceDrain;
    if (result.uploaded + result.duplicates === 0) return;
    finishedSinceDrain = { uploaded: 0, duplicates: 0 };
    onDrained?.(result);
  }

  async function run(id: string, ticket: SendTicket) {
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
      await transport.send(
        ticket,
        file,
        (loaded) => {
          if (!cancelled) update(id, { loaded: Math.min(loaded, file.size) });
        },
        signal,
        {
          waitingForNetwork: (waiting) => {
            if (!cancelled && find(id)?.status === 'uploading') update(id, { waitingForNetwork: waiting });
          },
        },
      );
      if (cancelled) throw new UploadCancelled();
      const derivatives =
        ticket.derivatives?.length && transport.storeDerivatives
          ? await transport.storeDerivatives(ticket, file, signal)
          : [];
      if (cancelled) throw new UploadCancelled();
      update(id, { status: 'confirming', loaded: file.size, waitingForNetwork: false });
      const confirmed = await transport.confirm({
        homeId,
        key: ticket.key,
        ...(file.width ? { width: file.width } : {}),
        ...(file.height ? { height: file.height } : {}),
        ...(file.takenAt ? { takenAt: file.takenAt } : {}),
        ...(file.thumbhash ? { thumbhash: file.thumbhash } : {}),
        ...(file.durationMs ? { durationMs: file.durationMs } : {}),
        ...(derivatives.length > 0 ? { derivatives: [...derivatives] } : {}),
      });
      if (confirmed.duplicate) finishedSinceDrain.duplicates += 1;
      else finishedSinceDrain.uploaded += 1;
      update(id, { status: confirmed.duplicate ? 'duplicate' : 'done', photoId: confirmed.photo.id });
    } catch (error) {
      if (cancelled || error instanceof UploadCancelled) {
        update(id, { status: 'cancelled', loaded: 0, waitingForNetwork: false });
      } else if (error instanceof UploadRestart) {
        // In line again without a ticket: the next uploads.create gives a fresh one.
        update(id, { status: ready(), loaded: 0, waitingForNetwork: false, restarted: true });
      } else if (isSessionLost(error)) {
        const current = find(id);
        if (current) pause(error, [current]);
      } else {
        update(id, { status: 'failed', error, waitingForNetwork: false });
      }
    }
  }

  function cancel(id: string): void {
    const item = find(id);
    if (!item) return;
    if (
      item.status === 'preparing' ||
      item.status === 'waiting' ||
      item.status === 'paused' ||
      item.status === 'failed'
    ) {
      tickets.delete(id);
      update(id, { status: 'cancelled', loaded: 0 });
      pump();
      drainedCheck();
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
    /**
     * Queues files picked for a home, at once and without reading them (each is prepared when its turn
     * comes); returns their item ids.
     */
    add(homeId: string, files: readonly PickedFile[]): string[] {
      const added: UploadItem[] = files.map((file) => ({
        id: `u${nextId++}`,
        homeId,
        file,
        status: file.rejected ? 'rejected' : 'preparing',
        loaded: 0,
        error: null,
        rejection: file.rejected ?? null,
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
      tickets.delete(id);
      update(id, { status: prepared.has(id) ? ready() : 'preparing', loaded: 0, error: null });
      pump();
    },
    /** Stops a preparing, waiting, paused or running file (a file being confirmed is already in the library). */
    cancel,
    cancelAll(): void {
      for (const item of items) cancel(item.id);
    },
    /** Forgets finished, cancelled and rejected files. */
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

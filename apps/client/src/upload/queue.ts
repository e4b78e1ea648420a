/**
 * The upload queue: photos picked on the device join it at once, each "preparing" until its turn comes to
 * read what the upload needs (EXIF taken-at, size, dimensions, qetag, ThumbHash: `prepare`, one file at a
 * time), so a pick shows in the list immediately however large the files. Prepared files get their tickets
 * from one uploads.create per batch of up to 50 (files the home already has come back as duplicates and are
 * never sent), then go by a form POST straight to storage (with progress) and uploads.confirm. At most
 * `parallelism` files are in flight. A file that cannot go at all (empty, not a photo or unreadable, too
 * large, an unsupported type) stays in the list with its reason. A failed file can be retried, a waiting
 * or running one cancelled. A lost session pauses the queue (not failing its files) until `resume()` after
 * the next sign-in: it lives in memory outside any screen. Each file lands in the home it was picked for.
 * `close()` ends it for good when its account leaves (sign-out, another account signing in): running
 * transfers are aborted and every item forgotten, and nothing it still hears back changes anything.
 * Its pieces: picked-file.ts, cancel.ts, queue-types.ts, queue-items.ts, queue-tickets.ts, queue-run.ts,
 * queue-summary.ts.
 */
import { MAX_UPLOAD_BATCH, type UploadRequest } from '@xiaojia/shared';
import { createAbort } from './cancel';
import { type PickedFile, type Rejection, rejectionOf } from './picked-file';
import { createItemList } from './queue-items';
import { runFailureOf, runUpload } from './queue-run';
import { FINAL } from './queue-summary';
import { createTicketBook, tooLargeLimit, uploadRequestOf } from './queue-tickets';
import {
  pickedItem,
  type SendTicket,
  type UploadItem,
  type UploadQueueOptions,
  type UploadStatus,
} from './queue-types';

export { type CancelSignal, UploadCancelled, UploadRestart } from './cancel';
export { FileRejected, type PickedFile, type Rejection, type RejectReason } from './picked-file';
export type { QueueOverall, QueueSnapshot } from './queue-summary';
export { TICKET_USE_MS } from './queue-tickets';
export type { SendEvents, UploadItem, UploadQueueOptions, UploadStatus, UploadTransport } from './queue-types';

export const DEFAULT_PARALLELISM = 3;

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
  const list = createItemList();
  const { update, find } = list;
  /** Its account left: nothing more starts, and late answers are dropped. */
  let closed = false;
  let nextId = 1;
  let finishedSinceDrain = { uploaded: 0, duplicates: 0 };
  const cancels = new Map<string, () => void>();
  const tickets = createTicketBook(now);
  /** Files whose facts were read (a cancelled-while-preparing file is prepared again on retry). */
  const prepared = new Set<string>();
  let active = 0;
  let preparingNow: string | null = null;
  let ticketsInFlight = false;

  function ready(): UploadStatus {
    return list.paused ? 'paused' : 'waiting';
  }

  function reject(id: string, rejection: Rejection) {
    tickets.delete(id);
    update(id, { status: 'rejected', loaded: 0, rejection });
  }

  /** Reads the next preparing file's facts, one file at a time, ahead of the uploads. */
  function prepareNext() {
    if (closed || preparingNow !== null) return;
    const next = list.items.find((item) => item.status === 'preparing');
    if (!next) return;
    const id = next.id;
    preparingNow = id;
    void (async () => {
      let outcome: { file: PickedFile } | { rejection: Rejection };
      try {
        outcome = { file: await prepare(next.file) };
      } catch (error) {
        outcome = { rejection: rejectionOf(error) };
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

  /**
   * One uploads.create for the waiting files without a ticket (those of the first one's home, up to 50),
   * once every file picked before them is prepared, so a pick goes in one request rather than one per file.
   */
  function requestTickets(): void {
    if (closed || ticketsInFlight || list.paused) return;
    const needing = list.items.filter((item) => item.status === 'waiting' && !tickets.usable(item.id));
    const first = needing[0];
    if (!first) return;
    const batch = needing.filter((item) => item.homeId === first.homeId).slice(0, MAX_UPLOAD_BATCH);
    const stillPreparing = list.items.some((item) => item.status === 'preparing' && item.homeId === first.homeId);
    if (stillPreparing && batch.length < MAX_UPLOAD_BATCH) return;
    ticketsInFlight = true;
    const requests: UploadRequest[] = batch.map(({ file }) => uploadRequestOf(file));
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
            tickets.set(asked.id, ticket);
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
    if (closed) return;
    const first = !list.paused;
    const ids = new Set(affected.map((item) => item.id));
    list.set(
      list.items.map((item) =>
        ids.has(item.id) && (item.status === 'waiting' || item.status === 'uploading' || item.status === 'confirming')
          ? { ...item, status: 'paused', loaded: 0, error }
          : item,
      ),
      true,
    );
    if (first) onSessionLost?.(error);
  }

  function pump() {
    prepareNext();
    while (!closed && !list.paused && active < parallelism) {
      const next = list.items.find((item) => item.status === 'waiting');
      if (!next) break;
      const ticket = tickets.usable(next.id);
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
    if (closed || active > 0 || ticketsInFlight || preparingNow !== null) return;
    if (list.items.some((item) => item.status === 'waiting' || item.status === 'preparing')) return;
    const result = finishedSinceDrain;
    if (result.uploaded + result.duplicates === 0) return;
    finishedSinceDrain = { uploaded: 0, duplicates: 0 };
    onDrained?.(result);
  }

  async function run(id: string, ticket: SendTicket) {
    const item = find(id);
    if (!item) return;
    const { signal, abort } = createAbort();
    cancels.set(id, abort);
    const { file, homeId } = item;
    try {
      const confirmed = await runUpload(transport, homeId, ticket, file, signal, {
        onProgress: (loaded) => {
          if (!signal.cancelled) update(id, { loaded: Math.min(loaded, file.size) });
        },
        events: {
          waitingForNetwork: (waiting) => {
            if (!signal.cancelled && find(id)?.status === 'uploading') update(id, { waitingForNetwork: waiting });
          },
        },
        onConfirming: () => update(id, { status: 'confirming', loaded: file.size, waitingForNetwork: false }),
      });
      if (closed) return;
      if (confirmed.duplicate) finishedSinceDrain.duplicates += 1;
      else finishedSinceDrain.uploaded += 1;
      update(id, { status: confirmed.duplicate ? 'duplicate' : 'done', photoId: confirmed.photo.id });
    } catch (error) {
      const failure = runFailureOf(error, signal.cancelled, isSessionLost);
      const current = find(id);
      if (failure === 'sessionLost') {
        if (current) pause(error, [current]);
      } else if (failure === 'cancelled') {
        update(id, { status: 'cancelled', loaded: 0, waitingForNetwork: false });
      } else if (failure === 'restart') {
        // In line again without a ticket: the next uploads.create gives a fresh one.
        update(id, { status: ready(), loaded: 0, waitingForNetwork: false, restarted: true });
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
    getSnapshot: list.getSnapshot,
    subscribe: list.subscribe,
    /**
     * Queues files picked for a home, at once and without reading them (each is prepared when its turn
     * comes); returns their item ids.
     */
    add(homeId: string, files: readonly PickedFile[]): string[] {
      if (closed) return [];
      const added = files.map((file) => pickedItem(`u${nextId++}`, homeId, file));
      list.set([...list.items, ...added]);
      pump();
      return added.map((item) => item.id);
    },
    /** Tries a failed or cancelled file again. */
    retry(id: string): void {
      const item = find(id);
      if (closed || !item || (item.status !== 'failed' && item.status !== 'cancelled')) return;
      tickets.delete(id);
      update(id, { status: prepared.has(id) ? ready() : 'preparing', loaded: 0, error: null });
      pump();
    },
    /** Stops a preparing, waiting, paused or running file (a file being confirmed is already in the library). */
    cancel,
    cancelAll(): void {
      for (const item of list.items) cancel(item.id);
    },
    /** Forgets finished, cancelled and rejected files. */
    clearFinished(): void {
      list.set(list.items.filter((item) => !FINAL.includes(item.status)));
    },
    /** After sign-in: paused files go back in line. */
    resume(): void {
      if (closed || !list.paused) return;
      list.set(
        list.items.map((item) => (item.status === 'paused' ? { ...item, status: 'waiting' } : item)),
        false,
      );
      pump();
    },
    /**
     * Its account left (signed out, or another signed in): running transfers are aborted (a stored
     * multipart upload keeps its device record, which only that account may see), every item is
     * forgotten, and the queue takes nothing more.
     */
    close(): void {
      if (closed) return;
      closed = true;
      const running = [...cancels.values()];
      cancels.clear();
      prepared.clear();
      list.set([], false);
      for (const abort of running) abort();
    },
  };
}

export type UploadQueue = ReturnType<typeof createUploadQueue>;

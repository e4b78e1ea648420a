/**
 * The multipart uploader, protocol-free: cuts the file (parts.ts), starts the upload or picks up a stored
 * one (asking the storage which parts it holds where the protocol can tell), sends the missing parts a few
 * at a time, each retried with backoff on network errors and 5xx, holds while the device is offline (cutting
 * the requests in flight, which go again when it returns, without using up their retries), then completes.
 * Progress is by bytes: finished parts plus what the platform reports of the parts in flight, never going
 * back. Cancel cuts everything and gives the upload up on the storage. The protocols are PartTarget
 * adapters (qiniu-v2.ts, s3.ts); what is kept for a restart goes through the Journal (record.ts).
 */

import { MULTIPART_PARALLEL_PARTS } from '@xiaojia/shared';
import { type Abort, createAbort } from '../cancel';
import type { CancelSignal } from '../queue';
import { UploadCancelled } from '../queue';
import { MultipartFailure, PartTransferError } from './errors';
import { type NetworkMonitor, whenOnline } from './net-gate';
import { cutParts, type FinishedPart, type PartRange } from './parts';
import { backoffDelay, DEFAULT_RETRY, isTransient, type RetryPolicy, realSleep, type Sleep } from './retry';

/** A part the storage says it holds (listParts). */
export interface StoredPart extends FinishedPart {
  /** Its size, where the storage tells it. */
  size?: number;
}

export interface PartTransfer {
  signal: CancelSignal;
  /** Bytes of this part sent so far, where the platform reports it. */
  onProgress(sent: number): void;
}

/** One protocol's requests. Every method rejects with PartTransferError or MultipartFailure. */
export interface PartTarget {
  /** Starts the upload on the storage; answers its id. */
  begin(signal: CancelSignal): Promise<string>;
  /** The parts the storage holds for the upload, or null where the protocol cannot tell. */
  listParts(uploadId: string, signal: CancelSignal): Promise<StoredPart[] | null>;
  /** Sends one part; answers its etag. */
  sendPart(uploadId: string, part: PartRange, bytes: ArrayBuffer, transfer: PartTransfer): Promise<string>;
  complete(uploadId: string, parts: FinishedPart[], signal: CancelSignal): Promise<void>;
  abort(uploadId: string): Promise<void>;
}

/** What is kept on the device so a closed app can resume (record.ts). */
export interface Journal {
  uploadStarted(uploadId: string): Promise<void>;
  partFinished(part: FinishedPart): void;
  /** Done, or given up: forget the upload. */
  forget(): Promise<void>;
}

export interface ResumePoint {
  uploadId: string;
  parts: readonly FinishedPart[];
}

export interface MultipartRun {
  size: number;
  partBytes: number;
  /** Exactly `length` bytes from `start` of the file. */
  read(start: number, length: number): Promise<ArrayBuffer>;
  target: PartTarget;
  /** A stored upload to pick up; null to start one. */
  resume: ResumePoint | null;
  journal: Journal;
  network: NetworkMonitor;
  signal: CancelSignal;
  onProgress(loaded: number): void;
  /** True while some request waits for the network, false once they go again. */
  onWaitingForNetwork?(waiting: boolean): void;
  parallelism?: number;
  retry?: RetryPolicy;
  sleep?: Sleep;
  random?: () => number;
}

/** Sends a file in parts; resolves once the storage has completed it. */
export async function uploadInParts(run: MultipartRun): Promise<void> {
  const { size, partBytes, target, journal, network, signal } = run;
  const policy = run.retry ?? DEFAULT_RETRY;
  const sleep = run.sleep ?? realSleep;
  const random = run.random ?? Math.random;
  const parallelism = run.parallelism ?? MULTIPART_PARALLEL_PARTS;
  if (!Number.isInteger(parallelism) || parallelism < 1) throw new RangeError('parallelism must be a positive integer');
  const parts = cutParts(size, partBytes);

  // One scope for the whole run: the user's cancel, or the first part that fails for good, stops every other.
  const runScope = createAbort(signal);
  const scopes = new Set<Abort>();
  let waiting = 0;
  const setWaiting = (delta: number) => {
    const before = waiting > 0;
    waiting += delta;
    if (before !== waiting > 0) run.onWaitingForNetwork?.(waiting > 0);
  };
  // Going offline cuts the requests in flight: they would hang until a timeout otherwise.
  const unsubscribe = network.subscribe((online) => {
    if (!online) for (const scope of [...scopes]) scope.abort();
  });

  /** One request, tried until it answers, fails for good, or its retries run out. */
  async function attempt<T>(request: (signal: CancelSignal) => Promise<T>, onRetry?: () => void): Promise<T> {
    let failures = 0;
    for (;;) {
      if (!network.online()) {
        setWaiting(1);
        try {
          await whenOnline(network, runScope.signal);
        } finally {
          setWaiting(-1);
        }
      }
      if (runScope.signal.cancelled) throw new UploadCancelled();
      const scope = createAbort(runScope.signal);
      scopes.add(scope);
      try {
        return await request(scope.signal);
      } catch (error) {
        if (runScope.signal.cancelled) throw new UploadCancelled();
        onRetry?.();
        // Cut by going offline, or failed because of it: again once the network returns, not a retry.
        if (scope.signal.cancelled || (isTransient(error) && !network.online())) continue;
        if (!isTransient(error)) {
          if (error instanceof PartTransferError) throw new MultipartFailure('refused', error);
          throw error;
        }
        failures += 1;
        if (failures >= policy.attempts) throw new MultipartFailure('exhausted', error);
        await sleep(backoffDelay(failures, policy, random), runScope.signal);
      } finally {
        scopes.delete(scope);
      }
    }
  }

  let uploadId: string | null = run.resume?.uploadId ?? null;
  try {
    const done = new Map<number, string>();
    if (uploadId !== null) {
      const id = uploadId;
      const stored = await attempt((s) => target.listParts(id, s));
      // What the storage holds wins over what the device remembers (a part may have landed after the app
      // closed, or been swept); a part of the wrong size is sent again.
      for (const part of stored ?? run.resume?.parts ?? []) {
        const planned = parts[part.partNumber - 1];
        const size = (part as StoredPart).size;
        if (planned && part.etag && (size === undefined || size === planned.length))
          done.set(part.partNumber, part.etag);
      }
    } else {
      uploadId = await attempt((s) => target.begin(s));
      await journal.uploadStarted(uploadId);
    }
    const id = uploadId;

    const inFlight = new Map<number, number>();
    let doneBytes = parts.reduce((sum, part) => sum + (done.has(part.partNumber) ? part.length : 0), 0);
    let reported = -1;
    const report = () => {
      let loaded = doneBytes;
      for (const sent of inFlight.values()) loaded += sent;
      if (loaded > reported) {
        reported = loaded;
        run.onProgress(Math.min(loaded, size));
      }
    };
    report();

    const pending = parts.filter((part) => !done.has(part.partNumber));
    let next = 0;
    const worker = async () => {
      while (next < pending.length && !runScope.signal.cancelled) {
        const part = pending[next++] as PartRange;
        const bytes = await run.read(part.start, part.length);
        if (bytes.byteLength !== part.length)
          throw new Error(`part ${part.partNumber}: the file changed while uploading`);
        inFlight.set(part.partNumber, 0);
        const etag = await attempt(
          (s) =>
            target.sendPart(id, part, bytes, {
              signal: s,
              onProgress: (sent) => {
                if (s.cancelled) return;
                inFlight.set(part.partNumber, Math.max(0, Math.min(sent, part.length)));
                report();
              },
            }),
          () => inFlight.set(part.partNumber, 0),
        );
        inFlight.delete(part.partNumber);
        done.set(part.partNumber, etag);
        doneBytes += part.length;
        journal.partFinished({ partNumber: part.partNumber, etag });
        report();
      }
    };
    const workers = Array.from({ length: Math.min(parallelism, pending.length) }, () =>
      worker().catch((error: unknown) => {
        runScope.abort();
        throw error;
      }),
    );
    const settled = await Promise.allSettled(workers);
    if (signal.cancelled) throw new UploadCancelled();
    // The first failure is the cause; the others are the cuts it made.
    const rejected = settled.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    const cause = rejected.find((outcome) => !(outcome.reason instanceof UploadCancelled)) ?? rejected[0];
    if (cause) throw cause.reason;

    const finished = parts.map((part) => ({ partNumber: part.partNumber, etag: done.get(part.partNumber) as string }));
    await attempt((s) => target.complete(id, finished, s));
    await journal.forget();
  } catch (error) {
    if (signal.cancelled || error instanceof UploadCancelled) {
      // The user removed the file: give the upload up on the storage too (best effort) and forget it.
      if (uploadId !== null) await target.abort(uploadId).catch(() => undefined);
      await journal.forget().catch(() => undefined);
      throw new UploadCancelled();
    }
    if (error instanceof MultipartFailure && error.reason !== 'exhausted') {
      // It will not go on as it is: the storage may keep parts until it sweeps them, the device keeps nothing.
      if (uploadId !== null && error.reason !== 'gone') await target.abort(uploadId).catch(() => undefined);
      await journal.forget().catch(() => undefined);
    }
    throw error;
  } finally {
    unsubscribe();
    runScope.abort();
  }
}

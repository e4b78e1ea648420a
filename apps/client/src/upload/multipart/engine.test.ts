import { describe, expect, it } from 'vitest';
import { deferred } from '../../../test/support/upload';
import { type CancelSignal, UploadCancelled } from '../queue';
import { type Journal, type PartTarget, type PartTransfer, type StoredPart, uploadInParts } from './engine';
import { MultipartFailure, PartTransferError } from './errors';
import { manualNetwork } from './net-gate';
import type { FinishedPart, PartRange } from './parts';

const flush = async (rounds = 5) => {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0));
};

/** A file of `size` bytes whose byte i is i % 251, read as the platforms read it. */
function fileOf(size: number) {
  const bytes = Uint8Array.from({ length: size }, (_, i) => i % 251);
  const reads: [number, number][] = [];
  return {
    bytes,
    reads,
    read: async (start: number, length: number) => {
      reads.push([start, length]);
      return bytes.slice(start, start + length).buffer;
    },
  };
}

interface SentPart {
  part: PartRange;
  bytes: Uint8Array;
  transfer: PartTransfer;
  answer: ReturnType<typeof deferred<string>>;
}

/** A storage that holds each part request until the test answers it (or answers by `auto`). */
function scriptedTarget(auto?: (part: PartRange, attempt: number) => string | Error) {
  const sent: SentPart[] = [];
  const attempts = new Map<number, number>();
  const completed: FinishedPart[][] = [];
  const aborted: string[] = [];
  let listed: StoredPart[] | null = null;
  let inFlight = 0;
  let maxInFlight = 0;
  const target: PartTarget = {
    begin: async () => 'up-1',
    listParts: async () => listed,
    sendPart(_uploadId, part, bytes, transfer) {
      const attempt = (attempts.get(part.partNumber) ?? 0) + 1;
      attempts.set(part.partNumber, attempt);
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const answer = deferred<string>();
      transfer.signal.onCancel(() => answer.reject(new UploadCancelled()));
      sent.push({ part, bytes: new Uint8Array(bytes), transfer, answer });
      const scripted = auto?.(part, attempt);
      if (scripted instanceof Error) answer.reject(scripted);
      else if (scripted !== undefined) answer.resolve(scripted);
      return answer.promise.finally(() => {
        inFlight -= 1;
      });
    },
    complete: async (_uploadId, parts) => {
      completed.push(parts);
    },
    abort: async (uploadId) => {
      aborted.push(uploadId);
    },
  };
  return {
    target,
    sent,
    attempts,
    completed,
    aborted,
    maxInFlight: () => maxInFlight,
    inFlight: () => inFlight,
    list(parts: StoredPart[] | null) {
      listed = parts;
    },
  };
}

function recordingJournal() {
  const events: string[] = [];
  const journal: Journal = {
    uploadStarted: async (id) => {
      events.push(`started ${id}`);
    },
    partFinished: (part) => events.push(`part ${part.partNumber} ${part.etag}`),
    forget: async () => {
      events.push('forget');
    },
  };
  return { journal, events };
}

const NEVER: CancelSignal = { cancelled: false, onCancel: () => undefined };

function cancelSignal() {
  let cancelled = false;
  const listeners: (() => void)[] = [];
  return {
    signal: {
      get cancelled() {
        return cancelled;
      },
      onCancel: (listener: () => void) => listeners.push(listener),
    } as CancelSignal,
    cancel() {
      cancelled = true;
      for (const listener of listeners) listener();
    },
  };
}

const POLICY = { attempts: 4, baseMs: 100, maxMs: 1000 };

function runOf(
  size: number,
  partBytes: number,
  storage: ReturnType<typeof scriptedTarget>,
  extra: Partial<Parameters<typeof uploadInParts>[0]> = {},
) {
  const file = fileOf(size);
  const { journal, events } = recordingJournal();
  const progress: number[] = [];
  const sleeps: number[] = [];
  const done = uploadInParts({
    size,
    partBytes,
    read: file.read,
    target: storage.target,
    resume: null,
    journal,
    network: manualNetwork(true),
    signal: NEVER,
    onProgress: (loaded) => progress.push(loaded),
    retry: POLICY,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...extra,
  });
  return { done, file, events, progress, sleeps };
}

describe('the multipart uploader', () => {
  it('sends every part with its exact bytes, then completes with the etags in order', async () => {
    const storage = scriptedTarget((part) => `etag-${part.partNumber}`);
    const { done, file, events, progress } = runOf(25, 10, storage);
    await done;
    expect(storage.sent.map((s) => [s.part.partNumber, s.part.start, s.part.length])).toEqual([
      [1, 0, 10],
      [2, 10, 10],
      [3, 20, 5],
    ]);
    for (const s of storage.sent) {
      expect(s.bytes).toEqual(file.bytes.slice(s.part.start, s.part.start + s.part.length));
    }
    expect(storage.completed).toEqual([
      [
        { partNumber: 1, etag: 'etag-1' },
        { partNumber: 2, etag: 'etag-2' },
        { partNumber: 3, etag: 'etag-3' },
      ],
    ]);
    expect(events[0]).toBe('started up-1');
    expect(events.at(-1)).toBe('forget');
    expect(events.filter((e) => e.startsWith('part')).sort()).toEqual([
      'part 1 etag-1',
      'part 2 etag-2',
      'part 3 etag-3',
    ]);
    expect(progress.at(-1)).toBe(25);
  });

  it('has at most three parts in flight and starts the next as one finishes', async () => {
    const storage = scriptedTarget();
    const { done } = runOf(100, 10, storage);
    await flush();
    expect(storage.sent.map((s) => s.part.partNumber)).toEqual([1, 2, 3]);
    storage.sent[1]?.answer.resolve('e2');
    await flush();
    expect(storage.sent.map((s) => s.part.partNumber)).toEqual([1, 2, 3, 4]);
    for (let i = 0; i < 10; i++) {
      for (const s of storage.sent) s.answer.resolve(`e${s.part.partNumber}`);
      await flush();
    }
    await done;
    expect(storage.sent).toHaveLength(10);
    expect(storage.maxInFlight()).toBe(3);
  });

  it('retries a part on network errors and 5xx with growing, jittered waits, then succeeds', async () => {
    const storage = scriptedTarget((part, attempt) => {
      if (part.partNumber !== 2 || attempt > 3) return `e${part.partNumber}`;
      return attempt === 1 ? new PartTransferError(0, 'offline?') : new PartTransferError(503, 'busy');
    });
    const { done, sleeps } = runOf(30, 10, storage);
    await done;
    expect(storage.attempts.get(2)).toBe(4);
    // Half of 100, 200, 400 ms (random() = 0.5).
    expect(sleeps).toEqual([50, 100, 200]);
    expect(storage.completed).toHaveLength(1);
  });

  it('gives up after its retries with a clear error, keeping what is stored for a later retry', async () => {
    const storage = scriptedTarget((part) => (part.partNumber === 1 ? new PartTransferError(502, 'bad gateway') : 'e'));
    const { done, events } = runOf(20, 10, storage, { parallelism: 1 });
    const error = await done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MultipartFailure);
    expect((error as MultipartFailure).reason).toBe('exhausted');
    expect((error as Error).message).toMatch(/502/);
    expect(storage.attempts.get(1)).toBe(POLICY.attempts);
    expect(storage.completed).toEqual([]);
    expect(storage.aborted).toEqual([]);
    expect(events).not.toContain('forget');
  });

  it('does not retry a 4xx: the file fails at once and the upload is given up', async () => {
    const storage = scriptedTarget((part) => (part.partNumber === 2 ? new PartTransferError(403, 'forbidden') : 'e'));
    const { done, events, sleeps } = runOf(30, 10, storage, { parallelism: 1 });
    const error = await done.catch((e: unknown) => e);
    expect((error as MultipartFailure).reason).toBe('refused');
    expect(storage.attempts.get(2)).toBe(1);
    expect(sleeps).toEqual([]);
    expect(storage.sent.map((s) => s.part.partNumber)).toEqual([1, 2]);
    expect(storage.aborted).toEqual(['up-1']);
    expect(events.at(-1)).toBe('forget');
  });

  it('reports progress by bytes, in-flight parts included, never going back when a part is sent again', async () => {
    const storage = scriptedTarget();
    const { done, progress } = runOf(30, 10, storage, { parallelism: 2 });
    await flush();
    storage.sent[0]?.transfer.onProgress(4);
    storage.sent[1]?.transfer.onProgress(6);
    expect(progress.at(-1)).toBe(10);
    storage.sent[0]?.answer.resolve('e1');
    await flush();
    expect(progress.at(-1)).toBe(16);
    // Part 2 fails half-way and starts again from zero: the bar holds until it passes where it was.
    storage.sent[1]?.answer.reject(new PartTransferError(500, 'oops'));
    await flush();
    const again = storage.sent.find((s, i) => i > 1 && s.part.partNumber === 2);
    again?.transfer.onProgress(3);
    expect(progress.at(-1)).toBe(16);
    again?.transfer.onProgress(9);
    expect(progress.at(-1)).toBe(19);
    for (const s of storage.sent) s.answer.resolve(`e${s.part.partNumber}`);
    await flush();
    for (const s of storage.sent) s.answer.resolve(`e${s.part.partNumber}`);
    await done;
    expect(progress.at(-1)).toBe(30);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(new Set(progress).size).toBe(progress.length);
  });

  it('holds while offline, cutting the parts in flight, and sends them again when the network returns', async () => {
    const storage = scriptedTarget();
    const network = manualNetwork(true);
    const waiting: boolean[] = [];
    const { done, sleeps } = runOf(30, 10, storage, {
      network,
      parallelism: 2,
      onWaitingForNetwork: (w) => waiting.push(w),
    });
    await flush();
    expect(storage.inFlight()).toBe(2);
    network.set(false);
    await flush();
    expect(storage.inFlight()).toBe(0);
    expect(waiting).toEqual([true]);
    expect(storage.sent).toHaveLength(2);
    network.set(true);
    await flush();
    expect(waiting).toEqual([true, false]);
    expect(storage.sent.map((s) => s.part.partNumber)).toEqual([1, 2, 1, 2]);
    for (let i = 0; i < 3; i++) {
      for (const s of storage.sent) s.answer.resolve(`e${s.part.partNumber}`);
      await flush();
    }
    await done;
    // Cut by the network, not failed: no retry was used up, no backoff waited.
    expect(sleeps).toEqual([]);
    expect(storage.completed[0]?.map((p) => p.partNumber)).toEqual([1, 2, 3]);
  });

  it('resumes a stored upload: asks the storage what it holds and sends only the rest', async () => {
    const storage = scriptedTarget((part) => `new-${part.partNumber}`);
    // The storage holds parts 1 and 3 (3 with the wrong size: sent again); the device remembered 1 and 2.
    storage.list([
      { partNumber: 1, etag: 'old-1', size: 10 },
      { partNumber: 3, etag: 'old-3', size: 7 },
    ]);
    const { done, events, file } = runOf(40, 10, storage, {
      resume: {
        uploadId: 'up-9',
        parts: [
          { partNumber: 1, etag: 'old-1' },
          { partNumber: 2, etag: 'old-2' },
        ],
      },
    });
    await done;
    expect(storage.sent.map((s) => s.part.partNumber)).toEqual([2, 3, 4]);
    expect(file.reads).toEqual([
      [10, 10],
      [20, 10],
      [30, 10],
    ]);
    expect(storage.completed[0]).toEqual([
      { partNumber: 1, etag: 'old-1' },
      { partNumber: 2, etag: 'new-2' },
      { partNumber: 3, etag: 'new-3' },
      { partNumber: 4, etag: 'new-4' },
    ]);
    expect(events).not.toContain('started up-1');
  });

  it('trusts the parts the device kept where the protocol cannot list them', async () => {
    const storage = scriptedTarget((part) => `new-${part.partNumber}`);
    storage.list(null);
    const { done } = runOf(30, 10, storage, {
      resume: { uploadId: 'up-9', parts: [{ partNumber: 2, etag: 'old-2' }] },
    });
    await done;
    expect(storage.sent.map((s) => s.part.partNumber)).toEqual([1, 3]);
    expect(storage.completed[0]?.map((p) => p.etag)).toEqual(['new-1', 'old-2', 'new-3']);
  });

  it('cancel cuts the parts in flight, gives the upload up on the storage and forgets it', async () => {
    const storage = scriptedTarget();
    const user = cancelSignal();
    const { done, events } = runOf(50, 10, storage, { signal: user.signal });
    await flush();
    expect(storage.inFlight()).toBe(3);
    user.cancel();
    await expect(done).rejects.toBeInstanceOf(UploadCancelled);
    expect(storage.inFlight()).toBe(0);
    expect(storage.sent).toHaveLength(3);
    expect(storage.aborted).toEqual(['up-1']);
    expect(events.at(-1)).toBe('forget');
  });

  it('refuses a file that changed under it (a short read)', async () => {
    const storage = scriptedTarget(() => 'e');
    const { done } = runOf(20, 10, storage, { read: async () => new ArrayBuffer(3) });
    await expect(done).rejects.toThrow(/changed/);
  });
});

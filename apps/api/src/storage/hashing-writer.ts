/**
 * Writes a stream into an open file from a given offset and hashes it on the hashing thread, the bytes
 * crossing memory once: socket chunks are copied into 1 MiB batches, each written at its position and
 * read in place by the thread, then reused. A few batches per writer at most, so memory stays flat
 * whatever the size, and a slow disk or a busy thread holds the stream back instead of piling up bytes.
 *
 * Batches are reused across writers, not dropped with each: the thread lets go of a shared buffer only
 * when it collects garbage, which it rarely does, and fresh batches for each 8 MiB part of a 1 GiB upload
 * held 500 MiB of RSS.
 */
import type { FileHandle } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { type Digests, type HashThread, hashThread } from './hash-thread.js';
import { QETAG_BLOCK_SIZE } from './qetag.js';

/** A divisor of the qetag block, so every batch but the last ends on or inside one block. */
export const HASH_BATCH_BYTES = 1024 * 1024;
/** Batches of one writer being written and hashed while it fills the next. */
const MAX_IN_FLIGHT = 2;
/**
 * Free batches kept for the next writers: up to twenty parts received at once (three each). Generous on
 * purpose: a batch let go is only freed once the thread collects garbage, so dropping and reallocating
 * around a busy moment would pile up memory where keeping it costs at most this much.
 */
const RETAINED_BATCHES = 64;

interface Batch {
  bytes: Buffer;
  /** The write and the hashing still to finish before the batch may be refilled. */
  busy: number;
}

type Callback = (error?: Error | null) => void;

const freeBatches: Batch[] = [];
let allocated = 0;

/** Batches allocated by this process so far: flat once the pool covers the uploads running at once. */
export function allocatedBatches(): number {
  return allocated;
}

function recycle(batch: Batch): void {
  if (freeBatches.length < RETAINED_BATCHES) freeBatches.push(batch);
}

export class HashingFileWriter extends Writable {
  private readonly job: number;
  private current: Batch | null = null;
  private fill = 0;
  /** Bytes handed to write + hash so far. */
  private sent = 0;
  /** Batches dispatched and not yet free. */
  private inUse = 0;
  private writeError: Error | null = null;
  /** A write or a final step waiting for a batch to come free. */
  private waiting: (() => void) | null = null;
  private result: Digests | null = null;
  private finishing = false;

  constructor(
    private readonly handle: FileHandle,
    private readonly start: number,
    withMd5: boolean,
    private readonly thread: HashThread = hashThread,
  ) {
    super();
    this.job = thread.open(withMd5);
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: Callback): void {
    this.copyIn(chunk, 0, callback);
  }

  override _final(callback: Callback): void {
    if (this.fill > 0) this.dispatch();
    this.finishing = true;
    this.whenIdle(() => {
      if (this.writeError) {
        this.thread.cancel(this.job);
        callback(this.writeError);
        return;
      }
      this.thread.finish(this.job).then((digests) => {
        this.result = digests;
        callback();
      }, callback);
    });
  }

  override _destroy(error: Error | null, callback: Callback): void {
    if (!this.finishing) this.thread.cancel(this.job);
    if (this.current) recycle(this.current);
    this.current = null;
    // The file handle is the caller's to close: not while a write into it is still running.
    this.whenIdle(() => callback(error));
  }

  /** The block SHA-1s and the MD5 (null unless asked for) of everything written. */
  digests(): Digests {
    if (!this.result) throw new Error('hashing writer: digests() before it finished');
    return this.result;
  }

  private copyIn(chunk: Buffer, from: number, callback: Callback): void {
    let offset = from;
    while (offset < chunk.length) {
      if (this.writeError) {
        callback(this.writeError);
        return;
      }
      if (!this.current) {
        const batch = this.take();
        if (!batch) {
          this.waiting = () => this.copyIn(chunk, offset, callback);
          return;
        }
        this.current = batch;
      }
      const copied = chunk.copy(this.current.bytes, this.fill, offset);
      this.fill += copied;
      offset += copied;
      if (this.fill === HASH_BATCH_BYTES) this.dispatch();
    }
    callback();
  }

  /** A batch to fill, or null while this writer has its share in use. */
  private take(): Batch | null {
    if (this.inUse === MAX_IN_FLIGHT) return null;
    const reused = freeBatches.pop();
    if (reused) return reused;
    allocated++;
    return { bytes: Buffer.from(new SharedArrayBuffer(HASH_BATCH_BYTES)), busy: 0 };
  }

  /** Sends the current batch to the file and to the thread at once; it comes free when both are done. */
  private dispatch(): void {
    const batch = this.current as Batch;
    const length = this.fill;
    const position = this.start + this.sent;
    this.sent += length;
    this.current = null;
    this.fill = 0;
    batch.busy = 2;
    this.inUse++;
    const release = () => {
      batch.busy--;
      if (batch.busy > 0) return;
      this.inUse--;
      recycle(batch);
      const next = this.waiting;
      this.waiting = null;
      next?.();
    };
    const endsBlock = this.sent % QETAG_BLOCK_SIZE === 0;
    this.thread.post(this.job, batch.bytes.buffer as SharedArrayBuffer, length, endsBlock, release);
    this.writeAll(batch.bytes, length, position).then(release, (error: Error) => {
      this.writeError ??= error;
      release();
    });
  }

  private async writeAll(bytes: Buffer, length: number, position: number): Promise<void> {
    let done = 0;
    while (done < length) {
      const { bytesWritten } = await this.handle.write(bytes, done, length - done, position + done);
      done += bytesWritten;
    }
  }

  /** Runs `then` once no batch is being written or hashed. */
  private whenIdle(then: () => void): void {
    if (this.inUse === 0) {
      then();
      return;
    }
    this.waiting = () => this.whenIdle(then);
  }
}

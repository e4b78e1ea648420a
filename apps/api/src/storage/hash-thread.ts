/**
 * The qetag's SHA-1 (and MD5 when asked) of a large upload, computed on a second thread while the main
 * thread only moves bytes. Measured on the 1 GiB resumable bench: SHA-1 was more than half of the main
 * thread's time per byte, and the other core sat partly idle; this moves it there.
 *
 * The thread reads the caller's batches in place (SharedArrayBuffer: nothing is copied across) and says
 * when it is done with each, so the caller can reuse its buffers: a thread's isolate lets go of shared
 * memory only when it collects garbage, which a thread allocating almost nothing rarely does, so fresh
 * buffers per batch piled up (700 MiB of RSS over a 1 GiB upload). The caller marks where a 4 MiB qetag
 * block ends instead of the thread splitting blocks itself.
 */
import { Worker } from 'node:worker_threads';

const SHA1_BYTES = 20;

// Inline source (eval worker): the server runs as one esbuild bundle, under tsx and under vitest, and a
// separate worker file would need its own entry in each. It is plain CommonJS, hence `require`.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const uploads = new Map();
// A job's state from its first message on (open: bytes hashed since the last finished block).
const jobOf = (m) => {
  let u = uploads.get(m.id);
  if (!u) {
    u = { sha1: createHash('sha1'), open: false, blocks: [], md5: m.md5 ? createHash('md5') : null };
    uploads.set(m.id, u);
  }
  return u;
};
parentPort.on('message', (m) => {
  if (m.op === 'data') {
    const u = jobOf(m);
    const bytes = new Uint8Array(m.buffer, 0, m.length);
    u.sha1.update(bytes);
    u.open = true;
    if (u.md5) u.md5.update(bytes);
    if (m.endsBlock) {
      u.blocks.push(u.sha1.digest());
      u.sha1 = createHash('sha1');
      u.open = false;
    }
    parentPort.postMessage({ op: 'hashed', id: m.id });
  } else if (m.op === 'end') {
    const u = jobOf(m);
    uploads.delete(m.id);
    // A trailing partial block, or the one block of an empty input.
    if (u.open || u.blocks.length === 0) u.blocks.push(u.sha1.digest());
    const blocks = new Uint8Array(Buffer.concat(u.blocks)).buffer;
    const md5 = u.md5 ? new Uint8Array(u.md5.digest()).buffer : null;
    parentPort.postMessage({ op: 'done', id: m.id, blocks, md5 }, md5 ? [blocks, md5] : [blocks]);
  } else if (m.op === 'drop') {
    uploads.delete(m.id);
  }
});
`;

export interface Digests {
  /** SHA-1 of each 4 MiB block, the last one partial (one block for an empty input). */
  blocks: Buffer[];
  md5: Buffer | null;
}

type FromThread =
  | { op: 'hashed'; id: number }
  | { op: 'done'; id: number; blocks: ArrayBuffer; md5: ArrayBuffer | null };

interface Job {
  md5: boolean;
  /** One per batch posted and not yet hashed, in order (the thread answers in order). */
  onHashed: Array<() => void>;
  finish: { resolve: (d: Digests) => void; reject: (e: Error) => void } | null;
  /** The thread died under this job, or it was cancelled with batches still out: finish() fails with this. */
  failed: Error | null;
}

/** One hashing thread; started on first use, kept alive by the process only while it has work. */
export class HashThread {
  private worker: Worker | null = null;
  private readonly jobs = new Map<number, Job>();
  private nextId = 1;

  /** A new job: the qetag blocks of what is posted to it, and its MD5 when `md5`. */
  open(md5: boolean): number {
    const id = this.nextId++;
    this.jobs.set(id, { md5, onHashed: [], finish: null, failed: null });
    this.thread().ref();
    return id;
  }

  /**
   * Hashes `buffer[0, length)` as the job's next bytes; `endsBlock` when they end a 4 MiB block. The
   * buffer must not change until `onHashed` is called (also called, at once, if the job has failed).
   */
  post(id: number, buffer: SharedArrayBuffer, length: number, endsBlock: boolean, onHashed: () => void): void {
    const job = this.jobs.get(id);
    if (!job || job.failed) {
      onHashed();
      return;
    }
    job.onHashed.push(onHashed);
    this.thread().postMessage({ op: 'data', id, buffer, length, endsBlock, md5: job.md5 });
  }

  /** The digests of everything posted, once hashed. The job is over either way. */
  finish(id: number): Promise<Digests> {
    const job = this.jobs.get(id);
    if (!job) return Promise.reject(new Error('hash thread: unknown or cancelled job'));
    if (job.failed) {
      this.settle(id);
      return Promise.reject(job.failed);
    }
    return new Promise((resolve, reject) => {
      job.finish = { resolve, reject };
      this.thread().postMessage({ op: 'end', id, md5: job.md5 });
    });
  }

  /** Forgets the job; batches already posted are still hashed, and their `onHashed` still called. */
  cancel(id: number): void {
    const job = this.jobs.get(id);
    if (!job) return;
    job.finish = null;
    this.worker?.postMessage({ op: 'drop', id });
    // Kept until its last batch is answered, so the caller learns when its buffers are free.
    if (job.onHashed.length === 0) this.settle(id);
    else job.failed = new Error('hash thread: job cancelled');
  }

  /** Stops the thread; jobs still running fail. A later job starts a new thread. */
  async terminate(): Promise<void> {
    const worker = this.worker;
    if (worker) await worker.terminate();
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.on('message', (message: FromThread) => this.receive(message));
    const fail = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      for (const [id, job] of this.jobs) {
        job.failed ??= error;
        for (const release of job.onHashed.splice(0)) release();
        if (job.finish) {
          this.jobs.delete(id);
          job.finish.reject(error);
        }
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`hash thread stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private receive(message: FromThread): void {
    const job = this.jobs.get(message.id);
    if (!job) return;
    if (message.op === 'hashed') {
      job.onHashed.shift()?.();
      if (job.failed && job.onHashed.length === 0 && !job.finish) this.settle(message.id);
      return;
    }
    const all = Buffer.from(message.blocks);
    const blocks: Buffer[] = [];
    for (let at = 0; at < all.length; at += SHA1_BYTES) blocks.push(all.subarray(at, at + SHA1_BYTES));
    const finish = job.finish;
    this.settle(message.id);
    finish?.resolve({ blocks, md5: message.md5 ? Buffer.from(message.md5) : null });
  }

  private settle(id: number): void {
    this.jobs.delete(id);
    if (this.jobs.size === 0) this.worker?.unref();
  }
}

/** The process's hashing thread. */
export const hashThread = new HashThread();

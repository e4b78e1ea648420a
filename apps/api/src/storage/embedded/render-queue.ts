/**
 * A tiny bounded work queue for image renders: at most `concurrency` run at once, at most `maxWaiting`
 * wait, and past that the caller is refused at once (503 with Retry-After) instead of holding yet another
 * request, and later its pixels, in memory. Written here rather than taken from npm (p-limit and the like)
 * because none of those refuse when full, and the whole thing is twenty lines.
 */
import { KODO, KodoError } from './errors.js';

/** What a refused client is told to wait before retrying, in seconds: a few renders' time. */
export const RETRY_AFTER_SECONDS = 1;

export class RenderQueue {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    readonly concurrency: number,
    readonly maxWaiting: number,
  ) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('concurrency must be at least 1');
  }

  /** Renders running now, and waiting for a slot. */
  get size(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running < this.concurrency) {
      this.running++;
    } else if (this.waiting.length < this.maxWaiting) {
      // The slot is handed over by the task that frees it, so `running` stays counted.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      throw new KodoError(KODO.serviceUnavailable, 'too many images being processed, retry later', {
        'Retry-After': String(RETRY_AFTER_SECONDS),
      });
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/**
 * Per-part retry: exponential backoff with full jitter (a random wait up to base·2^(n-1), capped), so
 * phones that lost the same cell tower do not all come back at once. The wait, the randomness and the
 * number of attempts are injected: tests run without real time.
 */
import { isNetworkError } from '../../lib/network-error';
import type { CancelSignal } from '../queue';
import { UploadCancelled } from '../queue';
import { MultipartFailure, PartTransferError } from './errors';

export interface RetryPolicy {
  /** Tries of one request in all, the first included. */
  attempts: number;
  /** The first retry waits up to this long; each next one up to twice the last. */
  baseMs: number;
  /** No wait is longer than this. */
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseMs: 500, maxMs: 20_000 };

/** Waits `ms`; rejects with UploadCancelled as soon as the signal fires. */
export type Sleep = (ms: number, signal: CancelSignal) => Promise<void>;

/** How long to wait before retry number `retry` (1 = the first retry): uniform in [0, min(max, base·2^(retry-1))]. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal.cancelled) {
      reject(new UploadCancelled());
      return;
    }
    const timer = setTimeout(resolve, ms);
    signal.onCancel(() => {
      clearTimeout(timer);
      reject(new UploadCancelled());
    });
  });

/**
 * Whether a failed request is worth trying again: the network, a server error or "slow down" from storage,
 * and the same from the API (its client reports the HTTP status in `data.httpStatus`).
 */
export function isTransient(error: unknown): boolean {
  if (error instanceof MultipartFailure) return false;
  if (error instanceof PartTransferError) return error.retryable;
  if (isNetworkError(error)) return true;
  const status = (error as { data?: { httpStatus?: unknown } } | null)?.data?.httpStatus;
  return typeof status === 'number' && (status >= 500 || status === 429);
}

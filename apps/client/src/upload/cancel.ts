/**
 * Cancelling a running transfer (the queue's signal per file, the uploader's per request), and the two ways a transfer ends other than success or failure: cancelled
 * by the user, or told to start over with a fresh ticket.
 */

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

export interface Abort {
  readonly signal: CancelSignal;
  abort(): void;
}

/**
 * A cancel signal fired by `abort()` or by any of its parents. Listeners run once each, in order; one added
 * after it fired runs at once.
 */
export function createAbort(...parents: CancelSignal[]): Abort {
  let aborted = false;
  const listeners: (() => void)[] = [];
  const abort = () => {
    if (aborted) return;
    aborted = true;
    for (const listener of listeners.splice(0)) listener();
  };
  for (const parent of parents) {
    if (parent.cancelled) abort();
    else parent.onCancel(abort);
  }
  return {
    signal: {
      get cancelled() {
        return aborted;
      },
      onCancel(listener) {
        if (aborted) listener();
        else listeners.push(listener);
      },
    },
    abort,
  };
}

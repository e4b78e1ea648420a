/** A cancel signal the uploader fires itself (one per request), also fired by any of its parents. */
import type { CancelSignal } from '../queue';

export interface Abort {
  readonly signal: CancelSignal;
  abort(): void;
}

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

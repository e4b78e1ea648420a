/**
 * Whether the device is online, behind a small interface (network.ts per platform: the browser's
 * online/offline events, Taro's onNetworkStatusChange on WeChat and RN) so tests drive it. The gate holds
 * requests while the device is offline and tells the uploader when it goes, so requests in flight are cut
 * at once instead of hanging until a timeout.
 */
import type { CancelSignal } from '../queue';
import { UploadCancelled } from '../queue';

export interface NetworkMonitor {
  online(): boolean;
  /** Called with each change; returns the unsubscribe. */
  subscribe(listener: (online: boolean) => void): () => void;
}

/** For tests and platforms that cannot tell: always online. */
export const ALWAYS_ONLINE: NetworkMonitor = { online: () => true, subscribe: () => () => undefined };

/** A monitor the test (or a platform adapter) sets by hand. */
export function manualNetwork(initial = true): NetworkMonitor & { set(online: boolean): void } {
  let current = initial;
  const listeners = new Set<(online: boolean) => void>();
  return {
    online: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(online) {
      if (online === current) return;
      current = online;
      for (const listener of [...listeners]) listener(online);
    },
  };
}

/** Resolves at once when online, else when the network returns; rejects with UploadCancelled on cancel. */
export function whenOnline(network: NetworkMonitor, signal: CancelSignal): Promise<void> {
  if (signal.cancelled) return Promise.reject(new UploadCancelled());
  if (network.online()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    let settled = false;
    const unsubscribe = network.subscribe((online) => {
      if (!online || settled) return;
      settled = true;
      unsubscribe();
      resolve();
    });
    signal.onCancel(() => {
      if (settled) return;
      settled = true;
      unsubscribe();
      reject(new UploadCancelled());
    });
  });
}

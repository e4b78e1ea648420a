/**
 * The queue's list of files and its watchers: every change makes one new snapshot (what
 * useSyncExternalStore reads) and tells every listener. Items are replaced, never changed in place.
 */
import { type QueueSnapshot, summarize } from './queue-summary';
import type { UploadItem } from './queue-types';

export function createItemList() {
  let items: UploadItem[] = [];
  let paused = false;
  let snapshot: QueueSnapshot = { items, overall: summarize(items, paused) };
  const listeners = new Set<() => void>();

  function publish() {
    snapshot = { items, overall: summarize(items, paused) };
    for (const listener of listeners) listener();
  }

  return {
    get items(): readonly UploadItem[] {
      return items;
    },
    get paused(): boolean {
      return paused;
    },
    /** Sets the list (and, when given, whether the queue is paused), then publishes. */
    set(next: UploadItem[], pausedNow = paused): void {
      items = next;
      paused = pausedNow;
      publish();
    },
    update(id: string, patch: Partial<UploadItem>): void {
      items = items.map((item) => (item.id === id ? { ...item, ...patch } : item));
      publish();
    },
    find(id: string): UploadItem | undefined {
      return items.find((item) => item.id === id);
    },
    getSnapshot(): QueueSnapshot {
      return snapshot;
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

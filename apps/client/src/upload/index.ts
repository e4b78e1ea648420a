/** The app's one upload queue, wired to the API client and Taro.uploadFile; `useUploadQueue()` for screens. */
import { useSyncExternalStore } from 'react';
import type { ApiClient } from '../api/client';
import { isSessionLost } from '../api/query';
import { preparePickedFile } from './picker';
import { createUploadQueue, type QueueSnapshot, type UploadQueue } from './queue';
import { createTaroUploadTransport } from './transport';

let queue: UploadQueue | null = null;
const drainedListeners = new Set<(result: { uploaded: number; duplicates: number }) => void>();
let sessionLostHandler: ((error: unknown) => void) | null = null;

/** Set by the app: what a lost session during an upload does (the same as anywhere else: go sign in). */
export function setUploadSessionLostHandler(handler: (error: unknown) => void): void {
  sessionLostHandler = handler;
}

/** Called each time uploads finish (the timeline refreshes itself). */
export function onUploadsDrained(listener: (result: { uploaded: number; duplicates: number }) => void): () => void {
  drainedListeners.add(listener);
  return () => drainedListeners.delete(listener);
}

export function getUploadQueue(api: ApiClient): UploadQueue {
  queue ??= createUploadQueue({
    transport: createTaroUploadTransport(api),
    prepare: (file) => preparePickedFile(file),
    isSessionLost,
    onSessionLost: (error) => sessionLostHandler?.(error),
    onDrained: (result) => {
      for (const listener of drainedListeners) listener(result);
    },
  });
  return queue;
}

/** The queue's state for a screen; null before any screen created the queue. */
export function useUploadSnapshot(target: UploadQueue): QueueSnapshot {
  return useSyncExternalStore(target.subscribe, target.getSnapshot, target.getSnapshot);
}

/** The queue if one exists (after sign-in: resume it). */
export function existingUploadQueue(): UploadQueue | null {
  return queue;
}

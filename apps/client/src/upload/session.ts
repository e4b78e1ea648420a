/**
 * What the rest of the app knows of the upload queue: whether one exists (to resume it after sign-in),
 * what a lost session does, and when uploads finish. Kept apart from index.ts, which builds the queue with
 * the picker, EXIF, ThumbHash and SHA-1 code, so that code loads with the upload page and not with the
 * app's first screen.
 */
import type { UploadQueue } from './queue';

export interface DrainedUploads {
  uploaded: number;
  duplicates: number;
}

let queue: UploadQueue | null = null;
const drainedListeners = new Set<(result: DrainedUploads) => void>();
let sessionLostHandler: ((error: unknown) => void) | null = null;

/** Set by the app: what a lost session during an upload does (the same as anywhere else: go sign in). */
export function setUploadSessionLostHandler(handler: (error: unknown) => void): void {
  sessionLostHandler = handler;
}

/** Called each time uploads finish (the timeline refreshes itself). */
export function onUploadsDrained(listener: (result: DrainedUploads) => void): () => void {
  drainedListeners.add(listener);
  return () => drainedListeners.delete(listener);
}

/** The queue if one exists (after sign-in: resume it). */
export function existingUploadQueue(): UploadQueue | null {
  return queue;
}

/** The app's one queue, made by `create` the first time it is asked for. */
export function theUploadQueue(create: (events: QueueEvents) => UploadQueue): UploadQueue {
  queue ??= create({
    onSessionLost: (error) => sessionLostHandler?.(error),
    onDrained: (result) => {
      for (const listener of drainedListeners) listener(result);
    },
  });
  return queue;
}

export interface QueueEvents {
  onSessionLost(error: unknown): void;
  onDrained(result: DrainedUploads): void;
}

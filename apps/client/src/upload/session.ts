/**
 * What the rest of the app knows of the upload queue: whether one exists (to resume it after sign-in),
 * whose it is, what a lost session does, and when uploads finish. Kept apart from index.ts, which builds
 * the queue with the picker, EXIF, ThumbHash and SHA-1 code, so that code loads with the upload page and not
 * with the app's first screen.
 *
 * The queue belongs to one account. A lost session only pauses it: the same account signing in again
 * carries on. A sign-out, or another account signing in, closes it (running transfers aborted, nothing of
 * it shown or resumed) and the next upload makes a fresh queue for whoever is signed in then.
 */
import type { UploadQueue } from './queue';

export interface DrainedUploads {
  uploaded: number;
  duplicates: number;
}

let queue: UploadQueue | null = null;
/** The account the queue's files were picked by; null until known (then no other account may take it). */
let owner: string | null = null;
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

/** The queue if one exists (after the same session is honoured again: resume it). */
export function existingUploadQueue(): UploadQueue | null {
  return queue;
}

/**
 * The app's one queue, made by `create` the first time it is asked for; `whoAsks` tells whose it is (the
 * signed-in account, as the server says; null when it cannot say).
 */
export function theUploadQueue(
  create: (events: QueueEvents) => UploadQueue,
  whoAsks: () => Promise<string | null>,
): UploadQueue {
  if (queue) return queue;
  const made = create({
    onSessionLost: (error) => sessionLostHandler?.(error),
    onDrained: (result) => {
      for (const listener of drainedListeners) listener(result);
    },
  });
  queue = made;
  void whoAsks().then(
    (userId) => {
      if (queue === made && owner === null) owner = userId;
    },
    () => undefined,
  );
  return made;
}

/** A sign-out: the account's uploads stop and are forgotten. */
export function endUploads(): void {
  const ending = queue;
  queue = null;
  owner = null;
  ending?.close();
}

/**
 * Someone signed in: the queue carries on when it is theirs; another account's (or one nobody can vouch
 * for) is closed, so nothing of the previous account shows or resumes.
 */
export function uploadsSignedIn(userId: string): void {
  if (!queue) return;
  if (owner !== userId) {
    endUploads();
    return;
  }
  queue.resume();
}

export interface QueueEvents {
  onSessionLost(error: unknown): void;
  onDrained(result: DrainedUploads): void;
}

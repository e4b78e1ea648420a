/** The app's one upload queue, wired to the API client and Taro.uploadFile; `useUploadSnapshot()` for screens. */
import { useSyncExternalStore } from 'react';
import type { ApiClient } from '../api/client';
import { isSessionLost } from '../api/query';
import { continueInterrupted, withPlatformMultipart } from './multipart';
import { preparePickedFile } from './picker';
import { createUploadQueue, type QueueSnapshot, type UploadQueue } from './queue';
import { theUploadQueue } from './session';
import { createTaroUploadTransport } from './transport';

export function getUploadQueue(api: ApiClient): UploadQueue {
  return theUploadQueue(
    (events) => {
      const queue = createUploadQueue({
        transport: withPlatformMultipart(createTaroUploadTransport(api), api),
        prepare: (file) => preparePickedFile(file),
        isSessionLost,
        ...events,
      });
      continueInterrupted(queue, api);
      return queue;
    },
    () => api.auth.me.query().then((me) => me.id),
  );
}

/** The queue's state for a screen. */
export function useUploadSnapshot(target: UploadQueue): QueueSnapshot {
  return useSyncExternalStore(target.subscribe, target.getSnapshot, target.getSnapshot);
}

/** The queue's list as a whole: counts, bytes and percent for the progress bar, and what is finished. */
import type { UploadItem, UploadStatus } from './queue-types';

export interface QueueOverall {
  /** Files that are neither cancelled nor rejected. */
  total: number;
  /** Files that reached the library (uploaded or already there). */
  finished: number;
  failed: number;
  duplicates: number;
  /** Files that cannot be uploaded (listed with their reason). */
  rejected: number;
  /** Bytes of all counted files, and of those sent (finished files count whole). */
  bytesTotal: number;
  bytesLoaded: number;
  /** 0-100, by bytes. */
  percent: number;
  /** Something is preparing, waiting or running. */
  busy: boolean;
  paused: boolean;
}

export interface QueueSnapshot {
  items: readonly UploadItem[];
  overall: QueueOverall;
}

/** States a file does not leave by itself (clearFinished forgets them). */
export const FINAL: readonly UploadStatus[] = ['done', 'duplicate', 'cancelled', 'rejected'];

const BUSY: readonly UploadStatus[] = ['preparing', 'waiting', 'uploading', 'confirming'];

export function summarize(items: readonly UploadItem[], paused: boolean): QueueOverall {
  let total = 0;
  let finished = 0;
  let failed = 0;
  let duplicates = 0;
  let rejected = 0;
  let bytesTotal = 0;
  let bytesLoaded = 0;
  let busy = false;
  for (const item of items) {
    if (item.status === 'cancelled') continue;
    if (item.status === 'rejected') {
      rejected += 1;
      continue;
    }
    total += 1;
    bytesTotal += item.file.size;
    if (item.status === 'done' || item.status === 'duplicate') {
      finished += 1;
      bytesLoaded += item.file.size;
      if (item.status === 'duplicate') duplicates += 1;
    } else {
      bytesLoaded += Math.min(item.loaded, item.file.size);
    }
    if (item.status === 'failed') failed += 1;
    if (BUSY.includes(item.status)) busy = true;
  }
  const percent = bytesTotal === 0 ? 0 : Math.floor((bytesLoaded / bytesTotal) * 100);
  return { total, finished, failed, duplicates, rejected, bytesTotal, bytesLoaded, percent, busy, paused };
}

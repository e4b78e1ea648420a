/**
 * Uploads cut by a closed app, as the upload screen offers them. Where the platform can open the picked
 * file again by its path (WeChat's temp files while they last, RN's cache), they join the queue by
 * themselves: prepared like a fresh pick (the qetag proves it is the same file) and resumed from the
 * stored parts. A browser cannot reopen a File after a reload: the screen lists them, and picking the
 * same file again resumes it (matched by its fingerprint, transport.ts).
 */
import type { PickedFile, UploadItem, UploadQueue } from '../queue';
import { cutParts } from './parts';
import type { MultipartRecord, RecordStore } from './record';

export interface InterruptedUpload {
  key: string;
  homeId: string;
  filename: string;
  size: number;
  partsDone: number;
  partsTotal: number;
}

export function interruptedOf(record: MultipartRecord): InterruptedUpload {
  return {
    key: record.ticket.key,
    homeId: record.homeId,
    filename: record.request.filename,
    size: record.request.size,
    partsDone: record.parts.length,
    partsTotal: cutParts(record.request.size, record.ticket.multipart.partBytes).length,
  };
}

/** The stored upload's file, as a pick of it from its path would give it. */
export function pickedFromRecord(record: MultipartRecord & { path: string }): PickedFile {
  const { filename, size, mime } = record.request;
  return { path: record.path, name: filename, size, mime, source: { path: record.path, size } };
}

/** Platforms whose picked files can be opened again by path after the app restarts. */
export function canReopenFiles(platform = process.env.TARO_ENV): boolean {
  return platform === 'weapp' || platform === 'rn';
}

/** Puts every stored upload whose file can be opened again back in the queue; answers how many. */
export async function continueStoredUploads(
  queue: Pick<UploadQueue, 'add'>,
  records: Pick<RecordStore, 'list'>,
  canReopen = canReopenFiles(),
): Promise<number> {
  if (!canReopen) return 0;
  let added = 0;
  for (const record of await records.list().catch((): MultipartRecord[] => [])) {
    if (!record.path) continue;
    queue.add(record.homeId, [pickedFromRecord({ ...record, path: record.path })]);
    added += 1;
  }
  return added;
}

const LIVE: readonly UploadItem['status'][] = ['preparing', 'waiting', 'uploading', 'confirming', 'paused'];

/** Stored uploads not being sent now (a re-picked file in the queue is no longer "interrupted"). */
export function notInQueue(stored: readonly InterruptedUpload[], items: readonly UploadItem[]): InterruptedUpload[] {
  return stored.filter(
    (upload) =>
      !items.some(
        (item) =>
          LIVE.includes(item.status) &&
          item.homeId === upload.homeId &&
          item.file.name === upload.filename &&
          item.file.size === upload.size,
      ),
  );
}

/**
 * The app's multipart uploads: the queue's transport wrapped (transport.ts) with this platform's bytes
 * HTTP, network events, file reads and Taro storage for the records of uploads in flight.
 */
import type { ApiClient } from '../../api/client';
import { taroStorage } from '../../api/platform';
import { type PickedFileSource, readFileRange } from '../file-head';
import type { PickedFile, UploadQueue, UploadTransport } from '../queue';
import { platformByteHttp } from './http';
import { platformNetwork } from './network';
import { createRecordStore, type RecordStore } from './record';
import { sessionScope } from './scope';
import { canReopenFiles, continueStoredUploads, type InterruptedUpload, interruptedOf } from './stored';
import { forgetStoredUpload, withMultipart } from './transport';

let records: RecordStore | null = null;

/** The device's records of multipart uploads in flight, as the signed-in account may see them. */
export function multipartRecords(api: ApiClient): RecordStore {
  // Taro's storage calls as member expressions (api/platform.ts): on H5 the Taro object itself has none.
  records ??= createRecordStore(taroStorage, sessionScope(api));
  return records;
}

async function readPart(file: PickedFile, start: number, length: number): Promise<ArrayBuffer> {
  const source = file.source as PickedFileSource | undefined;
  const bytes = source ? await readFileRange(source, start, length) : null;
  if (!bytes) throw new Error(`cannot read ${file.name} on this device`);
  return bytes;
}

export function withPlatformMultipart(inner: UploadTransport, api: ApiClient): UploadTransport {
  return withMultipart(inner, {
    api,
    http: platformByteHttp(),
    records: multipartRecords(api),
    network: platformNetwork(),
    read: readPart,
  });
}

/** Once the queue exists: stored uploads whose files this platform can reopen continue by themselves. */
export function continueInterrupted(queue: Pick<UploadQueue, 'add'>, api: ApiClient): void {
  void continueStoredUploads(queue, multipartRecords(api));
}

/** The upload screen's view of interrupted uploads. */
export function storedUploads(api: ApiClient) {
  return {
    canReopen: canReopenFiles(),
    async list(): Promise<InterruptedUpload[]> {
      return (await multipartRecords(api).list()).map(interruptedOf);
    },
    async forget(key: string): Promise<void> {
      const records = multipartRecords(api);
      const record = await records.get(key);
      if (record) await forgetStoredUpload({ api, http: platformByteHttp(), records }, record);
    },
  };
}

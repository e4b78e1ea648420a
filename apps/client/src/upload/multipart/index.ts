/**
 * The app's multipart uploads: the queue's transport wrapped (transport.ts) with this platform's bytes
 * HTTP, network events, file reads and Taro storage for the records of uploads in flight.
 */
import Taro from '@tarojs/taro';
import type { ApiClient } from '../../api/client';
import { type PickedFileSource, readFileRange } from '../file-head';
import type { PickedFile, UploadTransport } from '../queue';
import { platformByteHttp } from './http';
import { platformNetwork } from './network';
import { createRecordStore, type RecordStore } from './record';
import { withMultipart } from './transport';

let records: RecordStore | null = null;

/** The device's records of multipart uploads in flight. */
export function multipartRecords(): RecordStore {
  records ??= createRecordStore(Taro);
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
    records: multipartRecords(),
    network: platformNetwork(),
    read: readPart,
  });
}

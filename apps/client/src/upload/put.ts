/**
 * A presigned PUT of a file's bytes, in the browser and in React Native: XMLHttpRequest with the file as the
 * body (H5: the picked File; RN and blob: URLs: the bytes fetched from the uri), exactly the signed headers,
 * progress from `upload.onprogress`, and `abort()` on cancel. WeChat: put.weapp.ts.
 */

import { NetworkFailure } from '../lib/network-error';
import type { PickedFileSource } from './file-head';
import type { PickedFile } from './queue';
import { UploadCancelled } from './queue';
import { type PutRequest, StorageUploadError, sendableHeaders, storageDetail } from './storage-http';

async function bodyOf(file: PickedFile): Promise<Blob> {
  const original = (file.source as PickedFileSource | undefined)?.originalFileObj;
  if (original) return original;
  const response = await fetch(file.path);
  return response.blob();
}

export async function putFile(
  { url, headers, file, onProgress, signal }: PutRequest,
  Xhr: typeof XMLHttpRequest = XMLHttpRequest,
): Promise<void> {
  const body = await bodyOf(file);
  if (signal.cancelled) throw new UploadCancelled();
  await new Promise<void>((resolve, reject) => {
    let cancelled = false;
    const xhr = new Xhr();
    xhr.open('PUT', url);
    for (const [name, value] of Object.entries(sendableHeaders(headers))) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (!cancelled) onProgress(event.loaded);
    };
    xhr.onload = () => {
      if (cancelled) return;
      if (xhr.status >= 200 && xhr.status < 300) resolve();
      else reject(new StorageUploadError(xhr.status, storageDetail(xhr.responseText)));
    };
    xhr.onerror = () => {
      if (!cancelled) reject(new NetworkFailure());
    };
    signal.onCancel(() => {
      cancelled = true;
      xhr.abort();
      reject(new UploadCancelled());
    });
    xhr.send(body);
  });
}

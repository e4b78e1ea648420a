/**
 * A presigned PUT in WeChat (see put.ts): wx.uploadFile only POSTs a multipart form, so the file's bytes are
 * read whole by the FileSystemManager and sent as the body of a `Taro.request` with exactly the signed
 * headers. Limits: the whole file sits in memory (an ArrayBuffer), so this path serves files below
 * MULTIPART_THRESHOLD_BYTES (8 MiB; larger ones go in parts); request has no upload progress events, so
 * progress jumps from 0 to the whole file when storage answers; the storage host must be on the
 * mini-program's request domain list.
 */
import Taro from '@tarojs/taro';
import { NetworkFailure } from '../lib/network-error';
import { UploadCancelled } from './queue';
import { type PutRequest, StorageUploadError, sendableHeaders, storageDetail } from './storage-http';

function readWhole(filePath: string): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath,
      success: (result) => resolve(result.data as ArrayBuffer),
      fail: (error) => reject(new Error(`cannot read the file: ${error.errMsg}`)),
    });
  });
}

export async function putFile({ url, headers, file, onProgress, signal }: PutRequest): Promise<void> {
  const body = await readWhole(file.path);
  if (signal.cancelled) throw new UploadCancelled();
  const header = sendableHeaders(headers);
  await new Promise<void>((resolve, reject) => {
    let cancelled = false;
    const task = Taro.request({
      url,
      method: 'PUT',
      header,
      data: body,
      dataType: '其他',
      responseType: 'text',
      success: (result) => {
        if (cancelled) return;
        if (result.statusCode >= 200 && result.statusCode < 300) {
          onProgress(file.size);
          resolve();
        } else reject(new StorageUploadError(result.statusCode, storageDetail(result.data)));
      },
      fail: (error) => {
        if (!cancelled) reject(new NetworkFailure(error.errMsg));
      },
    });
    signal.onCancel(() => {
      cancelled = true;
      task.abort?.();
      reject(new UploadCancelled());
    });
  });
}

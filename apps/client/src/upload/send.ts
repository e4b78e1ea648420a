/**
 * One file to storage with one grant (an upload ticket or a derivative's): a form POST through
 * Taro.uploadFile (wx.uploadFile on weapp, XHR on H5, the RN uploader) with its progress events, or for
 * `method: 'PUT'` the bytes as the body with exactly the signed headers (put.ts, put.weapp.ts).
 */
import Taro from '@tarojs/taro';
import { NetworkFailure } from '../lib/network-error';
import { putFile } from './put';
import type { CancelSignal, PickedFile } from './queue';
import { UploadCancelled } from './queue';
import { StorageUploadError, storageDetail } from './storage-http';

export interface StorageGrant {
  method?: 'POST' | 'PUT' | undefined;
  uploadUrl: string;
  fields: Readonly<Record<string, string>>;
  headers?: Readonly<Record<string, string>> | undefined;
}

function postForm(
  grant: StorageGrant,
  file: PickedFile,
  onProgress: (loaded: number) => void,
  signal: CancelSignal,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let cancelled = false;
    const task = Taro.uploadFile({
      url: grant.uploadUrl,
      filePath: file.path,
      name: 'file',
      fileName: file.name,
      formData: grant.fields,
      // H5: storage on another origin (Qiniu) allows any origin but not credentials.
      withCredentials: false,
      success: (result) => {
        if (cancelled) return;
        if (result.statusCode >= 200 && result.statusCode < 300) resolve();
        else reject(new StorageUploadError(result.statusCode, storageDetail(result.data)));
      },
      fail: (error) => {
        if (cancelled) return;
        reject(new NetworkFailure(error.errMsg));
      },
    } as Taro.uploadFile.Option);
    task.onProgressUpdate?.((progress) => {
      const sent = progress.totalBytesSent || Math.round((progress.progress / 100) * file.size);
      onProgress(sent);
    });
    signal.onCancel(() => {
      cancelled = true;
      task.abort?.();
      reject(new UploadCancelled());
    });
  });
}

export function sendToStorage(
  grant: StorageGrant,
  file: PickedFile,
  onProgress: (loaded: number) => void,
  signal: CancelSignal,
): Promise<void> {
  if (grant.method === 'PUT') {
    return putFile({ url: grant.uploadUrl, headers: grant.headers ?? {}, file, onProgress, signal });
  }
  return postForm(grant, file, onProgress, signal);
}

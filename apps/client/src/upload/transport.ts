/**
 * The real upload transport: tickets and confirmation through the API client, the bytes through
 * Taro.uploadFile (wx.uploadFile on weapp, XHR on H5, the RN uploader) with its progress events.
 */
import Taro from '@tarojs/taro';
import type { ApiClient } from '../api/client';
import type { PickedFile, UploadTransport } from './queue';
import { UploadCancelled } from './queue';

/** Storage refused the upload: Kodo (and the embedded store) answer e.g. 401, 403, 413, 614 with { error }. */
export class StorageUploadError extends Error {
  override name = 'StorageUploadError';
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(`storage answered ${status}${detail ? `: ${detail}` : ''}`);
  }
}

function storageDetail(data: unknown): string {
  if (typeof data !== 'string') return '';
  try {
    const parsed = JSON.parse(data) as { error?: unknown };
    return typeof parsed.error === 'string' ? parsed.error : '';
  } catch {
    return data.slice(0, 120);
  }
}

export function createTaroUploadTransport(api: ApiClient): UploadTransport {
  return {
    async createTickets(homeId, files) {
      const { tickets } = await api.uploads.create.mutate({ homeId, files: [...files] });
      if (tickets.length !== files.length) {
        throw new Error(`uploads.create answered ${tickets.length} tickets for ${files.length} files`);
      }
      return tickets;
    },
    send(ticket, file: PickedFile, onProgress, signal) {
      return new Promise<void>((resolve, reject) => {
        let cancelled = false;
        const task = Taro.uploadFile({
          url: ticket.uploadUrl,
          filePath: file.path,
          name: 'file',
          fileName: file.name,
          formData: ticket.fields,
          // H5: storage on another origin (Qiniu) allows any origin but not credentials.
          withCredentials: false,
          success: (result) => {
            if (cancelled) return;
            if (result.statusCode >= 200 && result.statusCode < 300) resolve();
            else reject(new StorageUploadError(result.statusCode, storageDetail(result.data)));
          },
          fail: (error) => {
            if (cancelled) return;
            reject(new TypeError(`Network request failed: ${error.errMsg}`));
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
    },
    confirm(input) {
      return api.uploads.confirm.mutate(input);
    },
  };
}

/**
 * Downloading a home's export (exports.create's link, on the API's own origin). H5 hands the link to the
 * browser, which saves the file and shows its progress; weapp and RN download it with Taro.downloadFile,
 * reporting progress, into the mini-program's user folder (weapp) or the app's files (RN).
 */
import Taro from '@tarojs/taro';
import type { ExportLink } from '@xiaojia/shared';
import { apiOrigin, saveInBrowser } from '../../lib/photo-actions';

export interface ExportProgress {
  written: number;
  total: number;
}

/** Where the archive went: the browser's downloads, or a file on the device. */
export type ExportOutcome = { kind: 'browser' } | { kind: 'file'; path: string };

/** The server refused or cut the download; `status` is its HTTP status (0: the connection was cut). */
export class ExportDownloadError extends Error {
  override name = 'ExportDownloadError';
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

export async function downloadExport(
  link: ExportLink,
  onProgress: (progress: ExportProgress) => void,
): Promise<ExportOutcome> {
  const url = `${apiOrigin()}${link.path}`;
  if (process.env.TARO_ENV === 'h5') {
    saveInBrowser(url, link.filename);
    return { kind: 'browser' };
  }
  // weapp: a temp file may be cleaned up at any time; the user folder keeps it until deleted.
  const filePath = process.env.TARO_ENV === 'weapp' ? `${Taro.env.USER_DATA_PATH}/${link.filename}` : undefined;
  const result = await new Promise<Taro.downloadFile.FileSuccessCallbackResult>((resolve, reject) => {
    const task = Taro.downloadFile({
      url,
      ...(filePath ? { filePath } : {}),
      success: resolve,
      // A connection cut mid-way (a photo the server could not read) fails the download.
      fail: () => reject(new ExportDownloadError(0)),
    });
    task?.onProgressUpdate?.(({ totalBytesWritten, totalBytesExpectedToWrite }) =>
      onProgress({ written: totalBytesWritten, total: totalBytesExpectedToWrite || link.size }),
    );
  });
  if (result.statusCode !== 200) throw new ExportDownloadError(result.statusCode);
  return { kind: 'file', path: result.filePath || result.tempFilePath };
}

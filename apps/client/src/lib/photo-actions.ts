/**
 * Saving a photo or a video to the phone: on weapp and RN the original is downloaded from the API's own
 * origin (`downloadPath`: WeChat can only reach whitelisted domains, a user's bucket domain is not one) and
 * handed to the photo album (saveImageToPhotosAlbum, or saveVideoToPhotosAlbum for a video), asking for
 * the album permission when needed; H5 downloads it as a file.
 */
import Taro from '@tarojs/taro';
import { isVideoMime } from '@xiaojia/shared';
import type { ApiClient } from '../api/client';
import { resolveApiUrl } from '../api/client';
import { t } from '../i18n';
import { errorMessage } from '../i18n/errors';

/** Where the API lives: '' on H5 served by the API (same origin). */
export function apiOrigin(): string {
  return resolveApiUrl(process.env.TARO_ENV, process.env.TARO_APP_API_URL).replace(/\/trpc$/, '');
}

function isPermissionDenied(error: unknown): boolean {
  const message = error && typeof error === 'object' && 'errMsg' in error ? String(error.errMsg) : String(error);
  return /auth deny|auth denied|authorize:fail|permission/i.test(message);
}

async function askForAlbumPermission(): Promise<void> {
  const { confirm } = await Taro.showModal({
    title: '',
    content: t('viewer.savePermission'),
    confirmText: t('viewer.openSettings'),
    cancelText: t('common.cancel'),
  });
  if (confirm) await Taro.openSetting();
}

async function saveThroughDownload(url: string, video: boolean, platform: string | undefined): Promise<void> {
  if (platform === 'weapp') {
    const setting = await Taro.getSetting();
    // false: asked before and refused; WeChat will not ask again, only the settings page can change it.
    if (setting.authSetting['scope.writePhotosAlbum'] === false) {
      await askForAlbumPermission();
      throw new Error(t('viewer.savePermission'));
    }
  }
  const download = await Taro.downloadFile({ url });
  if (download.statusCode !== 200) throw new Error(`HTTP ${download.statusCode}`);
  try {
    if (video) await Taro.saveVideoToPhotosAlbum({ filePath: download.tempFilePath });
    else await Taro.saveImageToPhotosAlbum({ filePath: download.tempFilePath });
  } catch (error) {
    if (isPermissionDenied(error)) {
      await askForAlbumPermission();
      throw new Error(t('viewer.savePermission'));
    }
    throw error;
  }
}

/** H5: a same-origin link with `download` saves the file instead of opening it. */
export function saveInBrowser(url: string, filename: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
}

/** Saves the photo's (or video's) original; shows a toast either way. */
export async function savePhotoToPhone(
  api: ApiClient,
  homeId: string,
  photoId: string,
  platform = process.env.TARO_ENV,
): Promise<boolean> {
  try {
    const detail = await api.photos.get.query({ homeId, id: photoId });
    const url = `${apiOrigin()}${detail.downloadPath}`;
    const inBrowser = platform === 'h5';
    const video = isVideoMime(detail.photo.mime);
    if (inBrowser) saveInBrowser(url, detail.photo.filename);
    else await saveThroughDownload(url, video, platform);
    // A browser downloads the file (to its downloads, not the phone's album): say what happened.
    const done = inBrowser ? 'viewer.downloaded' : video ? 'video.saved' : 'viewer.saved';
    await Taro.showToast({ title: t(done), icon: 'success' });
    return true;
  } catch (error) {
    await Taro.showToast({ title: t('viewer.saveFailed', { message: errorMessage(error) }), icon: 'none' });
    return false;
  }
}

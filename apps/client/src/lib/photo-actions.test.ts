import Taro from '@tarojs/taro';
import type { Photo, PhotoDetail } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { photo, scriptedApi } from '../../test/support/screen';
import { setLocale } from '../i18n';
import { savePhotoToPhone } from './photo-actions';

const clipId = '0190a000-0000-7000-8000-0000000000c1';
const stillId = '0190a000-0000-7000-8000-0000000000c2';
const clip: Photo = { ...photo(clipId), mime: 'video/mp4', filename: 'steps.mp4', durationMs: 12_000 };
const still: Photo = photo(stillId);

function detail(p: Photo): PhotoDetail {
  return {
    photo: p,
    uploaderName: '妈妈',
    previewUrl: null,
    originalUrl: `https://img.example.com/${p.id}`,
    downloadPath: `/download/${p.id}`,
    prevId: null,
    nextId: null,
    albumIds: [],
    urlsExpireAt: '2026-05-04T08:00:00.000Z',
  };
}

function api() {
  return scriptedApi({
    'photos.get': (input) => detail((input as { id: string }).id === clipId ? clip : still),
  }).client;
}

/** The mini-program's album APIs, played: what was saved, and how the permission stands. */
function wechat(saveFails?: { errMsg: string }) {
  const saved: { kind: 'video' | 'image'; filePath: string }[] = [];
  const toasts: string[] = [];
  const save =
    (kind: 'video' | 'image') =>
    async ({ filePath }: { filePath: string }) => {
      if (saveFails) throw saveFails;
      saved.push({ kind, filePath });
      return { errMsg: 'ok' };
    };
  Object.assign(Taro, {
    getSetting: async () => ({ authSetting: {} }),
    downloadFile: vi.fn(async ({ url }: { url: string }) => ({
      statusCode: 200,
      tempFilePath: `wxfile://tmp${url.slice(url.indexOf('/download'))}`,
    })),
    saveVideoToPhotosAlbum: save('video'),
    saveImageToPhotosAlbum: save('image'),
    showToast: async ({ title }: { title: string }) => {
      toasts.push(title);
      return { errMsg: 'ok' };
    },
    showModal: vi.fn(async () => ({ confirm: false, cancel: true })),
    openSetting: vi.fn(),
  });
  return { saved, toasts };
}

describe('saving to the phone', () => {
  beforeEach(() => setLocale('zh-CN'));
  afterEach(() => vi.restoreAllMocks());

  it("WeChat: a video goes to the album as a video, downloaded through the API's own origin", async () => {
    const { saved, toasts } = wechat();
    expect(await savePhotoToPhone(api(), 'h1', clipId, 'weapp')).toBe(true);
    expect(vi.mocked(Taro.downloadFile).mock.calls[0]?.[0].url).toMatch(new RegExp(`/download/${clipId}$`));
    expect(saved).toEqual([{ kind: 'video', filePath: `wxfile://tmp/download/${clipId}` }]);
    expect(toasts).toEqual(['视频已保存到手机相册']);
    // A photo still goes as an image.
    await savePhotoToPhone(api(), 'h1', stillId, 'weapp');
    expect(saved[1]).toEqual({ kind: 'image', filePath: `wxfile://tmp/download/${stillId}` });
  });

  it('WeChat: a refused album permission for a video leads to the settings, and says it failed', async () => {
    const { saved, toasts } = wechat({ errMsg: 'saveVideoToPhotosAlbum:fail auth deny' });
    expect(await savePhotoToPhone(api(), 'h1', clipId, 'weapp')).toBe(false);
    expect(saved).toEqual([]);
    expect(Taro.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ content: '需要“保存到相册”的权限，请在设置里打开' }),
    );
    expect(toasts[0]).toMatch(/^保存失败/);
  });

  it('H5: a video downloads as its file from the download path', async () => {
    wechat();
    const clicked: { href: string; download: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.getAttribute('href') ?? '', download: this.download });
    });
    expect(await savePhotoToPhone(api(), 'h1', clipId, 'h5')).toBe(true);
    expect(clicked).toEqual([{ href: `/download/${clipId}`, download: 'steps.mp4' }]);
  });
});

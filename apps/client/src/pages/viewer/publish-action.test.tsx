import Taro from '@tarojs/taro';
import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import type { Photo } from '@xiaojia/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { home } from '../../../test/support/homes';
import { id } from '../../../test/support/ids';
import { me } from '../../../test/support/library';
import { element, photo, renderWithApi } from '../../../test/support/screen';
import { fakeSocial, MAMA } from '../../../test/support/together';
import { ViewerScreen } from './ViewerScreen';

afterEach(cleanup);

function renderViewer(shown: Photo, role: 'owner' | 'viewer' = 'owner') {
  return renderWithApi(<ViewerScreen home={home('h1', role)} photoId={shown.id} settleMs={0} />, {
    ...fakeSocial(MAMA, true).answers,
    'photos.get': () => ({
      photo: shown,
      uploaderName: '妈妈',
      previewUrl: null,
      originalUrl: null,
      downloadPath: `/download/${shown.id}`,
      prevId: null,
      nextId: null,
      albumIds: [],
      urlsExpireAt: '2026-05-04T08:00:00.000Z',
    }),
    'auth.me': () => me('user-1'),
  });
}

describe('viewer: 发布到发现', () => {
  it('offers publishing on a photo the user uploaded, opening the publish page with it', async () => {
    const navigate = vi.fn(async (_option: { url: string }) => ({ errMsg: 'ok' }));
    Taro.navigateTo = navigate as unknown as typeof Taro.navigateTo;
    const mine = photo(id('ph1'));
    renderViewer(mine);
    fireEvent.click(await waitFor(() => element('#viewer-publish')));
    expect(navigate).toHaveBeenCalledWith({ url: `/pages/publish/index?home=h1&photo=${mine.id}` });
  });

  it('does not offer it on someone else’s photo, whatever the role', async () => {
    const theirs = photo(id('ph2'), undefined, id('user-2'));
    renderViewer(theirs);
    // Once the viewer knows who is looking (the trash tool waits for the same answer as publishing).
    await waitFor(() => element('#viewer-trash'));
    expect(document.querySelector('#viewer-publish')).toBeNull();
  });
});

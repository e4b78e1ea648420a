import { act, cleanup, fireEvent, waitFor } from '@testing-library/react';
import type { Album } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { home } from '../../../test/support/homes';
import { element, pagedAnswer, renderWithApi, textOf } from '../../../test/support/screen';
import { QueryProvider } from '../../api/query';
import { setLocale } from '../../i18n';

const HOME = home(id('h1'), 'member');

import { id } from '../../../test/support/ids';
import { ALBUM_PAGE_SIZE, AlbumsScreen } from './AlbumsScreen';

function album(id: string, name: string, photoCount: number, coverThumbUrl: string | null = null): Album {
  return {
    id,
    name,
    photoCount,
    coverPhotoId: null,
    coverThumbUrl,
    coverChosen: false,
    createdAt: '2026-05-01T08:00:00.000Z',
    updatedAt: '2026-05-01T08:00:00.000Z',
  };
}

async function typeName(value: string) {
  const input = await waitFor(() => element('#album-name-dialog-input input'));
  fireEvent.input(input, { target: { value } });
}

describe('albums list', () => {
  beforeEach(() => setLocale('zh-CN'));
  afterEach(cleanup);

  it('shows each album with its cover and count, and opens the one tapped', async () => {
    const opened: string[] = [];
    const albums = [album(id('a1'), '满月', 12, 'https://img.example.com/c.webp'), album(id('a2'), '旅行', 0)];
    renderWithApi(<AlbumsScreen home={HOME} onOpenAlbum={(a) => opened.push(a.id)} />, {
      'albums.list': pagedAnswer(() => albums),
    });
    await waitFor(() => expect(textOf(`#album-${id('a1')}`)).toContain('满月'));
    expect(textOf(`#album-${id('a1')}`)).toContain('12 张');
    expect(element(`#album-${id('a1')} img, #album-${id('a1')} taro-image-core`)).toBeTruthy();
    expect(textOf(`#album-${id('a2')}`)).toContain('暂无照片');
    fireEvent.click(element(`#album-${id('a2')}`));
    expect(opened).toEqual([id('a2')]);
  });

  it('loads the next page of albums when the page reaches the bottom, and on "load more"', async () => {
    const albums = Array.from({ length: ALBUM_PAGE_SIZE * 2 + 1 }, (_, i) => album(id(`a${i}`), `相册 ${i}`, i));
    const api = renderWithApi(<AlbumsScreen home={HOME} onOpenAlbum={() => undefined} reachedBottom={0} />, {
      'albums.list': pagedAnswer(() => albums),
    });
    await waitFor(() => element(`#album-${id(`a${ALBUM_PAGE_SIZE - 1}`)}`));
    expect(document.querySelectorAll('.albums__item')).toHaveLength(ALBUM_PAGE_SIZE);

    api.view.rerender(
      <QueryProvider client={api.client} queryClient={api.queryClient}>
        <AlbumsScreen home={HOME} onOpenAlbum={() => undefined} reachedBottom={1} />
      </QueryProvider>,
    );
    await waitFor(() => expect(document.querySelectorAll('.albums__item')).toHaveLength(ALBUM_PAGE_SIZE * 2));
    fireEvent.click(element('#albums-load-more'));
    await waitFor(() => element(`#album-${id(`a${ALBUM_PAGE_SIZE * 2}`)}`));
    expect(document.querySelector('#albums-load-more')).toBeNull();
    // Each page asks for the same size, after the cursor of the one before.
    expect(api.callsTo('albums.list').every((input) => (input as { limit: number }).limit === ALBUM_PAGE_SIZE)).toBe(
      true,
    );
    expect(api.callsTo('albums.list').map((input) => (input as { cursor?: string }).cursor)).toEqual([
      undefined,
      String(ALBUM_PAGE_SIZE),
      String(ALBUM_PAGE_SIZE * 2),
    ]);
  });

  it('explains what albums are for when there are none', async () => {
    renderWithApi(<AlbumsScreen home={HOME} onOpenAlbum={() => undefined} />, { 'albums.list': pagedAnswer(() => []) });
    await waitFor(() => expect(textOf('#albums-empty')).toContain('还没有相册'));
  });

  it('creates an album: refuses an empty name in the dialog, then sends the trimmed name and lists it', async () => {
    const albums: Album[] = [];
    const api = renderWithApi(<AlbumsScreen home={HOME} onOpenAlbum={() => undefined} />, {
      'albums.list': pagedAnswer(() => albums),
      'albums.create': (input) => {
        const created = album(id('a9'), (input as { name: string }).name, 0);
        albums.push(created);
        return created;
      },
    });
    await waitFor(() => element('#albums-empty'));
    fireEvent.click(element('#albums-create'));
    await typeName('   ');
    fireEvent.click(element('#album-name-dialog-confirm'));
    expect(textOf('#album-name-dialog-error')).toBe('请给相册起个名字');
    await typeName('x'.repeat(61));
    fireEvent.click(element('#album-name-dialog-confirm'));
    expect(textOf('#album-name-dialog-error')).toBe('相册名称最多 60 个字');
    expect(api.callsTo('albums.create')).toEqual([]);

    await typeName('  周岁  ');
    fireEvent.click(element('#album-name-dialog-confirm'));
    await waitFor(() => expect(textOf('#albums-notice')).toBe('已新建相册「周岁」'));
    expect(api.callsTo('albums.create')).toEqual([{ homeId: id('h1'), name: '周岁' }]);
    await waitFor(() => expect(textOf(`#album-${id('a9')}`)).toContain('周岁'));
    expect(document.querySelector('#album-name-dialog')).toBeNull();
  });

  it('keeps the "created" line true to the album: its new name after a rename, gone once it is deleted', async () => {
    const albums: Album[] = [];
    const api = renderWithApi(<AlbumsScreen home={HOME} onOpenAlbum={() => undefined} />, {
      'albums.list': pagedAnswer(() => albums),
      'albums.create': (input) => {
        const created = album(id('a9'), (input as { name: string }).name, 0);
        albums.push(created);
        return created;
      },
    });
    await waitFor(() => element('#albums-empty'));
    fireEvent.click(element('#albums-create'));
    await typeName('周岁');
    fireEvent.click(element('#album-name-dialog-confirm'));
    await waitFor(() => expect(textOf(`#album-${id('a9')}`)).toContain('周岁'));
    expect(textOf('#albums-notice')).toBe('已新建相册「周岁」');

    // Renamed and then deleted on the album's page, which refreshes the albums list each time.
    albums.splice(0, 1, { ...album(id('a9'), '一岁', 0) });
    await act(() => api.queryClient.invalidateQueries());
    await waitFor(() => expect(textOf('#albums-notice')).toBe('已新建相册「一岁」'));
    albums.splice(0, 1);
    await act(() => api.queryClient.invalidateQueries());
    await waitFor(() => expect(document.querySelector(`#album-${id('a9')}`)).toBeNull());
    expect(document.querySelector('#albums-notice')).toBeNull();
  });

  it('lets a viewer (亲友) look at the albums without making any', async () => {
    const api = renderWithApi(<AlbumsScreen home={home(id('h2'), 'viewer')} onOpenAlbum={() => undefined} />, {
      'albums.list': pagedAnswer(() => []),
    });
    await waitFor(() => expect(textOf('#albums-empty')).toContain('家人建好相册后'));
    expect(document.querySelector('#albums-create')).toBeNull();
    expect(api.callsTo('albums.list')).toEqual([expect.objectContaining({ homeId: id('h2'), limit: ALBUM_PAGE_SIZE })]);
  });
});

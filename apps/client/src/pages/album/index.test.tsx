import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import type { Album, Home, Photo } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { home } from '../../../test/support/homes';
import { id } from '../../../test/support/ids';
import { type Answer, appError, element, page, photo, renderWithApi, textOf } from '../../../test/support/screen';
import { setLocale } from '../../i18n';
import { AlbumScreen } from './AlbumScreen';

const ALBUM = '01900000-0000-7000-8000-00000000a1b1';
const p1 = photo('01900000-0000-7000-8000-000000000001', '2026-05-03T08:00:00.000Z');
const p2 = photo('01900000-0000-7000-8000-000000000002', '2026-05-02T08:00:00.000Z');
const p3 = photo('01900000-0000-7000-8000-000000000003', '2026-05-01T08:00:00.000Z');
const t4 = photo('01900000-0000-7000-8000-000000000004', '2026-04-01T08:00:00.000Z');

function theAlbum(overrides: Partial<Album> = {}): Album {
  return {
    id: ALBUM,
    name: '满月',
    photoCount: 3,
    // Nobody chose a cover: the newest photo stands in.
    coverPhotoId: p1.id,
    coverThumbUrl: p1.thumbUrl,
    coverChosen: false,
    createdAt: '2026-05-01T08:00:00.000Z',
    updatedAt: '2026-05-01T08:00:00.000Z',
    ...overrides,
  };
}

/** A server for one album: photos.list answers the album or, without albumId, the timeline. */
function albumServer(extra: Record<string, Answer> = {}) {
  let inAlbum: Photo[] = [p1, p2, p3];
  let current = theAlbum();
  const answers: Record<string, Answer> = {
    'albums.get': () => current,
    'photos.list': (input) => page((input as { albumId?: string }).albumId ? inAlbum : [p1, p2, p3, t4]),
    'albums.list': () => ({ items: [current], nextCursor: null }),
    'albums.rename': (input) => {
      current = { ...current, name: (input as { name: string }).name };
      return current;
    },
    'albums.removePhotos': (input) => {
      const ids = (input as { photoIds: string[] }).photoIds;
      inAlbum = inAlbum.filter((p) => !ids.includes(p.id));
      current = { ...current, photoCount: inAlbum.length };
      return { count: ids.length };
    },
    'albums.setCover': (input) => {
      const chosen = inAlbum.find((p) => p.id === (input as { photoId: string | null }).photoId);
      const cover = chosen ?? inAlbum[0];
      current = {
        ...current,
        coverPhotoId: cover?.id ?? null,
        coverThumbUrl: cover?.thumbUrl ?? null,
        coverChosen: chosen !== undefined,
      };
      return current;
    },
    ...extra,
  };
  return answers;
}

function renderAlbum(answers: Record<string, Answer>, role: Home['role'] = 'member') {
  const opened: { id: string; albumId: string }[] = [];
  let deleted = 0;
  const api = renderWithApi(
    <AlbumScreen
      home={home(id('h1'), role)}
      albumId={ALBUM}
      gridWidth={375}
      onOpenPhoto={(p, albumId) => opened.push({ id: p.id, albumId })}
      onDeleted={() => {
        deleted += 1;
      }}
    />,
    answers,
  );
  return { ...api, opened, deleted: () => deleted };
}

const cell = (p: Photo) => `#photo-${p.id}`;

describe('album screen', () => {
  beforeEach(() => setLocale('zh-CN'));
  afterEach(cleanup);

  it("shows the album's photos and opens the viewer scoped to the album", async () => {
    const screen = renderAlbum(albumServer());
    await waitFor(() => element(cell(p2)));
    expect(textOf('#album-name')).toBe('满月');
    expect(textOf('#album-count')).toBe('共 3 张');
    expect(screen.callsTo('photos.list')).toEqual([
      expect.objectContaining({ homeId: id('h1'), albumId: ALBUM, limit: 60 }),
    ]);
    fireEvent.click(element(cell(p2)));
    expect(screen.opened).toEqual([{ id: p2.id, albumId: ALBUM }]);
  });

  it('renames through the dialog, starting from the current name', async () => {
    const screen = renderAlbum(albumServer());
    await waitFor(() => element('#album-rename'));
    fireEvent.click(element('#album-rename'));
    const input = await waitFor(() => element('#album-name-dialog-input input') as HTMLInputElement);
    await waitFor(() => expect(input.value).toBe('满月'));
    fireEvent.input(input, { target: { value: '百天' } });
    fireEvent.click(element('#album-name-dialog-confirm'));
    await waitFor(() => expect(textOf('#album-name')).toBe('百天'));
    // The navigation bar carries the album's name, renamed too.
    expect(document.title).toBe('百天');
    expect(screen.callsTo('albums.rename')).toEqual([{ homeId: id('h1'), id: ALBUM, name: '百天' }]);
    expect(document.querySelector('#album-name-dialog')).toBeNull();
  });

  it('asks before deleting, says the photos stay, and leaves only after the server agreed', async () => {
    const screen = renderAlbum(albumServer({ 'albums.delete': () => ({ count: 1 }) }));
    await waitFor(() => element('#album-delete'));
    fireEvent.click(element('#album-delete'));
    expect(textOf('#album-delete-dialog')).toContain('删除相册「满月」？');
    expect(textOf('#album-delete-dialog')).toContain('里面的 3 张照片仍保留在时间线里');
    fireEvent.click(element('#album-delete-dialog-cancel'));
    expect(document.querySelector('#album-delete-dialog')).toBeNull();
    expect(screen.callsTo('albums.delete')).toEqual([]);

    fireEvent.click(element('#album-delete'));
    fireEvent.click(element('#album-delete-dialog-confirm'));
    await waitFor(() => expect(screen.deleted()).toBe(1));
    expect(screen.callsTo('albums.delete')).toEqual([{ homeId: id('h1'), id: ALBUM }]);
    // While the page leaves, other screens refresh every album query: the gone one is not asked for again
    // (that would only earn a 404).
    const watchingAlbum = () =>
      screen.queryClient
        .getQueryCache()
        .findAll({ type: 'active' })
        .some((query) => JSON.stringify(query.queryKey[0]) === '["albums","get"]');
    // The page stops watching the album once its render with the deletion has taken effect.
    await waitFor(() => expect(watchingAlbum()).toBe(false));
    const asked = screen.callsTo('albums.get').length;
    await screen.queryClient.invalidateQueries();
    expect(screen.callsTo('albums.get')).toHaveLength(asked);
  });

  it('removes the chosen photos in list order and leaves select mode', async () => {
    const screen = renderAlbum(albumServer());
    await waitFor(() => element('#album-select'));
    fireEvent.click(element('#album-select'));
    expect(textOf('#selection-count')).toBe('已选 0 张');
    fireEvent.click(element(cell(p3)));
    fireEvent.click(element(cell(p1)));
    expect(textOf('#selection-count')).toBe('已选 2 张');
    // Tapping in select mode chooses; it does not open the viewer.
    expect(screen.opened).toEqual([]);
    fireEvent.click(element('#album-remove-selected'));
    await waitFor(() => expect(textOf('#album-notice')).toBe('已移出 2 张'));
    expect(screen.callsTo('albums.removePhotos')).toEqual([
      { homeId: id('h1'), albumId: ALBUM, photoIds: [p1.id, p3.id] },
    ]);
    expect(document.querySelector('#selection-bar')).toBeNull();
    await waitFor(() => expect(document.querySelector(cell(p1))).toBeNull());
    expect(textOf('#album-count')).toBe('共 1 张');
  });

  it('sets a cover only from exactly one chosen photo, and can go back to automatic', async () => {
    const screen = renderAlbum(albumServer());
    await waitFor(() => element(cell(p2)));
    // Until someone chooses, the album says the newest photo is its cover.
    expect(textOf('#album-cover')).toBe('封面：自动（最新一张）');
    expect(document.querySelector('#album-cover-reset')).toBeNull();
    // Long-press starts choosing with that photo.
    fireEvent(element(cell(p2)), new Event('longpress', { bubbles: true }));
    await waitFor(() => expect(textOf('#selection-count')).toBe('已选 1 张'));
    fireEvent.click(element(cell(p3)));
    fireEvent.click(element('#album-set-cover'));
    expect(screen.callsTo('albums.setCover')).toEqual([]);
    fireEvent.click(element(cell(p3)));
    fireEvent.click(element('#album-set-cover'));
    await waitFor(() => expect(textOf('#album-notice')).toBe('已设为封面'));
    expect(screen.callsTo('albums.setCover')).toEqual([{ homeId: id('h1'), albumId: ALBUM, photoId: p2.id }]);
    expect(textOf('#album-cover')).toBe('封面：已选定');

    fireEvent.click(element('#album-cover-reset'));
    await waitFor(() => expect(textOf('#album-notice')).toBe('封面：自动（最新一张）'));
    expect(screen.callsTo('albums.setCover').at(-1)).toEqual({ homeId: id('h1'), albumId: ALBUM, photoId: null });
    expect(document.querySelector('#album-cover-reset')).toBeNull();
    expect(textOf('#album-cover')).toBe('封面：自动（最新一张）');
  });

  it('adds photos picked from the timeline', async () => {
    const screen = renderAlbum(
      albumServer({ 'albums.addPhotos': (input) => ({ count: (input as { photoIds: string[] }).photoIds.length }) }),
    );
    await waitFor(() => element('#album-add'));
    fireEvent.click(element('#album-add'));
    await waitFor(() => element(`#pick-grid ${cell(t4)}`));
    // The timeline: no album in the query.
    expect(screen.callsTo('photos.list').at(-1)).not.toHaveProperty('albumId');
    fireEvent.click(element(cell(t4)));
    fireEvent.click(element('#album-add-selected'));
    await waitFor(() => expect(textOf('#album-notice')).toBe('已加入 1 张'));
    expect(screen.callsTo('albums.addPhotos')).toEqual([{ homeId: id('h1'), albumId: ALBUM, photoIds: [t4.id] }]);
    expect(document.querySelector('#album-grid')).not.toBeNull();
  });

  it('says so when the album no longer exists', async () => {
    renderAlbum({
      'albums.get': () => {
        throw appError('NOT_FOUND');
      },
      'photos.list': () => page([]),
    });
    await waitFor(() => expect(textOf('#album-missing')).toBe('这个相册不存在或已被删除'));
  });

  it('shows a viewer (亲友) the album without any way to change it', async () => {
    renderAlbum(albumServer(), 'viewer');
    await waitFor(() => element(cell(p2)));
    expect(textOf('#album-name')).toBe('满月');
    for (const button of ['#album-add', '#album-select', '#album-rename', '#album-delete']) {
      expect(document.querySelector(button)).toBeNull();
    }
    fireEvent.click(element(cell(p2)));
    expect(document.querySelector('.selection-bar, #album-remove-selected')).toBeNull();
  });
});

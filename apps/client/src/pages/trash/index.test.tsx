import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import type { Photo } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { home } from '../../../test/support/homes';
import { id } from '../../../test/support/ids';
import { element, page, photo, renderWithApi, textOf } from '../../../test/support/screen';
import { setLocale } from '../../i18n';
import { TrashScreen } from './TrashScreen';

const OWNER = home(id('h1'), 'owner');

const now = new Date('2026-05-31T12:00:00.000Z');
const trashed = (id: string, deletedAt: string): Photo => ({
  ...photo(`01900000-0000-7000-8000-00000000000${id}`),
  deletedAt,
});
const a = trashed('1', '2026-05-30T12:00:00.000Z');
const b = trashed('2', '2026-05-21T12:00:00.000Z');
const c = trashed('3', '2026-05-29T12:00:00.000Z');
const cell = (p: Photo) => `#photo-${p.id}`;

/** A trash that loses the photos restored or purged, like the server's. */
function trashServer(purgeAnswer: (ids: string[]) => { count: number; pending: number }) {
  let inTrash = [a, b, c];
  const leave = (ids: string[]) => {
    inTrash = inTrash.filter((p) => !ids.includes(p.id));
  };
  return {
    'photos.list': () => page(inTrash),
    'photos.restore': (input: unknown) => {
      const { ids } = input as { ids: string[] };
      leave(ids);
      return { count: ids.length };
    },
    'photos.purge': (input: unknown) => {
      const { ids } = input as { ids: string[] };
      leave(ids);
      return purgeAnswer(ids);
    },
  };
}

describe('trash screen', () => {
  beforeEach(() => setLocale('zh-CN'));
  afterEach(cleanup);

  it('explains the 30-day rule and when the oldest photo goes', async () => {
    const api = renderWithApi(
      <TrashScreen home={OWNER} gridWidth={375} now={now} />,
      trashServer(() => ({ count: 0, pending: 0 })),
    );
    await waitFor(() => element(cell(a)));
    expect(textOf('#trash-rule')).toContain('删除的照片会在回收站保留 30 天');
    expect(textOf('#trash-soonest')).toBe('最早放进来的一张将在 20 天后永久删除。');
    expect(api.callsTo('photos.list')).toEqual([expect.objectContaining({ homeId: id('h1'), trashed: true })]);
  });

  it('restores the chosen photos and drops them from the trash and the selection', async () => {
    const api = renderWithApi(
      <TrashScreen home={OWNER} gridWidth={375} now={now} />,
      trashServer(() => ({ count: 0, pending: 0 })),
    );
    await waitFor(() => element(cell(a)));
    fireEvent.click(element(cell(c)));
    fireEvent.click(element(cell(a)));
    expect(textOf('#selection-count')).toBe('已选 2 张');
    fireEvent.click(element('#trash-restore'));
    await waitFor(() => expect(textOf('#trash-notice')).toBe('已恢复 2 张，回到了时间线'));
    expect(api.callsTo('photos.restore')).toEqual([{ homeId: id('h1'), ids: [a.id, c.id] }]);
    await waitFor(() => expect(document.querySelector(cell(a))).toBeNull());
    expect(document.querySelector(cell(b))).not.toBeNull();
    expect(textOf('#selection-count')).toBe('已选 0 张');
  });

  it('asks before deleting forever, and nothing happens on cancel', async () => {
    const api = renderWithApi(
      <TrashScreen home={OWNER} gridWidth={375} now={now} />,
      trashServer(() => ({ count: 0, pending: 0 })),
    );
    await waitFor(() => element(cell(b)));
    fireEvent.click(element(cell(b)));
    fireEvent.click(element('#trash-purge'));
    expect(textOf('#purge-dialog')).toContain('永久删除 1 张照片？');
    expect(textOf('#purge-dialog')).toContain('无法恢复');
    fireEvent.click(element('#purge-dialog-cancel'));
    expect(document.querySelector('#purge-dialog')).toBeNull();
    expect(api.callsTo('photos.purge')).toEqual([]);
    expect(textOf('#selection-count')).toBe('已选 1 张');
  });

  it('deletes forever after the confirm, and says when storage has not finished some', async () => {
    const api = renderWithApi(
      <TrashScreen home={OWNER} gridWidth={375} now={now} />,
      trashServer((ids) => ({ count: ids.length - 1, pending: 1 })),
    );
    await waitFor(() => element(cell(b)));
    fireEvent.click(element('#selection-all'));
    expect(textOf('#selection-count')).toBe('已选 3 张');
    fireEvent.click(element('#trash-purge'));
    fireEvent.click(element('#purge-dialog-confirm'));
    await waitFor(() =>
      expect(textOf('#trash-notice')).toBe(
        '已永久删除 2 张；另有 1 张存储暂时没有响应，已从回收站移除，稍后会自动删除',
      ),
    );
    expect(api.callsTo('photos.purge')).toEqual([{ homeId: id('h1'), ids: [a.id, b.id, c.id] }]);
    await waitFor(() => expect(textOf('#trash-empty')).toBe('回收站是空的。'));
    expect(document.querySelector('#selection-bar')).toBeNull();
  });
});

/** The viewer's family parts: ages and milestones in the info, the "标记里程碑" sheet, a handed list. */
import Taro from '@tarojs/taro';
import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import type { Home, Milestone, Photo, PhotoDetail } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { child, childList, milestone } from '../../../test/support/children';
import { home } from '../../../test/support/homes';
import { id } from '../../../test/support/ids';
import { me } from '../../../test/support/library';
import { type Answer, appError, element, photo, renderWithApi, textOf } from '../../../test/support/screen';
import { setLocale } from '../../i18n';
import { ViewerScreen } from './ViewerScreen';

const shown = photo(id('p1'), '2026-05-02T08:00:00.000Z');
const baby = child('c1', '宝宝', '2026-01-15');
const brother = child('c2', '哥哥', '2023-05-02', 'boy');
const smile = milestone('m1', baby.id, '2026-05-02', 'first_smile', { photoId: shown.id });

const detail = (p: Photo): PhotoDetail => ({
  photo: p,
  uploaderName: '妈妈',
  previewUrl: `https://img.example.com/${p.id}-preview.webp`,
  originalUrl: null,
  downloadPath: `/download/${p.id}`,
  prevId: null,
  nextId: null,
  albumIds: [],
  urlsExpireAt: '2099-01-01T00:00:00.000Z',
});

const srcOf = (selector: string) => document.querySelector(`${selector} img`)?.getAttribute('src') ?? null;

function renderViewer(role: Home['role'], answers: Record<string, Answer> = {}, ids?: string[]) {
  let tagged = [smile];
  return renderWithApi(<ViewerScreen home={home(id('h1'), role)} photoId={ids?.[0] ?? shown.id} ids={ids} />, {
    'photos.get': (input) => detail(photo((input as { id: string }).id, shown.sortAt)),
    'auth.me': () => me(),
    'children.list': () => childList(brother, baby),
    'milestones.forPhoto': () => ({ items: tagged.map(({ thumbUrl: _u, thumbhash: _h, ...rest }) => rest) }),
    'milestones.delete': (input) => {
      tagged = tagged.filter((m) => m.id !== (input as { milestoneId: string }).milestoneId);
      return { count: 1 };
    },
    'milestones.create': (input) => {
      const { childId, kind, title, date, photoId } = input as Pick<
        Milestone,
        'childId' | 'kind' | 'title' | 'date' | 'photoId'
      >;
      const made = milestone('m2', childId, date, kind, { title, photoId });
      tagged = [...tagged, made];
      return made;
    },
    ...answers,
  });
}

describe('the viewer and the children', () => {
  beforeEach(() => {
    setLocale('zh-CN');
    Taro.showToast = vi.fn(async () => ({ errMsg: 'ok' })) as unknown as typeof Taro.showToast;
  });
  afterEach(cleanup);

  it("shows each child's age on the photo's day and its milestones, which a member deletes", async () => {
    const screen = renderViewer('member');
    fireEvent.click(await waitFor(() => element('#viewer-info')));
    await waitFor(() => expect(textOf('#viewer-ages')).toBe('哥哥 3岁 · 宝宝 3个月'));
    await waitFor(() => expect(textOf(`#viewer-milestone-${smile.id}`)).toContain('★ 第一次笑'));
    expect(screen.callsTo('milestones.forPhoto')).toEqual([{ homeId: id('h1'), photoId: shown.id }]);
    fireEvent.click(element(`#viewer-milestone-delete-${smile.id}`));
    await waitFor(() => expect(document.querySelector(`#viewer-milestone-${smile.id}`)).toBeNull());
    expect(screen.callsTo('milestones.delete')).toEqual([{ homeId: id('h1'), milestoneId: smile.id }]);
  });

  it('lets a viewer (亲友) see the milestones but neither mark nor delete one', async () => {
    renderViewer('viewer');
    fireEvent.click(await waitFor(() => element('#viewer-info')));
    await waitFor(() => element(`#viewer-milestone-${smile.id}`));
    expect(document.querySelector(`#viewer-milestone-delete-${smile.id}`)).toBeNull();
    expect(document.querySelector('#viewer-milestone')).toBeNull();
  });

  it("marks a preset for the chosen child on the photo's own day", async () => {
    const screen = renderViewer('owner');
    fireEvent.click(await waitFor(() => element('#viewer-milestone')));
    fireEvent.click(await waitFor(() => element(`#milestone-child-${baby.id}`)));
    fireEvent.click(element('#milestone-kind-first_steps'));
    expect(textOf('#milestone-kind-first_steps')).toBe('第一次走路');
    fireEvent.click(element('#milestone-save'));
    await waitFor(() => expect(document.querySelector('#milestone-sheet')).toBeNull());
    expect(screen.callsTo('milestones.create')).toEqual([
      { homeId: id('h1'), childId: baby.id, kind: 'first_steps', title: null, date: '2026-05-02', photoId: shown.id },
    ]);
  });

  it('needs a custom title, and shows the refusal of a child with too many milestones', async () => {
    const screen = renderViewer('member', {
      'milestones.create': () => {
        throw appError('MILESTONE_LIMIT_REACHED');
      },
    });
    fireEvent.click(await waitFor(() => element('#viewer-milestone')));
    fireEvent.click(await waitFor(() => element('#milestone-kind-custom')));
    fireEvent.click(element('#milestone-save'));
    expect(textOf('#milestone-error')).toBe('例如：第一次去海边');
    expect(screen.callsTo('milestones.create')).toEqual([]);
    fireEvent.input(await waitFor(() => element('#milestone-custom input')), { target: { value: ' 第一次去海边 ' } });
    fireEvent.click(element('#milestone-save'));
    await waitFor(() => expect(textOf('#milestone-error')).toBe('这个宝宝的里程碑已达上限，请先删除一些'));
    // The first child (the oldest) is the one chosen when nobody picks.
    expect(screen.callsTo('milestones.create')).toEqual([
      {
        homeId: id('h1'),
        childId: brother.id,
        kind: 'custom',
        title: '第一次去海边',
        date: '2026-05-02',
        photoId: shown.id,
      },
    ]);
  });

  it('says to add a child first when the home has none', async () => {
    renderViewer('member', { 'children.list': () => childList() });
    fireEvent.click(await waitFor(() => element('#viewer-milestone')));
    await waitFor(() => expect(textOf('#milestone-no-children')).toContain('先在「宝宝档案」里添加宝宝'));
    expect(document.querySelector('#milestone-save')).toBeNull();
  });

  it('swipes within a list the opener handed over, whatever photos.get says of neighbours', async () => {
    renderViewer('viewer', {}, [id('o1'), id('o2')]);
    await waitFor(() => element('#viewer-next'));
    expect(document.querySelector('#viewer-prev')).toBeNull();
    fireEvent.click(element('#viewer-next'));
    await waitFor(() => element('#viewer-prev'));
    expect(document.querySelector('#viewer-next')).toBeNull();
  });

  it('swipes no more to a photo trashed from the handed list, nor to one gone meanwhile', async () => {
    const list = [id('o1'), id('o2'), id('o3'), id('o4'), id('o5')];
    const trashed: string[] = [];
    const screen = renderViewer(
      'owner',
      {
        'photos.get': (input) => {
          const { id: asked } = input as { id: string };
          // The fourth was trashed by someone else since the card was made: photos.get no longer finds it.
          if (asked === id('o4') || trashed.includes(asked)) throw appError('NOT_FOUND');
          return detail({ ...photo(asked, shown.sortAt), uploaderId: me().id });
        },
        'photos.trash': (input) => {
          trashed.push(...(input as { ids: string[] }).ids);
          return { count: 1 };
        },
      },
      list,
    );
    const showing = (photoId: string) =>
      waitFor(() => expect(srcOf('#viewer-image')).toBe(`https://img.example.com/${photoId}-preview.webp`));
    await showing(id('o1'));
    fireEvent.click(element('#viewer-next'));
    await showing(id('o2'));
    fireEvent.click(element('#viewer-trash'));
    await waitFor(() => expect(trashed).toEqual([id('o2')]));
    // On to the next one; back goes to the first, past the trashed photo.
    await showing(id('o3'));
    fireEvent.click(element('#viewer-prev'));
    await showing(id('o1'));
    fireEvent.click(element('#viewer-next'));
    await showing(id('o3'));
    // The fourth is gone (found so when asked for ahead, or on arriving): next from the third is the fifth.
    await waitFor(() => expect(screen.callsTo('photos.get')).toContainEqual(expect.objectContaining({ id: id('o4') })));
    fireEvent.click(element('#viewer-next'));
    await showing(id('o5'));
    expect(document.querySelector('#viewer-next')).toBeNull();
  });
});

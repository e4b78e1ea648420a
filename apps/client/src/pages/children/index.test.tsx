import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import type { Child, Home } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { child, childList } from '../../../test/support/children';
import { forgetCurrentHome, home, homeList } from '../../../test/support/homes';
import { id } from '../../../test/support/ids';
import { type Answer, appError, element, page, photo, renderWithApi, textOf } from '../../../test/support/screen';
import { setLocale } from '../../i18n';
import { ChildrenScreen } from './ChildrenScreen';

const NOW = new Date('2026-05-01T04:00:00.000Z');
const mia = child('c1', '米米', '2026-01-19');
const bean = { ...child('c2', '豆豆', '2026-08-01', null), createdAt: '2026-02-01T00:00:00.000Z' };

function input(call: unknown) {
  return call as Record<string, unknown>;
}

async function typeInto(selector: string, value: string) {
  const field = await waitFor(() => element(`${selector} input`));
  fireEvent.input(field, { target: { value } });
}

function pickDate(selector: string, value: string) {
  element(selector).dispatchEvent(new CustomEvent('change', { detail: { value }, bubbles: true }));
}

function renderChildren(role: Home['role'] = 'member', extra: Record<string, Answer> = {}) {
  let kids: Child[] = [mia, bean];
  const opened: string[] = [];
  const api = renderWithApi(
    <ChildrenScreen
      now={NOW}
      onOpenMilestones={(c) => opened.push(`milestones:${c.id}`)}
      onOpenGrowth={(c) => opened.push(`growth:${c.id}`)}
    />,
    {
      'homes.list': () => homeList(home(id('h1'), role, '王家')),
      'children.list': () => childList(...kids),
      'children.create': (call) => {
        const { name, birthday, sex, avatarPhotoId } = input(call) as Pick<Child, 'name' | 'birthday' | 'sex'> & {
          avatarPhotoId: string | null;
        };
        const made = {
          ...child('c3', name, birthday, sex),
          avatarPhotoId,
          avatarUrl: avatarPhotoId ? `https://img.example.com/${avatarPhotoId}.webp` : null,
        };
        kids = [...kids, made];
        return made;
      },
      'children.update': (call) => {
        const { childId, ...changes } = input(call);
        kids = kids.map((k) => (k.id === childId ? { ...k, ...changes } : k));
        return kids.find((k) => k.id === childId);
      },
      'children.delete': (call) => {
        kids = kids.filter((k) => k.id !== input(call).childId);
        return { count: 1 };
      },
      'photos.list': () => page([photo(id('p1'))]),
      ...extra,
    },
  );
  return { ...api, opened };
}

describe('children screen', () => {
  beforeEach(async () => {
    setLocale('zh-CN');
    await forgetCurrentHome();
  });
  afterEach(cleanup);

  it("lists each child with the birthday or due date and today's age, and opens milestones and growth", async () => {
    const screen = renderChildren();
    await waitFor(() => element(`#child-${mia.id}`));
    expect(textOf(`#child-${mia.id}`)).toContain('生日 2026-01-19 · 女孩');
    expect(textOf(`#child-age-${mia.id}`)).toBe('今天 3个月12天');
    expect(textOf(`#child-${bean.id}`)).toContain('预产期 2026-08-01');
    expect(textOf(`#child-age-${bean.id}`)).toBe('今天 孕26周+6天');
    fireEvent.click(element(`#child-milestones-${mia.id}`));
    fireEvent.click(element(`#child-growth-${bean.id}`));
    expect(screen.opened).toEqual([`milestones:${mia.id}`, `growth:${bean.id}`]);
  });

  it('adds a child with a birthday from the date picker, a sex and an avatar from the photos', async () => {
    const screen = renderChildren();
    fireEvent.click(await waitFor(() => element('#child-add')));
    await typeInto('#child-name', '  小米 ');
    pickDate('#child-birthday', '2026-04-01');
    fireEvent.click(element('#child-sex-boy'));
    fireEvent.click(element('#child-pick-avatar'));
    fireEvent.click(await waitFor(() => element(`#photo-${id('p1')}`)));
    await waitFor(() => element('#child-form'));
    fireEvent.click(element('#child-form-confirm'));
    await waitFor(() => expect(textOf('#children-notice')).toBe('已保存 小米 的档案'));
    expect(screen.callsTo('children.create')).toEqual([
      { homeId: id('h1'), name: '小米', birthday: '2026-04-01', sex: 'boy', avatarPhotoId: id('p1') },
    ]);
    await waitFor(() => expect(textOf(`#child-age-${id('c3')}`)).toBe('今天 1个月'));
  });

  it('checks the name and date before sending, and shows the server refusal translated', async () => {
    const screen = renderChildren('owner', {
      'children.create': () => {
        throw appError('CHILD_BIRTHDAY_TOO_FAR');
      },
    });
    fireEvent.click(await waitFor(() => element('#child-add')));
    fireEvent.click(element('#child-form-confirm'));
    expect(textOf('#child-form-error')).toBe('请填写名字');
    await typeInto('#child-name', '一二三四五六七八九十一二三四五六七八九十一');
    fireEvent.click(element('#child-form-confirm'));
    expect(textOf('#child-form-error')).toBe('名字太长了，最多 20 个字');
    await typeInto('#child-name', '小米');
    fireEvent.click(element('#child-form-confirm'));
    expect(textOf('#child-form-error')).toBe('请选择生日或预产期');
    expect(screen.callsTo('children.create')).toEqual([]);
    pickDate('#child-birthday', '2027-03-01');
    fireEvent.click(element('#child-form-confirm'));
    await waitFor(() => expect(textOf('#child-form-error')).toBe('生日太远了：预产期最多只能填到大约 10 个月以后'));
  });

  it('edits a child (sex back to not yet known) and deletes one after saying what goes with it', async () => {
    const screen = renderChildren();
    fireEvent.click(await waitFor(() => element(`#child-edit-${mia.id}`)));
    fireEvent.click(element('#child-sex-unknown'));
    fireEvent.click(element('#child-form-confirm'));
    await waitFor(() => expect(textOf('#children-notice')).toBe('已保存 米米 的档案'));
    expect(screen.callsTo('children.update')).toEqual([
      { homeId: id('h1'), childId: mia.id, name: '米米', birthday: '2026-01-19', sex: null, avatarPhotoId: null },
    ]);
    fireEvent.click(element(`#child-delete-${bean.id}`));
    expect(textOf('#child-delete-dialog')).toContain('豆豆 的里程碑和成长记录会一起删除，照片不会删除。');
    fireEvent.click(element('#child-delete-dialog-confirm'));
    await waitFor(() => expect(document.querySelector(`#child-${bean.id}`)).toBeNull());
    expect(textOf('#children-notice')).toBe('已删除 豆豆 的档案');
  });

  it('shows a viewer (亲友) the children read-only', async () => {
    setLocale('en');
    renderChildren('viewer');
    await waitFor(() => element(`#child-${mia.id}`));
    expect(textOf('#children-read-only')).toBe('Viewers can look; family members can edit.');
    expect(textOf(`#child-age-${mia.id}`)).toBe('Today 3 months 12 days');
    expect(document.querySelector('#child-add')).toBeNull();
    expect(document.querySelector(`#child-edit-${mia.id}`)).toBeNull();
    expect(document.querySelector(`#child-delete-${mia.id}`)).toBeNull();
    expect(element(`#child-growth-${mia.id}`)).toBeTruthy();
  });

  it('says when the list cannot be read, and when a delete is refused', async () => {
    renderChildren('member', {
      'children.list': () => {
        throw appError('NOT_FOUND');
      },
    });
    await waitFor(() => expect(textOf('#children-state')).toContain('读取失败：找不到了，可能已被删除'));
    cleanup();
    renderChildren('member', {
      'children.delete': () => {
        throw appError('FORBIDDEN');
      },
    });
    fireEvent.click(await waitFor(() => element(`#child-delete-${mia.id}`)));
    fireEvent.click(element('#child-delete-dialog-confirm'));
    await waitFor(() => expect(textOf('#child-delete-dialog')).toContain('没有成功：你在这个家里没有这样做的权限'));
  });
});

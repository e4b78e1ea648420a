import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import type { Home, Member } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forgetCurrentHome, home, homeList } from '../../../test/support/homes';
import { id } from '../../../test/support/ids';
import { type Answer, appError, element, pagedAnswer, renderWithApi, textOf } from '../../../test/support/screen';
import { currentHomeStore } from '../../home/current-home';
import { setLocale } from '../../i18n';
import { MEMBER_PAGE_SIZE, MembersScreen } from './MembersScreen';

const member = (userId: string, displayName: string, role: Member['role'], isYou = false): Member => ({
  userId,
  displayName,
  role,
  isYou,
  joinedAt: '2026-05-02T08:00:00.000Z',
});
const mama = member(id('u1'), '妈妈', 'owner', true);
const baba = member(id('u2'), '爸爸', 'member');
const nainai = member(id('u3'), '奶奶', 'viewer');

async function typeInto(selector: string, value: string) {
  const field = await waitFor(() => element(`${selector} input`));
  fireEvent.input(field, { target: { value } });
}

function input(call: unknown) {
  return call as Record<string, unknown>;
}

function renderMembers(
  myHome: Home = { ...home(id('h1'), 'owner', '王家'), memberCount: 3 },
  extra: Record<string, Answer> = {},
) {
  let people = [mama, baba, nainai];
  let homes: Home[] = [myHome, home(id('h2'), 'member', '姥姥家')];
  const events: string[] = [];
  const api = renderWithApi(
    <MembersScreen onInvite={() => events.push('invite')} onHomeGone={() => events.push('gone')} />,
    {
      'homes.list': () => homeList(...homes),
      'homes.members': pagedAnswer(() => people),
      'homes.setRole': (call) => {
        const { userId, role } = input(call);
        people = people.map((p) => (p.userId === userId ? { ...p, role: role as Member['role'] } : p));
        return { ok: true };
      },
      'homes.removeMember': (call) => {
        people = people.filter((p) => p.userId !== input(call).userId);
        return { ok: true };
      },
      'homes.transferOwnership': (call) => {
        people = people.map((p) =>
          p.userId === input(call).userId ? { ...p, role: 'owner' } : p.isYou ? { ...p, role: 'member' } : p,
        );
        homes = homes.map((h) => (h.id === myHome.id ? { ...h, role: 'member' } : h));
        return homes[0];
      },
      'homes.update': (call) => {
        const { name, membersCanInvite } = input(call) as { name?: string; membersCanInvite?: boolean };
        homes = homes.map((h) =>
          h.id === myHome.id
            ? { ...h, ...(name ? { name } : {}), ...(membersCanInvite !== undefined ? { membersCanInvite } : {}) }
            : h,
        );
        return homes[0];
      },
      'homes.leave': () => {
        homes = homes.filter((h) => h.id !== myHome.id);
        return { ok: true };
      },
      'homes.delete': (call) => {
        if (input(call).confirmName !== myHome.name) throw appError('HOME_NAME_MISMATCH');
        homes = homes.filter((h) => h.id !== myHome.id);
        return { photosToPurge: 12 };
      },
      ...extra,
    },
  );
  return { ...api, events };
}

describe('members screen', () => {
  beforeEach(async () => {
    setLocale('zh-CN');
    await forgetCurrentHome();
  });
  afterEach(cleanup);

  it('lists everyone with their role, what it allows, when they joined, and marks you', async () => {
    renderMembers();
    await waitFor(() => element(`#member-${id('u3')}`));
    expect(textOf('#home-name')).toBe('王家');
    expect(textOf(`#member-${id('u1')}`)).toContain('妈妈');
    expect(textOf(`#member-${id('u1')}`)).toContain('主人');
    expect(element(`#member-${id('u1')} #member-you`).textContent).toBe('你');
    expect(document.querySelector(`#member-${id('u2')} #member-you`)).toBeNull();
    expect(textOf(`#member-${id('u2')}`)).toContain('家人');
    expect(textOf(`#member-${id('u2')}`)).toContain('可以上传照片');
    expect(textOf(`#member-${id('u3')}`)).toContain('亲友');
    expect(textOf(`#member-${id('u3')}`)).toContain('不能上传');
    expect(textOf(`#member-${id('u3')}`)).toContain('2026-05-02 加入');
    // The owner has no buttons against themselves.
    expect(document.querySelector(`#member-remove-${id('u1')}`)).toBeNull();
  });

  it('lets the owner change a role in one tap', async () => {
    const screen = renderMembers();
    await waitFor(() => element(`#member-role-${id('u3')}`));
    expect(textOf(`#member-role-${id('u3')}`)).toBe('改为家人');
    fireEvent.click(element(`#member-role-${id('u3')}`));
    await waitFor(() => expect(textOf('#members-notice')).toBe('已把 奶奶 改为家人'));
    expect(screen.callsTo('homes.setRole')).toEqual([{ homeId: id('h1'), userId: id('u3'), role: 'member' }]);
    await waitFor(() => expect(textOf(`#member-role-${id('u3')}`)).toBe('改为亲友'));
  });

  it('removes someone after a confirm that names them and says their photos stay', async () => {
    const screen = renderMembers();
    await waitFor(() => element(`#member-remove-${id('u2')}`));
    fireEvent.click(element(`#member-remove-${id('u2')}`));
    expect(textOf('#remove-dialog')).toContain('把 爸爸 移出「王家」？');
    expect(textOf('#remove-dialog')).toContain('上传过的照片会留在家里');
    fireEvent.click(element('#remove-dialog-cancel'));
    expect(screen.callsTo('homes.removeMember')).toEqual([]);
    fireEvent.click(element(`#member-remove-${id('u2')}`));
    fireEvent.click(element('#remove-dialog-confirm'));
    await waitFor(() => expect(textOf('#members-notice')).toBe('已把 爸爸 移出'));
    expect(screen.callsTo('homes.removeMember')).toEqual([{ homeId: id('h1'), userId: id('u2') }]);
    await waitFor(() => expect(document.querySelector(`#member-${id('u2')}`)).toBeNull());
  });

  it('hands the home over after a confirm, and then shows no owner controls', async () => {
    const screen = renderMembers();
    await waitFor(() => element(`#member-hand-over-${id('u2')}`));
    fireEvent.click(element(`#member-hand-over-${id('u2')}`));
    expect(textOf('#hand-over-dialog')).toContain('把「王家」交给 爸爸？');
    expect(textOf('#hand-over-dialog')).toContain('你会变成家人');
    fireEvent.click(element('#hand-over-dialog-confirm'));
    await waitFor(() => expect(textOf('#members-notice')).toBe('爸爸 现在是主人了'));
    expect(screen.callsTo('homes.transferOwnership')).toEqual([{ homeId: id('h1'), userId: id('u2') }]);
    await waitFor(() => expect(document.querySelector('#home-settings')).toBeNull());
    expect(document.querySelector(`#member-remove-${id('u3')}`)).toBeNull();
    expect(document.querySelector('#home-delete')).toBeNull();
  });

  it('lets the owner allow members to invite, and rename the home', async () => {
    const screen = renderMembers();
    await waitFor(() => element('#members-can-invite'));
    expect(textOf('#members-can-invite-state')).toBe('不允许');
    fireEvent.click(element('#members-can-invite'));
    await waitFor(() => expect(textOf('#members-can-invite-state')).toBe('已允许'));
    expect(screen.callsTo('homes.update')).toEqual([{ homeId: id('h1'), membersCanInvite: true }]);

    fireEvent.click(element('#home-rename'));
    await typeInto('#rename-dialog-input', '');
    fireEvent.click(element('#rename-dialog-confirm'));
    expect(textOf('#rename-dialog-error')).toBe('请给家起个名字');
    await typeInto('#rename-dialog-input', '王家小院');
    fireEvent.click(element('#rename-dialog-confirm'));
    await waitFor(() => expect(textOf('#home-name')).toBe('王家小院'));
    expect(screen.callsTo('homes.update')[1]).toEqual({ homeId: id('h1'), name: '王家小院' });
  });

  it('tells the owner to hand over or delete instead of leaving', async () => {
    const screen = renderMembers();
    await waitFor(() => element('#home-leave'));
    fireEvent.click(element('#home-leave'));
    expect(textOf('#owner-leave-dialog')).toContain('交给 TA');
    expect(textOf('#owner-leave-dialog')).toContain('删除这个家');
    fireEvent.click(element('#owner-leave-dialog-confirm'));
    expect(screen.callsTo('homes.leave')).toEqual([]);
  });

  it('deletes the home only with its name typed, saying what is removed and that the bucket stays', async () => {
    const screen = renderMembers();
    await waitFor(() => element('#home-delete'));
    fireEvent.click(element('#home-delete'));
    const dialog = textOf('#delete-dialog') ?? '';
    expect(dialog).toContain('删除「王家」？');
    expect(dialog).toContain('相册会对所有成员删除');
    expect(dialog).toContain('照片会从存储空间里删掉');
    expect(dialog).toContain('存储空间本身会保留');
    await typeInto('#delete-dialog-input', '王');
    fireEvent.click(element('#delete-dialog-confirm'));
    await waitFor(() => expect(textOf('#delete-dialog-error')).toContain('和家的名字不一样'));
    await typeInto('#delete-dialog-input', '王家');
    fireEvent.click(element('#delete-dialog-confirm'));
    await waitFor(() => expect(screen.events).toEqual(['gone']));
    expect(screen.callsTo('homes.delete')).toEqual([
      { homeId: id('h1'), confirmName: '王' },
      { homeId: id('h1'), confirmName: '王家' },
    ]);
    // The user is now looking at a home they are still in.
    expect(currentHomeStore.peek()).toBe(id('h2'));
  });

  it('lets a viewer see everyone and leave, with no owner controls and no invite', async () => {
    const screen = renderMembers(
      { ...home(id('h1'), 'viewer', '王家'), membersCanInvite: true },
      {
        'homes.members': pagedAnswer(() => [{ ...mama, isYou: false }, baba, { ...nainai, isYou: true }]),
      },
    );
    await waitFor(() => element(`#member-${id('u3')} #member-you`));
    expect(document.querySelector(`#member-role-${id('u2')}`)).toBeNull();
    expect(document.querySelector('#home-settings')).toBeNull();
    expect(document.querySelector('#home-delete')).toBeNull();
    expect(document.querySelector('#members-invite')).toBeNull();
    fireEvent.click(element('#home-leave'));
    expect(textOf('#leave-dialog')).toContain('离开「王家」？');
    expect(textOf('#leave-dialog')).toContain('你上传过的照片会留在家里');
    fireEvent.click(element('#leave-dialog-confirm'));
    await waitFor(() => expect(screen.events).toEqual(['gone']));
    expect(screen.callsTo('homes.leave')).toEqual([{ homeId: id('h1') }]);
    expect(currentHomeStore.peek()).toBe(id('h2'));
  });

  it('offers invites to members when the home allows it', async () => {
    const screen = renderMembers({ ...home(id('h1'), 'member', '王家'), membersCanInvite: true });
    await waitFor(() => element('#members-invite'));
    fireEvent.click(element('#members-invite'));
    expect(screen.events).toEqual(['invite']);
  });

  it('says why a change was refused', async () => {
    renderMembers(undefined, {
      'homes.setRole': () => {
        throw appError('FORBIDDEN');
      },
    });
    await waitFor(() => element(`#member-role-${id('u2')}`));
    fireEvent.click(element(`#member-role-${id('u2')}`));
    await waitFor(() => expect(textOf('#members-notice')).toContain('没有这样做的权限'));
  });

  it('lists a page of members at a time', async () => {
    const many = Array.from({ length: MEMBER_PAGE_SIZE + 2 }, (_, i) => member(id(`m${i}`), `成员 ${i}`, 'viewer'));
    const screen = renderMembers(undefined, { 'homes.members': pagedAnswer(() => many) });
    await waitFor(() => element('#members-load-more'));
    expect(document.querySelectorAll('.members__row')).toHaveLength(MEMBER_PAGE_SIZE);
    fireEvent.click(element('#members-load-more'));
    await waitFor(() => expect(document.querySelectorAll('.members__row')).toHaveLength(MEMBER_PAGE_SIZE + 2));
    expect(screen.callsTo('homes.members').map((call) => input(call).cursor)).toEqual([
      undefined,
      String(MEMBER_PAGE_SIZE),
    ]);
  });

  it('says why the members could not be read', async () => {
    renderMembers(undefined, {
      'homes.members': () => {
        throw appError('INTERNAL');
      },
    });
    await waitFor(() => expect(textOf('#members-state')).toContain('读取失败'));
  });
});

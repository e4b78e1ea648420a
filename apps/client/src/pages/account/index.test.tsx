import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import type { Device } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forgetCurrentHome, home, homeList } from '../../../test/support/homes';
import { id } from '../../../test/support/ids';
import { type Answer, appError, element, pagedAnswer, renderWithApi, textOf } from '../../../test/support/screen';
import { currentHomeStore } from '../../home/current-home';
import { setLocale } from '../../i18n';
import { type AccountLink, AccountScreen } from './AccountScreen';
import type { CommunityLink } from './CommunityRows';
import { DEVICE_PAGE_SIZE } from './DevicesCard';

const me = {
  id: id('u1'),
  username: 'mama',
  displayName: '妈妈',
  hasPassword: true,
  wechatLinked: false,
  createdAt: '2026-05-01T08:00:00.000Z',
};
const device = (deviceId: string, label: string, current: boolean): Device => ({
  id: deviceId,
  label,
  current,
  createdAt: '2026-05-01T08:00:00.000Z',
  lastSeenAt: '2026-05-20T08:00:00.000Z',
  expiresAt: '2026-06-20T08:00:00.000Z',
});
const phone = device(id('phone'), 'iPhone 15 · Safari', true);
const tablet = device(id('tablet'), '微信小程序', false);

function renderAccount(extra: Record<string, Answer> = {}) {
  let list = [phone, tablet];
  const opened: (AccountLink | CommunityLink)[] = [];
  const leaving: string[] = [];
  const api = renderWithApi(
    <AccountScreen
      onOpen={(link) => opened.push(link)}
      onSigningOut={() => leaving.push('signing out')}
      onSignedOut={() => leaving.push('signed out')}
    />,
    {
      'auth.me': () => me,
      'auth.devices': pagedAnswer(() => list),
      'auth.revokeDevice': (input) => {
        list = list.filter((d) => d.id !== (input as { id: string }).id);
        return { ok: true };
      },
      'auth.signOut': () => ({ ok: true }),
      'homes.list': () => homeList(home(id('h1'), 'owner', '王家')),
      ...extra,
    },
  );
  return { ...api, opened, leaving };
}

describe('account screen', () => {
  beforeEach(async () => {
    setLocale('zh-CN');
    await forgetCurrentHome();
  });
  afterEach(cleanup);

  it('shows who is signed in, and leads to the trash and storage settings', async () => {
    const screen = renderAccount();
    await waitFor(() => expect(textOf('#account-name')).toBe('妈妈'));
    expect(textOf('#account-username')).toBe('用户名 mama');
    fireEvent.click(element('#account-link-trash'));
    fireEvent.click(element('#account-link-storage'));
    expect(textOf('#account-link-communityProfile')).toContain('我的主页');
    fireEvent.click(element('#account-link-communityProfile'));
    expect(screen.opened).toEqual(['trash', 'storage', 'communityProfile']);
  });

  it('lists the devices with this one marked and no way to revoke it here', async () => {
    renderAccount();
    await waitFor(() => element(`#device-${tablet.id}`));
    expect(textOf(`#device-${phone.id}`)).toContain('iPhone 15 · Safari');
    expect(element(`#device-${phone.id} #device-current`).textContent).toBe('本机');
    expect(document.querySelector(`#device-${tablet.id} #device-current`)).toBeNull();
    expect(document.querySelector(`#device-revoke-${phone.id}`)).toBeNull();
    expect(document.querySelector(`#device-revoke-${tablet.id}`)).not.toBeNull();
  });

  it('revokes another device after a confirm naming it, and nothing on cancel', async () => {
    const screen = renderAccount();
    await waitFor(() => element(`#device-revoke-${tablet.id}`));
    fireEvent.click(element(`#device-revoke-${tablet.id}`));
    expect(textOf('#revoke-dialog')).toContain('让「微信小程序」退出登录？');
    fireEvent.click(element('#revoke-dialog-cancel'));
    expect(screen.callsTo('auth.revokeDevice')).toEqual([]);

    fireEvent.click(element(`#device-revoke-${tablet.id}`));
    fireEvent.click(element('#revoke-dialog-confirm'));
    await waitFor(() => expect(textOf('#account-notice')).toBe('已让该设备退出'));
    expect(screen.callsTo('auth.revokeDevice')).toEqual([{ id: tablet.id }]);
    await waitFor(() => expect(document.querySelector(`#device-${tablet.id}`)).toBeNull());
  });

  it('signs out after a confirm, says so before asking the server, and leaves even when it cannot be told', async () => {
    let leavingWhenAsked: string[] = [];
    const screen = renderAccount({
      'auth.signOut': () => {
        leavingWhenAsked = [...screen.leaving];
        throw new TypeError('Network request failed');
      },
    });
    await waitFor(() => element('#account-sign-out'));
    fireEvent.click(element('#account-sign-out'));
    fireEvent.click(element('#sign-out-dialog-cancel'));
    expect(screen.callsTo('auth.signOut')).toEqual([]);
    fireEvent.click(element('#account-sign-out'));
    fireEvent.click(element('#sign-out-dialog-confirm'));
    await waitFor(() => expect(screen.leaving).toEqual(['signing out', 'signed out']));
    // Refusals the dying session gets from here on are expected, not an expiry to report.
    expect(leavingWhenAsked).toEqual(['signing out']);
    expect(screen.callsTo('auth.signOut')).toHaveLength(1);
  });

  it('lists a page of devices at a time, the next one on "load more"', async () => {
    const others = Array.from({ length: DEVICE_PAGE_SIZE + 3 }, (_, i) =>
      device(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, `设备 ${i}`, false),
    );
    const screen = renderAccount({ 'auth.devices': pagedAnswer(() => [phone, ...others]) });
    await waitFor(() => element('#devices-load-more'));
    expect(document.querySelectorAll('.account__device')).toHaveLength(DEVICE_PAGE_SIZE);
    fireEvent.click(element('#devices-load-more'));
    await waitFor(() => expect(document.querySelectorAll('.account__device')).toHaveLength(DEVICE_PAGE_SIZE + 4));
    expect(document.querySelector('#devices-load-more')).toBeNull();
    expect(screen.callsTo('auth.devices').map((input) => (input as { cursor?: string }).cursor)).toEqual([
      undefined,
      String(DEVICE_PAGE_SIZE),
    ]);
  });

  it('says why the devices could not be read', async () => {
    renderAccount({
      'auth.devices': () => {
        throw appError('INTERNAL');
      },
    });
    await waitFor(() => expect(textOf('#devices-state')).toContain('读取失败'));
  });

  it('leads to the family and, for those who may invite, to inviting', async () => {
    const screen = renderAccount();
    await waitFor(() => element('#account-link-invite'));
    fireEvent.click(element('#account-link-members'));
    fireEvent.click(element('#account-link-invite'));
    expect(screen.opened).toEqual(['members', 'invite']);
    cleanup();

    renderAccount({ 'homes.list': () => homeList(home(id('h1'), 'viewer', '王家')) });
    await waitFor(() => element('#account-link-members'));
    await waitFor(() => expect(document.querySelector('#home-state, #screen-state')).toBeNull());
    expect(document.querySelector('#account-link-invite')).toBeNull();
    // A viewer has no trash to open.
    expect(document.querySelector('#account-link-trash')).toBeNull();
    expect(document.querySelector('#account-link-storage')).not.toBeNull();
  });

  it('makes a new home from a name and makes it current', async () => {
    const made = home(id('h2'), 'owner', '小窝');
    const homes = [home(id('h1'), 'owner', '王家')];
    const screen = renderAccount({
      'homes.list': () => homeList(...homes),
      'homes.create': () => {
        homes.push(made);
        return made;
      },
    });
    await waitFor(() => element('#account-link-newHome'));
    fireEvent.click(element('#account-link-newHome'));
    const input = await waitFor(() => element('#new-home-dialog-input input'));
    fireEvent.input(input, { target: { value: '  ' } });
    fireEvent.click(element('#new-home-dialog-confirm'));
    expect(textOf('#new-home-dialog-error')).toBe('请给家起个名字');
    fireEvent.input(input, { target: { value: '小窝' } });
    fireEvent.click(element('#new-home-dialog-confirm'));
    await waitFor(() => expect(textOf('#account-notice')).toBe('已新建「小窝」，现在看的就是这个家'));
    expect(screen.callsTo('homes.create')).toEqual([{ name: '小窝' }]);
    expect(currentHomeStore.peek()).toBe(id('h2'));
  });

  it('says why a new home could not be made', async () => {
    renderAccount({
      'homes.create': () => {
        throw appError('HOME_LIMIT_REACHED');
      },
    });
    await waitFor(() => element('#account-link-newHome'));
    fireEvent.click(element('#account-link-newHome'));
    const input = await waitFor(() => element('#new-home-dialog-input input'));
    fireEvent.input(input, { target: { value: '小窝' } });
    fireEvent.click(element('#new-home-dialog-confirm'));
    await waitFor(() => expect(textOf('#new-home-dialog-error')).toContain('家的数量已到上限'));
  });

  it('renames the account after checking the name, and shows the new one', async () => {
    let name = '妈妈';
    const screen = renderAccount({
      'auth.me': () => ({ ...me, displayName: name }),
      'auth.setDisplayName': (input) => {
        name = (input as { displayName: string }).displayName;
        return { ...me, displayName: name };
      },
    });
    await waitFor(() => element('#account-rename'));
    fireEvent.click(element('#account-rename'));
    const input = await waitFor(() => element('#display-name-dialog-input input'));
    expect((input as HTMLInputElement).value).toBe('妈妈');
    fireEvent.input(input, { target: { value: '   ' } });
    fireEvent.click(element('#display-name-dialog-confirm'));
    expect(textOf('#display-name-dialog-error')).toBe('昵称不能为空');
    fireEvent.input(input, { target: { value: '家'.repeat(41) } });
    fireEvent.click(element('#display-name-dialog-confirm'));
    expect(textOf('#display-name-dialog-error')).toBe('昵称最多 40 个字');
    expect(screen.callsTo('auth.setDisplayName')).toEqual([]);
    fireEvent.input(input, { target: { value: '  王妈妈 ' } });
    fireEvent.click(element('#display-name-dialog-confirm'));
    await waitFor(() => expect(textOf('#account-notice')).toBe('昵称已保存'));
    expect(screen.callsTo('auth.setDisplayName')).toEqual([{ displayName: '王妈妈' }]);
    expect(textOf('#account-name')).toBe('王妈妈');
    expect(document.querySelector('#display-name-dialog')).toBeNull();
  });

  it('changes the password: checks the new one first, says a wrong current one, then how many devices left', async () => {
    let attempts = 0;
    const screen = renderAccount({
      'auth.changePassword': (input) => {
        attempts += 1;
        if ((input as { currentPassword: string }).currentPassword !== 'old secret 1') {
          throw Object.assign(appError('WRONG_PASSWORD'), {
            data: { appCode: 'WRONG_PASSWORD', details: { attemptsLeft: 4 } },
          });
        }
        return { ok: true, otherDevicesSignedOut: 2 };
      },
    });
    await waitFor(() => element('#account-password'));
    fireEvent.click(element('#account-password'));
    const current = await waitFor(() => element('#password-dialog-current input'));
    const next = element('#password-dialog-new input');
    fireEvent.click(element('#password-dialog-confirm'));
    expect(textOf('#password-dialog-error')).toBe('请输入当前密码');
    fireEvent.input(current, { target: { value: 'wrong one' } });
    fireEvent.input(next, { target: { value: 'short' } });
    fireEvent.click(element('#password-dialog-confirm'));
    expect(textOf('#password-dialog-error')).toBe('密码至少 8 位');
    expect(attempts).toBe(0);

    fireEvent.input(next, { target: { value: 'new secret 2' } });
    fireEvent.click(element('#password-dialog-confirm'));
    await waitFor(() => expect(textOf('#password-dialog-error')).toBe('当前密码不对，还可以再试 4 次'));
    fireEvent.input(current, { target: { value: 'old secret 1' } });
    fireEvent.click(element('#password-dialog-confirm'));
    await waitFor(() => expect(textOf('#account-notice')).toBe('密码已修改，其他 2 台设备已退出登录'));
    expect(screen.callsTo('auth.changePassword')).toEqual([
      { currentPassword: 'wrong one', newPassword: 'new secret 2' },
      { currentPassword: 'old secret 1', newPassword: 'new secret 2' },
    ]);
    expect(document.querySelector('#password-dialog')).toBeNull();
  });

  it('offers no password change to an account without one, and the WeChat line only when linked (on H5)', async () => {
    renderAccount({ 'auth.me': () => ({ ...me, username: null, hasPassword: false }) });
    await waitFor(() => element('#account-rename'));
    expect(document.querySelector('#account-password')).toBeNull();
    expect(textOf('#account-since')).toBe('2026-05-01 加入');
    cleanup();

    renderAccount({ 'auth.me': () => ({ ...me, wechatLinked: true }) });
    await waitFor(() => expect(textOf('#account-since')).toContain('微信 已关联'));
  });

  it("names browsers by browser and system, keeping the app's own labels", async () => {
    const browser = device(
      '2d7a2fb0-9e5b-4b65-9f2e-3c4d5e6f7081',
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
      false,
    );
    renderAccount({ 'auth.devices': pagedAnswer(() => [phone, tablet, browser]) });
    await waitFor(() => element(`#device-${browser.id}`));
    expect(textOf(`#device-${browser.id} .account__device-label`)).toBe('Chrome · Android');
    expect(textOf(`#device-${tablet.id} .account__device-label`)).toBe('微信小程序');
    fireEvent.click(element(`#device-revoke-${browser.id}`));
    expect(textOf('#revoke-dialog')).toContain('让「Chrome · Android」退出登录？');
  });
});

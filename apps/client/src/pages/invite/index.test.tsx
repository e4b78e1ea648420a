import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import type { CreatedInvite, Home, Invite } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forgetCurrentHome, home, homeList } from '../../../test/support/homes';
import { id } from '../../../test/support/ids';
import { type Answer, appError, element, renderWithApi, textOf } from '../../../test/support/screen';
import { setLocale } from '../../i18n';
import { InviteScreen, type InviteScreenProps } from './InviteScreen';

const CODE = 'AbCdEfGhIjKlMnOpQrStUv';
const invite = (id: string, role: Invite['role'] = 'member'): Invite => ({
  id,
  role,
  createdByName: '妈妈',
  createdAt: '2026-05-01T08:00:00.000Z',
  expiresAt: '2026-05-08T08:00:00.000Z',
  maxUses: 1,
  uses: 0,
});

function renderInvite(
  props: Partial<InviteScreenProps> = {},
  myHome: Home = home(id('h1'), 'owner', '王家'),
  extra: Record<string, Answer> = {},
) {
  let open: Invite[] = [invite(id('i-old'), 'viewer')];
  const copied: string[] = [];
  const created: CreatedInvite[] = [];
  const api = renderWithApi(
    <InviteScreen
      qr
      wechat={false}
      origin="https://photos.example.com"
      copy={async (text) => {
        copied.push(text);
      }}
      onCreated={(answer) => created.push(answer)}
      {...props}
    />,
    {
      'homes.list': () => homeList(myHome),
      'invites.list': () => ({ items: open }),
      'invites.create': (input) => {
        const { role, maxUses } = input as { role: Invite['role']; maxUses: number };
        const made = { ...invite(id('i-new'), role), maxUses };
        open = [made, ...open];
        return { invite: made, code: CODE };
      },
      'invites.revoke': (input) => {
        open = open.filter((i) => i.id !== (input as { inviteId: string }).inviteId);
        return { ok: true };
      },
      'invites.miniProgramCode': () => ({ pngBase64: 'iVBORw0KGgo=' }),
      ...extra,
    },
  );
  return { ...api, copied, created };
}

describe('invite screen', () => {
  beforeEach(async () => {
    setLocale('zh-CN');
    await forgetCurrentHome();
  });
  afterEach(cleanup);

  it('makes an invite as family for 7 days and 1 use by default, with its link, copy and QR code', async () => {
    const screen = renderInvite();
    await waitFor(() => element('#invite-create'));
    expect(element('#invite-role-member').getAttribute('aria-selected')).toBe('true');
    expect(element('#invite-days-7').getAttribute('aria-selected')).toBe('true');
    expect(textOf('#invite-uses')).toBe('1 人');
    fireEvent.click(element('#invite-create'));
    await waitFor(() =>
      expect(textOf('#invite-link')).toBe(`https://photos.example.com/pages/join/index?code=${CODE}`),
    );
    expect(screen.callsTo('invites.create')).toEqual([
      { homeId: id('h1'), role: 'member', expiresInDays: 7, maxUses: 1 },
    ]);
    expect(screen.created.map((c) => c.code)).toEqual([CODE]);
    expect(element('#invite-qr').getAttribute('data-modules')).not.toBeNull();
    expect(document.querySelector('#invite-share')).toBeNull();
    fireEvent.click(element('#invite-copy'));
    await waitFor(() => expect(textOf('#invite-notice')).toContain('链接已复制'));
    expect(screen.copied).toEqual([`https://photos.example.com/pages/join/index?code=${CODE}`]);
    // The new invite is listed with the old one.
    await waitFor(() => element(`#invite-${id('i-new')}`));
  });

  it('invites a relative for 30 days and 3 people, within 1 to 50 uses', async () => {
    const screen = renderInvite();
    await waitFor(() => element('#invite-create'));
    fireEvent.click(element('#invite-role-viewer'));
    fireEvent.click(element('#invite-days-30'));
    expect(element('#invite-uses-less').hasAttribute('disabled')).toBe(true);
    fireEvent.click(element('#invite-uses-more'));
    fireEvent.click(element('#invite-uses-more'));
    expect(textOf('#invite-uses')).toBe('3 人');
    fireEvent.click(element('#invite-create'));
    await waitFor(() => expect(screen.callsTo('invites.create')).toHaveLength(1));
    expect(screen.callsTo('invites.create')[0]).toEqual({
      homeId: id('h1'),
      role: 'viewer',
      expiresInDays: 30,
      maxUses: 3,
    });
  });

  it('in WeChat offers the share card and shows the mini-program code, without a QR grid', async () => {
    const screen = renderInvite({ qr: false, wechat: true, origin: null });
    await waitFor(() => element('#invite-create'));
    fireEvent.click(element('#invite-create'));
    await waitFor(() => element('#invite-wxacode'));
    expect(
      element('#invite-share').getAttribute('open-type') ?? element('#invite-share').getAttribute('openType'),
    ).toBe('share');
    expect(document.querySelector('#invite-qr')).toBeNull();
    expect(textOf('#invite-no-link')).toContain('不知道服务器地址');
    expect(screen.callsTo('invites.miniProgramCode')).toEqual([{ homeId: id('h1'), code: CODE }]);
  });

  it('hides the mini-program code quietly when the server has no WeChat app, and says other failures', async () => {
    renderInvite({ qr: false, wechat: true }, undefined, {
      'invites.miniProgramCode': () => {
        throw appError('WECHAT_NOT_CONFIGURED');
      },
    });
    await waitFor(() => element('#invite-create'));
    fireEvent.click(element('#invite-create'));
    await waitFor(() => element('#invite-link'));
    await waitFor(() => expect(document.body.textContent).not.toContain('正在生成小程序码'));
    expect(document.querySelector('#invite-wxacode')).toBeNull();
    expect(document.querySelector('#invite-wxacode-error')).toBeNull();
    cleanup();

    renderInvite({ qr: false, wechat: true }, undefined, {
      'invites.miniProgramCode': () => {
        throw appError('INTERNAL');
      },
    });
    await waitFor(() => element('#invite-create'));
    fireEvent.click(element('#invite-create'));
    await waitFor(() => expect(textOf('#invite-wxacode-error')).toContain('小程序码生成失败'));
  });

  it('withdraws an open invite after a confirm', async () => {
    const screen = renderInvite();
    await waitFor(() => element(`#invite-revoke-${id('i-old')}`));
    expect(textOf(`#invite-${id('i-old')}`)).toContain('亲友 · 已用 0/1');
    fireEvent.click(element(`#invite-revoke-${id('i-old')}`));
    expect(textOf('#revoke-invite-dialog')).toContain('收回这个邀请？');
    fireEvent.click(element('#revoke-invite-dialog-confirm'));
    await waitFor(() => expect(textOf('#invite-notice')).toBe('邀请已收回'));
    expect(screen.callsTo('invites.revoke')).toEqual([{ homeId: id('h1'), inviteId: id('i-old') }]);
    await waitFor(() => element('#invites-none'));
  });

  it('says why an invite could not be made', async () => {
    renderInvite({}, undefined, {
      'invites.create': () => {
        throw appError('INVITE_LIMIT_REACHED');
      },
    });
    await waitFor(() => element('#invite-create'));
    fireEvent.click(element('#invite-create'));
    await waitFor(() => expect(textOf('#invite-notice')).toContain('有效的邀请太多了'));
  });

  it('tells a relative, or family in a home that does not allow it, that only the owner invites', async () => {
    const screen = renderInvite({}, home(id('h1'), 'member', '王家'));
    await waitFor(() => element('#invite-not-allowed'));
    expect(textOf('#invite-not-allowed')).toContain('只有主人可以邀请');
    expect(screen.callsTo('invites.list')).toEqual([]);
  });
});

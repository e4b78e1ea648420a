/** Me: deleting the account after its summary, and exporting a home. */
import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import type { AccountDeletionSummary } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { home, homeList } from '../../../test/support/homes';
import { id } from '../../../test/support/ids';
import { appError, element, renderWithApi, textOf } from '../../../test/support/screen';
import { setLocale } from '../../i18n';
import { DeleteAccountDialog } from './DeleteAccountDialog';
import { ExportCard } from './ExportCard';

const OWN = id('own');
const PARENTS = id('parent');

function summary(overrides: Partial<AccountDeletionSummary> = {}): AccountDeletionSummary {
  return {
    ownedHomes: [{ id: OWN, name: '爸爸的家', memberCount: 1, photoCount: 12, fate: 'deleted' }],
    joinedHomes: [{ id: PARENTS, name: '王家', ownerName: '妈妈', photosUploaded: 5 }],
    confirmWith: 'password',
    confirmName: '爸爸',
    canDelete: true,
    ...overrides,
  };
}

function renderDelete(answers: Parameters<typeof renderWithApi>[1]) {
  const events: string[] = [];
  const api = renderWithApi(
    <DeleteAccountDialog
      open
      onCancel={() => events.push('cancel')}
      onDeleted={() => events.push('deleted')}
      onOpenMembers={() => events.push('members')}
    />,
    answers,
  );
  return { ...api, events };
}

const ID = '#delete-account-dialog';

describe('delete account', () => {
  beforeEach(() => setLocale('zh-CN'));
  afterEach(cleanup);

  it('says what happens to each home before asking for the password, then deletes', async () => {
    const screen = renderDelete({
      'account.deletion': () => summary(),
      'account.delete': () => ({ ok: true, homesDeleted: 1, photosToPurge: 12 }),
    });
    await waitFor(() => element(`${ID}-summary`));
    expect(textOf(`${ID}-home-${OWN}`)).toContain(
      '「爸爸的家」：你是主人，只有你一个人，12 张照片。它会和账号一起删除',
    );
    expect(textOf(`${ID}-home-${PARENTS}`)).toContain('你上传的 5 张照片留给这个家，显示为来自已注销的账号');
    fireEvent.click(element(`${ID}-confirm`));
    expect(textOf(`${ID}-error`)).toBe('请输入密码');
    expect(screen.callsTo('account.delete')).toEqual([]);

    // Taro's H5 Input draws its inner <input> a moment after the dialog: wait for it, as the other tests do.
    const input = await waitFor(() => element(`${ID}-input input`));
    fireEvent.input(input, { target: { value: 'my secret password' } });
    fireEvent.click(element(`${ID}-confirm`));
    await waitFor(() => expect(screen.events).toEqual(['deleted']));
    expect(screen.callsTo('account.delete')).toEqual([{ password: 'my secret password' }]);
  });

  it('shows a wrong password with the tries left, and stays', async () => {
    renderDelete({
      'account.deletion': () => summary(),
      'account.delete': () => {
        throw Object.assign(new Error('wrong'), { data: { appCode: 'WRONG_PASSWORD', details: { attemptsLeft: 3 } } });
      },
    });
    await waitFor(() => element(`${ID}-input input`));
    fireEvent.input(element(`${ID}-input input`), { target: { value: 'nope nope' } });
    fireEvent.click(element(`${ID}-confirm`));
    await waitFor(() => expect(textOf(`${ID}-error`)).toBe('当前密码不对，还可以再试 3 次'));
  });

  it('while a shared home must be handed over, offers the way to Family instead of deleting', async () => {
    const screen = renderDelete({
      'account.deletion': () =>
        summary({
          ownedHomes: [{ id: OWN, name: '王家', memberCount: 3, photoCount: 40, fate: 'hand_over' }],
          joinedHomes: [],
          canDelete: false,
        }),
    });
    await waitFor(() => element(`${ID}-blocked`));
    expect(textOf(`${ID}-home-${OWN}`)).toContain('还有 2 位家人，40 张照片。请先在「家庭成员」里把它交给另一位成员');
    expect(document.querySelector(`${ID}-input`)).toBeNull();
    expect(textOf(`${ID}-confirm`)).toBe('去家庭成员');
    fireEvent.click(element(`${ID}-confirm`));
    expect(screen.events).toEqual(['members']);
    expect(screen.callsTo('account.delete')).toEqual([]);
  });

  it('asks an account without a password to type its display name, named on the screen', async () => {
    const screen = renderDelete({
      'account.deletion': () => summary({ confirmWith: 'display_name', confirmName: '微信用户' }),
      'account.delete': () => ({ ok: true, homesDeleted: 1, photosToPurge: 0 }),
    });
    const input = await waitFor(() => element(`${ID}-input input`));
    expect(input.getAttribute('placeholder')).toBe('输入你的昵称「微信用户」确认');
    fireEvent.input(input, { target: { value: '微信' } });
    fireEvent.click(element(`${ID}-confirm`));
    expect(textOf(`${ID}-error`)).toBe('输入的昵称不一样，请照着再输入一次');
    fireEvent.input(input, { target: { value: '微信用户' } });
    fireEvent.click(element(`${ID}-confirm`));
    await waitFor(() => expect(screen.events).toEqual(['deleted']));
    expect(screen.callsTo('account.delete')).toEqual([{ confirmName: '微信用户' }]);
  });
});

describe('export', () => {
  beforeEach(() => setLocale('zh-CN'));
  afterEach(cleanup);

  function renderExport(create: () => unknown) {
    const notices: (string | null)[] = [];
    const api = renderWithApi(<ExportCard onNotice={(text) => notices.push(text)} />, {
      'homes.list': () => homeList(home(OWN, 'owner', '王家')),
      'exports.create': create,
    });
    return { ...api, notices };
  }

  it('asks for a fresh link per home and hands it to the browser, which shows the progress', async () => {
    const screen = renderExport(() => ({
      path: `/api/homes/${OWN}/export?u=x&e=1&s=y`,
      expiresAt: '2026-06-01T12:10:00.000Z',
      filename: '王家 2026-06-01.tar',
      size: 3 * 1024 * 1024,
      photoCount: 2,
    }));
    await waitFor(() => element(`#export-start-${OWN}`));
    fireEvent.click(element(`#export-start-${OWN}`));
    await waitFor(() =>
      expect(screen.notices.at(-1)).toBe('「王家」的导出已开始下载（3.0 MB，2 张照片），浏览器会显示进度'),
    );
    expect(screen.callsTo('exports.create')).toEqual([{ homeId: OWN }]);
  });

  it('says why an export could not start', async () => {
    const screen = renderExport(() => {
      throw appError('NOT_FOUND');
    });
    await waitFor(() => element(`#export-start-${OWN}`));
    fireEvent.click(element(`#export-start-${OWN}`));
    await waitFor(() => expect(screen.notices.at(-1)).toBe('导出没有完成：找不到了，可能已被删除'));
  });
});

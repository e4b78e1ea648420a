import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { id } from '../../../test/support/ids';
import { appError, scriptedApi, textOf } from '../../../test/support/screen';
import { ApiProvider } from '../../api/context';
import { setLocale } from '../../i18n';
import { WelcomeScreen } from './WelcomeScreen';

const ME = {
  id: id('u1'),
  username: 'mama',
  displayName: 'mama',
  hasPassword: true,
  wechatLinked: false,
  createdAt: '2026-05-01T08:00:00.000Z',
};
const RESULT = { token: 'session-1', user: ME, expiresAt: '2026-06-01T08:00:00.000Z' };

function renderWelcome(answers: Parameters<typeof scriptedApi>[0], reason?: string) {
  const api = scriptedApi(answers);
  const onSignedIn = vi.fn(async () => undefined);
  render(
    <ApiProvider client={api.client}>
      <WelcomeScreen reason={reason} onSignedIn={onSignedIn} />
    </ApiProvider>,
  );
  return { ...api, onSignedIn };
}

async function type(selector: string, value: string) {
  const input = await waitFor(() => {
    const found = document.querySelector(`${selector} input`);
    if (!found) throw new Error(`${selector} not rendered`);
    return found;
  });
  fireEvent.input(input, { target: { value } });
}

function submit() {
  const button = document.querySelector('#auth-submit');
  if (!button) throw new Error('no submit button');
  fireEvent.click(button);
}

describe('welcome screen', () => {
  beforeAll(() => setLocale('zh-CN'));
  afterEach(cleanup);

  it('signs in with the typed (lower-cased) username and hands the session over', async () => {
    const screen = renderWelcome({ 'auth.signIn': () => RESULT });
    await type('#username', 'Mama');
    await type('#password', 'first steps 1');
    submit();
    await waitFor(() => expect(screen.onSignedIn).toHaveBeenCalledWith(RESULT));
    expect(screen.callsTo('auth.signIn')).toEqual([{ username: 'mama', password: 'first steps 1' }]);
  });

  it('checks the form with the shared schema before calling the server', async () => {
    const screen = renderWelcome({});
    fireEvent.click(document.querySelector('#auth-switch') as Element);
    await type('#username', 'ma');
    await type('#password', 'long enough');
    submit();
    await waitFor(() => expect(textOf('#auth-error')).toBe('用户名需 3 到 32 位，只能用字母、数字、_ . -'));
    await type('#username', 'mama');
    await type('#password', 'short');
    submit();
    await waitFor(() => expect(textOf('#auth-error')).toBe('密码至少 8 位'));
    expect(screen.calls).toEqual([]);
  });

  it('says how many attempts are left after a wrong password', async () => {
    renderWelcome({
      'auth.signIn': () => {
        throw Object.assign(appError('INVALID_CREDENTIALS'), {
          data: { appCode: 'INVALID_CREDENTIALS', details: { attemptsLeft: 2 } },
        });
      },
    });
    await type('#username', 'mama');
    await type('#password', 'wrong password');
    submit();
    await waitFor(() => expect(textOf('#auth-error')).toBe('用户名或密码不对，还可以再试 2 次'));
  });

  it('says how long a locked-out account must wait', async () => {
    const screen = renderWelcome({
      'auth.signIn': () => {
        throw Object.assign(appError('LOCKED_OUT'), {
          data: { appCode: 'LOCKED_OUT', details: { retryAfterSeconds: 1500 } },
        });
      },
    });
    await type('#username', 'mama');
    await type('#password', 'wrong password');
    submit();
    await waitFor(() => expect(textOf('#auth-error')).toBe('密码错误次数太多，账号已暂时锁定，请 25 分钟后再试'));
    expect(screen.onSignedIn).not.toHaveBeenCalled();
  });

  it('says the account is locked after the last wrong password, not "0 more tries"', async () => {
    renderWelcome({
      'auth.signIn': () => {
        throw Object.assign(appError('INVALID_CREDENTIALS'), {
          data: { appCode: 'INVALID_CREDENTIALS', details: { attemptsLeft: 0 } },
        });
      },
    });
    await type('#username', 'mama');
    await type('#password', 'wrong password');
    submit();
    await waitFor(() => expect(textOf('#auth-error')).toContain('账号已暂时锁定'));
    expect(textOf('#auth-error')).not.toContain('0 次');
  });

  it('tells what to do about a forgotten password, and shows the name once and no developer page', async () => {
    renderWelcome({});
    expect(document.querySelector('#auth-forgot-hint')).toBeNull();
    fireEvent.click(document.querySelector('#auth-forgot') as Element);
    await waitFor(() => expect(textOf('#auth-forgot-hint')).toContain('reset-password'));
    expect(textOf('#auth-forgot-hint')).toContain('没有邮箱');
    expect(document.body.textContent).not.toContain('服务器状态');
    expect(document.body.textContent?.split('小家').length).toBe(2);
    // Signing up has nothing to forget.
    fireEvent.click(document.querySelector('#auth-switch') as Element);
    await waitFor(() => expect(document.querySelector('#auth-forgot')).toBeNull());
  });

  it('explains why the app came back to sign-in after a session expired', () => {
    renderWelcome({}, 'SESSION_EXPIRED');
    expect(textOf('#auth-notice')).toContain('登录已过期');
  });
});

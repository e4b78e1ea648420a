import { QueryClient, useQueryClient } from '@tanstack/react-query';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import type { AuthResult, Home, InvitePreview } from '@xiaojia/shared';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forgetCurrentHome, home, homeList } from '../../../test/support/homes';
import { id } from '../../../test/support/ids';
import { type Answer, appError, element, scriptedApi, textOf } from '../../../test/support/screen';
import { ApiProvider } from '../../api/context';
import { QueryProvider } from '../../api/query';
import { currentHomeStore } from '../../home/current-home';
import { setLocale } from '../../i18n';
import { JoinScreen } from './JoinScreen';

const CODE = 'AbCdEfGhIjKlMnOpQrStUv';
const joined: Home = home(id('h9'), 'viewer', '姥姥家');
const preview = (alreadyMember = false): InvitePreview => ({
  homeName: '姥姥家',
  inviterName: '姥姥',
  role: 'viewer',
  alreadyMember,
});
const SESSION: AuthResult = {
  token: 'tok',
  expiresAt: '2026-06-01T00:00:00.000Z',
  user: {
    id: id('u1'),
    username: 'mama',
    displayName: '妈妈',
    hasPassword: true,
    wechatLinked: false,
    createdAt: '2026-05-01T08:00:00.000Z',
  },
} as AuthResult;

function Harness({ code, startSignedIn, opened }: { code: string | null; startSignedIn: boolean; opened: Home[] }) {
  const queryClient = useQueryClient();
  const [signedIn, setSignedIn] = useState(startSignedIn);
  return (
    <JoinScreen
      code={code}
      signedIn={signedIn}
      onSignedIn={async () => {
        queryClient.clear();
        setSignedIn(true);
      }}
      onJoined={(h) => opened.push(h)}
    />
  );
}

function renderJoin(answers: Record<string, Answer>, { code = CODE as string | null, signedIn = true } = {}) {
  const api = scriptedApi({
    'homes.list': () => homeList(home(id('h1'))),
    'invites.accept': () => joined,
    ...answers,
  });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const opened: Home[] = [];
  render(
    <ApiProvider client={api.client}>
      <QueryProvider client={api.client} queryClient={queryClient}>
        <Harness code={code} startSignedIn={signedIn} opened={opened} />
      </QueryProvider>
    </ApiProvider>,
  );
  return { ...api, opened };
}

async function type(selector: string, value: string) {
  const input = await waitFor(() => element(`${selector} input`));
  fireEvent.input(input, { target: { value } });
}

describe('join screen', () => {
  beforeEach(async () => {
    setLocale('zh-CN');
    await forgetCurrentHome();
  });
  afterEach(cleanup);

  it('shows who invites to which home as what, joins, makes it current and opens it', async () => {
    const screen = renderJoin({ 'invites.preview': () => preview() });
    await waitFor(() => element('#join-preview'));
    expect(textOf('#join-preview')).toContain('姥姥 邀请你加入');
    expect(textOf('#join-home-name')).toBe('姥姥家');
    expect(textOf('#join-role')).toBe('加入后你是：亲友');
    expect(screen.callsTo('invites.preview')).toEqual([{ code: CODE }]);
    fireEvent.click(element('#join-button'));
    await waitFor(() => expect(screen.opened).toEqual([joined]));
    expect(screen.callsTo('invites.accept')).toEqual([{ code: CODE }]);
    expect(currentHomeStore.peek()).toBe(id('h9'));
  });

  it('signed out: shows the preview and the sign-in form, then joins after signing in', async () => {
    const screen = renderJoin(
      {
        'invites.preview': () => preview(),
        'auth.signIn': () => SESSION,
      },
      { signedIn: false },
    );
    await waitFor(() => element('#join-sign-in'));
    expect(textOf('#join-home-name')).toBe('姥姥家');
    expect(document.querySelector('#join-button')).toBeNull();
    await type('#username', 'mama');
    await type('#password', 'correct horse');
    fireEvent.click(element('#auth-submit'));
    await waitFor(() => element('#join-button'));
    // Asked again once signed in (the answer now knows whether this account is already in).
    expect(screen.callsTo('invites.preview')).toHaveLength(2);
    fireEvent.click(element('#join-button'));
    await waitFor(() => expect(screen.opened).toEqual([joined]));
  });

  it('goes straight in when already a member', async () => {
    const screen = renderJoin({ 'invites.preview': () => preview(true) });
    await waitFor(() => expect(screen.opened).toEqual([joined]));
    expect(document.querySelector('#join-button')).toBeNull();
    expect(screen.callsTo('invites.accept')).toEqual([{ code: CODE }]);
  });

  it.each([
    ['INVITE_EXPIRED', '已经过期了'],
    ['INVITE_REVOKED', '已被收回'],
    ['INVITE_USED_UP', '已经用完了'],
    ['INVITE_NOT_FOUND', '这个邀请不存在'],
  ])('says plainly when the invite is %s, and offers nothing to press', async (code, words) => {
    renderJoin({
      'invites.preview': () => {
        throw appError(code);
      },
    });
    await waitFor(() => expect(textOf('#join-error')).toContain(words));
    expect(document.querySelector('#join-button')).toBeNull();
    expect(document.querySelector('#join-preview')).toBeNull();
  });

  it('says how long to wait when look-ups are rate limited', async () => {
    renderJoin({
      'invites.preview': () => {
        throw Object.assign(new Error('slow down'), {
          data: { appCode: 'RATE_LIMITED', details: { retryAfterSeconds: 90 } },
        });
      },
    });
    await waitFor(() => expect(textOf('#join-error')).toBe('操作太频繁，请 2 分钟后再试'));
  });

  it('says when the link has no code, and asks nothing', async () => {
    const screen = renderJoin({}, { code: null });
    await waitFor(() => expect(textOf('#join-error')).toContain('邀请链接不完整'));
    expect(screen.calls).toEqual([]);
  });

  it('says why joining failed (the invite ran out meanwhile, the home is full)', async () => {
    const screen = renderJoin({
      'invites.preview': () => preview(),
      'invites.accept': () => {
        throw appError('HOME_FULL');
      },
    });
    await waitFor(() => element('#join-button'));
    fireEvent.click(element('#join-button'));
    await waitFor(() => expect(textOf('#join-error')).toContain('这个家的人数已满'));
    expect(screen.opened).toEqual([]);
  });
});

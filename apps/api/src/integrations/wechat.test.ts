import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { type FakeWeChat, startFakeWeChat } from '../test/fake-wechat.js';
import { createWeChatClient, HttpWeChatClient, notConfiguredWeChatClient } from './wechat.js';

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('WeChat code2session client', () => {
  let fake: FakeWeChat;
  beforeEach(async () => {
    fake = await startFakeWeChat();
  });
  afterEach(async () => {
    await fake.close();
  });

  const client = (timeoutMs?: number) =>
    new HttpWeChatClient(
      { appId: fake.appId, appSecret: fake.appSecret, apiBase: fake.apiBase },
      timeoutMs ? { timeoutMs } : {},
    );

  it('exchanges a login code for the openid and drops the session_key', async () => {
    const identity = await client().code2session(fake.issueCode('o-openid-1'));
    expect(identity).toEqual({ openid: 'o-openid-1' });
    expect(JSON.stringify(identity)).not.toContain(fake.sessionKeys[0]);
  });

  it('maps invalid, reused and rate-limited codes to WECHAT_LOGIN_FAILED with a reason', async () => {
    const invalid = await failure(client().code2session('never-issued'));
    expect(invalid).toMatchObject({
      code: 'WECHAT_LOGIN_FAILED',
      details: { reason: 'invalid_code', wechatErrcode: 40029 },
    });

    const code = fake.issueCode('o-openid-2');
    await client().code2session(code);
    const reused = await failure(client().code2session(code));
    expect(reused).toMatchObject({
      code: 'WECHAT_LOGIN_FAILED',
      details: { reason: 'code_used', wechatErrcode: 40163 },
    });

    fake.failNextWith(45011);
    const limited = await failure(client().code2session(fake.issueCode('o-openid-3')));
    expect(limited).toMatchObject({ details: { reason: 'rate_limited', wechatErrcode: 45011 } });
    expect(limited.message).toMatch(/minute/);

    fake.failNextWith(-1);
    expect(await failure(client().code2session(fake.issueCode('o-openid-3')))).toMatchObject({
      details: { reason: 'wechat_busy' },
    });
  });

  it('reports a wrong app secret as a server misconfiguration without echoing the secret', async () => {
    const wrong = new HttpWeChatClient({ appId: fake.appId, appSecret: 'not-the-secret', apiBase: fake.apiBase });
    const error = await failure(wrong.code2session(fake.issueCode('o-openid-4')));
    expect(error).toMatchObject({ code: 'WECHAT_LOGIN_FAILED', details: { reason: 'server_misconfigured' } });
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain('not-the-secret');
  });

  it('gives up after the timeout when WeChat does not answer', async () => {
    fake.delayMs = 2000;
    const started = Date.now();
    const error = await failure(client(150).code2session(fake.issueCode('o-openid-5')));
    expect(error).toMatchObject({ code: 'WECHAT_LOGIN_FAILED', details: { reason: 'timeout' } });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('reports an unreachable or garbled WeChat as unavailable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const unreachable = new HttpWeChatClient({ appId: 'a', appSecret: 's', apiBase: `http://127.0.0.1:${port}` });
    expect(await failure(unreachable.code2session('code'))).toMatchObject({
      details: { reason: 'wechat_unavailable' },
    });

    const garbled = createServer((_req, res) => res.writeHead(200).end('<html>gateway</html>'));
    await new Promise<void>((resolve) => garbled.listen(0, '127.0.0.1', resolve));
    const garbledBase = `http://127.0.0.1:${(garbled.address() as AddressInfo).port}`;
    try {
      const client = new HttpWeChatClient({ appId: 'a', appSecret: 's', apiBase: garbledBase });
      expect(await failure(client.code2session('code'))).toMatchObject({ details: { reason: 'wechat_unavailable' } });
    } finally {
      await new Promise<void>((resolve) => garbled.close(() => resolve()));
    }
  });

  it('refuses with WECHAT_NOT_CONFIGURED when the app id or secret is missing', async () => {
    expect(createWeChatClient({ appId: '', appSecret: 's', apiBase: fake.apiBase })).toBe(notConfiguredWeChatClient);
    expect(createWeChatClient({ appId: 'a', appSecret: '', apiBase: fake.apiBase })).toBe(notConfiguredWeChatClient);
    expect(await failure(notConfiguredWeChatClient.code2session('code'))).toMatchObject({
      code: 'WECHAT_NOT_CONFIGURED',
    });
    expect(fake.requests).toBe(0);
  });
});

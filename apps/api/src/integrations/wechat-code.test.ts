/** The mini-program code (小程序码) client against the local fake WeChat: token kept, refreshed once, errors. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { FAKE_WXACODE_PNG, type FakeWeChat, startFakeWeChat } from '../test/fake-wechat.js';
import { HttpWeChatClient, notConfiguredWeChatClient } from './wechat.js';

describe('WeChat mini-program code client', () => {
  let fake: FakeWeChat;
  beforeEach(async () => {
    fake = await startFakeWeChat();
  });
  afterEach(async () => {
    await fake.close();
  });

  const client = (appSecret = fake.appSecret) =>
    new HttpWeChatClient({ appId: fake.appId, appSecret, apiBase: fake.apiBase });

  it('answers the image for the scene and page, fetching the access token once', async () => {
    const wechat = client();
    expect(await wechat.miniProgramCode({ scene: 'AbCdEfGhIjKlMnOpQrStUv', page: 'pages/join/index' })).toEqual(
      FAKE_WXACODE_PNG,
    );
    const before = fake.requests;
    await wechat.miniProgramCode({ scene: 'second', page: 'pages/join/index' });
    // One request for the code, none for a token: it was kept.
    expect(fake.requests - before).toBe(1);
    expect(fake.codeRequests).toEqual([
      { scene: 'AbCdEfGhIjKlMnOpQrStUv', page: 'pages/join/index' },
      { scene: 'second', page: 'pages/join/index' },
    ]);
  });

  it('gets a new token once when WeChat says the kept one is no longer valid', async () => {
    const wechat = client();
    await wechat.miniProgramCode({ scene: 'one', page: 'pages/join/index' });
    fake.revokeTokens();
    expect(await wechat.miniProgramCode({ scene: 'two', page: 'pages/join/index' })).toEqual(FAKE_WXACODE_PNG);
  });

  it('says what failed without the secret or the token in the message', async () => {
    const refused = await client('wrong-secret')
      .miniProgramCode({ scene: 'x', page: 'p' })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'WECHAT_UNAVAILABLE', details: { reason: 'server_misconfigured' } });
    expect(String((refused as Error).message)).not.toContain('wrong-secret');
    const tooLong = await client()
      .miniProgramCode({ scene: 'x'.repeat(33), page: 'p' })
      .catch((e: unknown) => e);
    expect(tooLong).toMatchObject({ code: 'WECHAT_UNAVAILABLE', details: { wechatErrcode: 40169 } });
    await fake.close();
    const down = await client()
      .miniProgramCode({ scene: 'x', page: 'p' })
      .catch((e: unknown) => e);
    expect(down).toMatchObject({ code: 'WECHAT_UNAVAILABLE', details: { reason: 'wechat_unavailable' } });
    fake = await startFakeWeChat();
  });

  it('without WeChat configured says so', async () => {
    await expect(notConfiguredWeChatClient.miniProgramCode({ scene: 'x', page: 'p' })).rejects.toMatchObject({
      code: 'WECHAT_NOT_CONFIGURED',
    });
  });
});

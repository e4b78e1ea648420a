/** subscribeMessage.send against the fake WeChat: wire format, the kept access token, refusals. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeWeChat, startFakeWeChat } from '../test/fake-wechat.js';
import { HttpWeChatClient, notConfiguredWeChatClient } from './wechat.js';

describe('WeChat subscribeMessage.send', () => {
  let fake: FakeWeChat;
  beforeEach(async () => {
    fake = await startFakeWeChat();
  });
  afterEach(async () => {
    await fake.close();
  });
  const client = () => new HttpWeChatClient({ appId: fake.appId, appSecret: fake.appSecret, apiBase: fake.apiBase });
  const message = {
    touser: 'o-grandma',
    templateId: 'tmpl-new-photos',
    page: 'pages/feed/index?homeId=h1',
    data: { thing1: '妈妈', thing2: '我们的家', time3: '2026年12月1日 15:01' },
  };

  it('posts the template and its data in WeChat’s wire format, on the access token it keeps', async () => {
    const wechat = client();
    expect(await wechat.subscribeMessage.send(message)).toBe('sent');
    expect(await wechat.subscribeMessage.send({ ...message, touser: 'o-grandpa' })).toBe('sent');
    expect(fake.subscribeMessages).toEqual([
      { touser: 'o-grandma', templateId: 'tmpl-new-photos', page: message.page, data: message.data },
      { touser: 'o-grandpa', templateId: 'tmpl-new-photos', page: message.page, data: message.data },
    ]);
    // One token for both: 1 token request + 2 sends.
    expect(fake.requests).toBe(3);
  });

  it('fetches a new token once when WeChat calls the kept one stale', async () => {
    const wechat = client();
    await wechat.subscribeMessage.send(message);
    fake.revokeTokens();
    expect(await wechat.subscribeMessage.send(message)).toBe('sent');
    expect(fake.subscribeMessages).toHaveLength(2);
  });

  it('answers refused for 43101 and throws WECHAT_UNAVAILABLE with the errcode for other refusals', async () => {
    fake.refuseMessagesTo('o-grandma');
    expect(await client().subscribeMessage.send(message)).toBe('refused');
    const tooLong = { ...message, touser: 'o-other', data: { ...message.data, thing1: '名'.repeat(21) } };
    await expect(client().subscribeMessage.send(tooLong)).rejects.toMatchObject({
      code: 'WECHAT_UNAVAILABLE',
      details: { reason: 'wechat_error', wechatErrcode: 47003 },
    });
    expect(fake.subscribeMessages).toEqual([]);
    await expect(notConfiguredWeChatClient.subscribeMessage.send(message)).rejects.toMatchObject({
      code: 'WECHAT_NOT_CONFIGURED',
    });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signUpAndGetToken } from '../test/auth.js';
import { callerFor, createTestDeps, type TestDeps } from '../test/deps.js';
import { type FakeWeChat, startFakeWeChat } from '../test/fake-wechat.js';

describe('auth: WeChat mini-program sign-in against a local fake WeChat', () => {
  let fake: FakeWeChat;
  let deps: TestDeps;
  beforeEach(async () => {
    fake = await startFakeWeChat();
    deps = await createTestDeps({ wechat: { appId: fake.appId, appSecret: fake.appSecret, apiBase: fake.apiBase } });
  });
  afterEach(async () => {
    await deps.db.destroy();
    await fake.close();
  });

  it('creates an account on the first sign-in and finds the same one afterwards', async () => {
    const first = await callerFor(deps).auth.signInWithWechat({ code: fake.issueCode('o-mama'), device: '微信小程序' });
    expect(first.user).toMatchObject({
      username: null,
      displayName: '微信用户',
      hasPassword: false,
      wechatLinked: true,
    });
    const again = await callerFor(deps).auth.signInWithWechat({ code: fake.issueCode('o-mama') });
    expect(again.user.id).toBe(first.user.id);
    expect(again.token).not.toBe(first.token);
    const devices = (await callerFor(deps, { token: again.token }).auth.devices()).items;
    expect(devices.map((d) => d.label).sort()).toEqual(['test', '微信小程序']);
    const other = await callerFor(deps).auth.signInWithWechat({ code: fake.issueCode('o-baba') });
    expect(other.user.id).not.toBe(first.user.id);
  });

  it('passes WeChat refusals on as WECHAT_LOGIN_FAILED and creates nothing', async () => {
    await expect(callerFor(deps).auth.signInWithWechat({ code: 'made-up-code' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      cause: { code: 'WECHAT_LOGIN_FAILED', details: { reason: 'invalid_code' } },
    });
    const code = fake.issueCode('o-once');
    await callerFor(deps).auth.signInWithWechat({ code });
    await expect(callerFor(deps).auth.signInWithWechat({ code })).rejects.toMatchObject({
      cause: { code: 'WECHAT_LOGIN_FAILED', details: { reason: 'code_used' } },
    });
    fake.failNextWith(45011);
    await expect(callerFor(deps).auth.signInWithWechat({ code: fake.issueCode('o-limited') })).rejects.toMatchObject({
      cause: { code: 'WECHAT_LOGIN_FAILED', details: { reason: 'rate_limited' } },
    });
    expect(await deps.db.selectFrom('users').select('wechat_openid').execute()).toEqual([{ wechat_openid: 'o-once' }]);
  });

  it('links WeChat to a password account, which the mini-program then signs in to', async () => {
    const mama = await signUpAndGetToken(deps, 'mama');
    const me = await mama.caller.auth.linkWechat({ code: fake.issueCode('o-mama') });
    expect(me).toMatchObject({ id: mama.userId, username: 'mama', hasPassword: true, wechatLinked: true });
    const viaWechat = await callerFor(deps).auth.signInWithWechat({ code: fake.issueCode('o-mama') });
    expect(viaWechat.user.id).toBe(mama.userId);
    // Linking the same identity again is harmless.
    await expect(mama.caller.auth.linkWechat({ code: fake.issueCode('o-mama') })).resolves.toMatchObject({
      wechatLinked: true,
    });
  });

  it('refuses to link a WeChat identity that belongs to another account', async () => {
    const wechatOnly = await callerFor(deps).auth.signInWithWechat({ code: fake.issueCode('o-taken') });
    const baba = await signUpAndGetToken(deps, 'baba');
    await expect(baba.caller.auth.linkWechat({ code: fake.issueCode('o-taken') })).rejects.toMatchObject({
      code: 'CONFLICT',
      cause: { code: 'WECHAT_ALREADY_LINKED', details: { reason: 'wechat_has_other_account' } },
    });
    await expect(baba.caller.auth.me()).resolves.toMatchObject({ wechatLinked: false });
    const again = await callerFor(deps).auth.signInWithWechat({ code: fake.issueCode('o-taken') });
    expect(again.user.id).toBe(wechatOnly.user.id);
  });

  it('refuses to replace the WeChat identity an account already has', async () => {
    const nainai = await signUpAndGetToken(deps, 'nainai');
    await nainai.caller.auth.linkWechat({ code: fake.issueCode('o-first') });
    await expect(nainai.caller.auth.linkWechat({ code: fake.issueCode('o-second') })).rejects.toMatchObject({
      cause: { code: 'WECHAT_ALREADY_LINKED', details: { reason: 'account_has_other_wechat' } },
    });
  });

  it('needs a signed-in caller to link', async () => {
    await expect(callerFor(deps).auth.linkWechat({ code: fake.issueCode('o-x') })).rejects.toMatchObject({
      cause: { code: 'UNAUTHENTICATED' },
    });
  });
});

describe('auth: WeChat not configured', () => {
  let deps: TestDeps;
  beforeEach(async () => {
    deps = await createTestDeps();
  });
  afterEach(async () => {
    await deps.db.destroy();
  });

  it('answers WECHAT_NOT_CONFIGURED for sign-in and link', async () => {
    await expect(callerFor(deps).auth.signInWithWechat({ code: 'abc' })).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      cause: { code: 'WECHAT_NOT_CONFIGURED' },
    });
    const { caller } = await signUpAndGetToken(deps);
    await expect(caller.auth.linkWechat({ code: 'abc' })).rejects.toMatchObject({
      cause: { code: 'WECHAT_NOT_CONFIGURED' },
    });
  });
});

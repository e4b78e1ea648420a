/**
 * WeChat subscribe messages for new photos, against the fake WeChat: settings and subscribing (credits,
 * capped; NOTIFY_UNAVAILABLE without WeChat, with another template, or for a caller without an openid);
 * an upload messages every other member with a credit, at most once per NOTIFY_MIN_INTERVAL_MINUTES
 * (injected clock), claimed so racing senders never send twice; refusals and failures never fail the upload.
 */
import { NOTIFY_CREDITS_MAX, NOTIFY_MIN_INTERVAL_MINUTES } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NOTIFY_PAGE, NotificationsService, wechatTime } from '../services/notifications.js';
import { createTestDeps, type TestDeps } from '../test/deps.js';
import { type FakeWeChat, startFakeWeChat } from '../test/fake-wechat.js';
import { makeFamily, type TestAccount } from '../test/homes.js';
import { uploadPhoto } from '../test/photos.js';

const TEMPLATE = 'tmpl-new-photos_01';
const MINUTE = 60_000;

describe('new-photo messages in WeChat', () => {
  let fake: FakeWeChat;
  let deps: TestDeps;
  let family: Awaited<ReturnType<typeof makeFamily>>;
  let homeId: string;
  const withWechat = async (who: TestAccount, openid: string) =>
    deps.db.updateTable('users').set({ wechat_openid: openid }).where('id', '=', who.userId).execute();
  const upload = async (who: TestAccount) => {
    await uploadPhoto(who.caller, homeId);
    await deps.background.idle();
  };
  const sentTo = () => fake.subscribeMessages.map((m) => m.touser);

  beforeEach(async () => {
    fake = await startFakeWeChat();
    deps = await createTestDeps({
      wechat: { appId: fake.appId, appSecret: fake.appSecret, apiBase: fake.apiBase },
      wechatSubscribeTemplateId: TEMPLATE,
    });
    family = await makeFamily(deps);
    homeId = family.homeId;
    await withWechat(family.grandma, 'o-grandma');
    await withWechat(family.dad, 'o-dad');
  });
  afterEach(async () => {
    await deps.close();
    await fake.close();
  });

  it('tells each member whether messages can reach them, and counts their subscriptions up to the cap', async () => {
    const { grandma, mom } = family;
    expect(await grandma.caller.notifications.settings({ homeId })).toEqual({
      available: true,
      templateId: TEMPLATE,
      credits: 0,
    });
    expect(await grandma.caller.notifications.subscribe({ homeId, templateId: TEMPLATE })).toMatchObject({
      credits: 1,
    });
    for (let i = 0; i < NOTIFY_CREDITS_MAX + 2; i++) {
      await grandma.caller.notifications.subscribe({ homeId, templateId: TEMPLATE });
    }
    expect((await grandma.caller.notifications.settings({ homeId })).credits).toBe(NOTIFY_CREDITS_MAX);
    // Credits are per home: her own home has none.
    expect((await grandma.caller.notifications.settings({ homeId: grandma.homeId })).credits).toBe(0);

    // Mom signed up with a password and has no WeChat to send to.
    expect(await mom.caller.notifications.settings({ homeId })).toEqual({
      available: false,
      templateId: TEMPLATE,
      credits: 0,
    });
    await expect(mom.caller.notifications.subscribe({ homeId, templateId: TEMPLATE })).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      cause: { code: 'NOTIFY_UNAVAILABLE', details: { reason: 'no_wechat' } },
    });
    await expect(
      grandma.caller.notifications.subscribe({ homeId, templateId: 'another-template' }),
    ).rejects.toMatchObject({
      cause: { code: 'NOTIFY_UNAVAILABLE', details: { reason: 'wrong_template' } },
    });
    for (const templateId of ['', 'x'.repeat(129)]) {
      await expect(grandma.caller.notifications.subscribe({ homeId, templateId })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
    }
    await expect(family.stranger.caller.notifications.settings({ homeId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('messages every other member with a credit when photos arrive, once an hour at most', async () => {
    const { mom, dad, grandma } = family;
    await grandma.caller.notifications.subscribe({ homeId, templateId: TEMPLATE });
    await grandma.caller.notifications.subscribe({ homeId, templateId: TEMPLATE });
    await dad.caller.notifications.subscribe({ homeId, templateId: TEMPLATE });
    await upload(mom);
    expect(sentTo().sort()).toEqual(['o-dad', 'o-grandma']);
    expect(fake.subscribeMessages[0]).toEqual({
      touser: expect.any(String),
      templateId: TEMPLATE,
      page: `${NOTIFY_PAGE}?homeId=${homeId}`,
      data: {
        thing1: mom.user.displayName,
        thing2: `${mom.user.displayName}的家`,
        time3: wechatTime(deps.clock.now()),
      },
    });
    // More of the same batch, within the hour: nothing more.
    deps.clock.advance((NOTIFY_MIN_INTERVAL_MINUTES - 1) * MINUTE);
    await upload(mom);
    expect(fake.subscribeMessages).toHaveLength(2);
    // An hour on, grandma has one credit left; dad used his only one.
    deps.clock.advance(2 * MINUTE);
    await upload(mom);
    expect(sentTo().slice(2)).toEqual(['o-grandma']);
    expect((await grandma.caller.notifications.settings({ homeId })).credits).toBe(0);
    // The uploader never hears of their own photos.
    await mom.caller.homes.transferOwnership({ homeId, userId: dad.userId });
    await dad.caller.notifications.subscribe({ homeId, templateId: TEMPLATE });
    deps.clock.advance(NOTIFY_MIN_INTERVAL_MINUTES * MINUTE);
    await upload(dad);
    expect(fake.subscribeMessages).toHaveLength(3);
  });

  it('claims each recipient once when two instances send for the same upload', async () => {
    const { mom, grandma, dad } = family;
    await grandma.caller.notifications.subscribe({ homeId, templateId: TEMPLATE });
    await dad.caller.notifications.subscribe({ homeId, templateId: TEMPLATE });
    const uploader = { userId: mom.userId, homeId };
    const sent = await Promise.all([0, 1, 2].map(() => new NotificationsService(deps).sendNewPhotos(uploader)));
    expect(sent.reduce((a, b) => a + b, 0)).toBe(2);
    expect(sentTo().sort()).toEqual(['o-dad', 'o-grandma']);
  });

  it('zeroes the credits of someone WeChat says refused, gives a credit back when WeChat fails, and never fails the upload', async () => {
    const { mom, dad, grandma } = family;
    for (const who of [grandma, dad]) {
      await who.caller.notifications.subscribe({ homeId, templateId: TEMPLATE });
      await who.caller.notifications.subscribe({ homeId, templateId: TEMPLATE });
    }
    fake.refuseMessagesTo('o-grandma');
    await upload(mom);
    expect(sentTo()).toEqual(['o-dad']);
    expect((await grandma.caller.notifications.settings({ homeId })).credits).toBe(0);
    expect((await dad.caller.notifications.settings({ homeId })).credits).toBe(1);

    deps.clock.advance(NOTIFY_MIN_INTERVAL_MINUTES * MINUTE);
    fake.failNextWith(-1);
    const { photo } = await uploadPhoto(mom.caller, homeId);
    await deps.background.idle();
    expect((await mom.caller.photos.get({ homeId, id: photo.id })).photo.id).toBe(photo.id);
    expect(fake.subscribeMessages).toHaveLength(1);
    expect((await dad.caller.notifications.settings({ homeId })).credits).toBe(1);
  });

  it('a member who leaves loses their credits with the membership', async () => {
    const { mom, grandma } = family;
    await grandma.caller.notifications.subscribe({ homeId, templateId: TEMPLATE });
    await grandma.caller.homes.leave({ homeId });
    await upload(mom);
    expect(fake.subscribeMessages).toEqual([]);
    expect(await deps.db.selectFrom('notify_subscriptions').selectAll().execute()).toEqual([]);
  });
});

describe('new-photo messages without WeChat configured', () => {
  it('are unavailable, and uploads send nothing', async () => {
    const deps = await createTestDeps({ wechatSubscribeTemplateId: TEMPLATE });
    const { grandma, mom, homeId } = await makeFamily(deps);
    await deps.db.updateTable('users').set({ wechat_openid: 'o-grandma' }).where('id', '=', grandma.userId).execute();
    expect(await grandma.caller.notifications.settings({ homeId })).toEqual({
      available: false,
      templateId: null,
      credits: 0,
    });
    await expect(grandma.caller.notifications.subscribe({ homeId, templateId: TEMPLATE })).rejects.toMatchObject({
      cause: { code: 'NOTIFY_UNAVAILABLE', details: { reason: 'not_configured' } },
    });
    await uploadPhoto(mom.caller, homeId);
    expect(await new NotificationsService(deps).sendNewPhotos({ userId: mom.userId, homeId })).toBe(0);
  });
});

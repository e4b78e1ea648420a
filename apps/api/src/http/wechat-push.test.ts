/**
 * The content checks end to end against the fake WeChat: msgSecCheck before anything is stored (risky
 * refused, review held), image checks queued with signed preview URLs, and their verdicts at the push URL:
 * signed (plaintext and safe mode) or refused, applied once (a replay changes nothing), a risky image
 * hiding its work.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encryptPush, pushSignature } from '../integrations/wechat-push.js';
import { ContentGate } from '../services/community/gate.js';
import { type Account, accounts, followEachOther, insertWork, refusal } from '../test/community.js';
import { createTestDeps, type TestDeps } from '../test/deps.js';
import { type FakeWeChat, mediaCheckEvent, startFakeWeChat } from '../test/fake-wechat.js';
import { WECHAT_PUSH_PATH } from './wechat-push.js';

const TOKEN = 'pushToken123';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

describe('content checks through WeChat', () => {
  let fake: FakeWeChat;
  let deps: TestDeps;
  let alice: Account;
  let bob: Account;
  beforeEach(async () => {
    fake = await startFakeWeChat();
    deps = await createTestDeps({
      wechat: { appId: fake.appId, appSecret: fake.appSecret, apiBase: fake.apiBase },
      wechatPush: { token: TOKEN, aesKey: AES_KEY },
      publicUrl: 'https://xiaojia.example',
    });
    [alice, bob] = (await accounts(deps, 2)) as [Account, Account];
    await deps.db.updateTable('users').set({ wechat_openid: 'openid-alice' }).where('id', '=', alice.userId).execute();
    await followEachOther(deps, alice.userId, bob.userId);
  });
  afterEach(async () => {
    await deps.close();
    await fake.close();
  });

  const count = async (table: 'messages' | 'moderation_items' | 'conversations') =>
    Number(
      (
        await deps.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst()
      )?.n ?? 0,
    );

  it('refuses risky text with CONTENT_REJECTED before anything is stored', async () => {
    fake.judgeText('违禁', 'risky');
    expect(await refusal(alice.caller.messages.send({ userId: bob.userId, text: '这是违禁内容' }))).toBe(
      'CONTENT_REJECTED',
    );
    expect(await count('messages')).toBe(0);
    expect(await count('moderation_items')).toBe(0);
    expect(await count('conversations')).toBe(0);
    expect(fake.textChecks).toEqual([{ openid: 'openid-alice', scene: 4, content: '这是违禁内容' }]);
  });

  it('holds text WeChat wants reviewed (or could not check) for an admin, and passes the rest by the mode', async () => {
    fake.judgeText('可疑', 'review');
    const held = await alice.caller.messages.send({ userId: bob.userId, text: '有点可疑' });
    expect(held.status).toBe('pending');
    const passed = await alice.caller.messages.send({ userId: bob.userId, text: 'hello' });
    expect(passed.status).toBe('visible');
    fake.failNextWith(-1);
    const unchecked = await alice.caller.messages.send({ userId: bob.userId, text: 'busy' });
    expect(unchecked.status).toBe('pending');
    const items = await deps.db.selectFrom('moderation_items').select(['target_id', 'check_status']).execute();
    expect(Object.fromEntries(items.map((i) => [i.target_id, i.check_status]))).toEqual({
      [held.id]: 'review',
      [passed.id]: 'pass',
      [unchecked.id]: 'error',
    });
    // No openid (a password account): no automatic check, the queue only.
    const plain = await bob.caller.messages.send({ userId: alice.userId, text: '有点可疑' });
    expect(plain.status).toBe('visible');
    const bobWork = await insertWork(deps, bob);
    await new ContentGate(deps).admit({ kind: 'work', id: bobWork.workId, authorId: bob.userId, texts: ['可疑'] });
    await deps.background.idle();
    expect(fake.mediaChecks).toEqual([]);
    expect(fake.textChecks).toHaveLength(2);
  });

  /** A work of alice's with two images, admitted through the gate; its checks sent. */
  async function checkedWork() {
    const work = await insertWork(deps, alice, { images: 2 });
    const gate = new ContentGate(deps);
    expect(await gate.admit({ kind: 'work', id: work.workId, authorId: alice.userId, texts: ['秋叶'] })).toBe(
      'visible',
    );
    await deps.background.idle();
    expect(fake.mediaChecks).toHaveLength(2);
    return work;
  }

  function signedQuery(extra: Record<string, string> = {}) {
    const timestamp = '1764600000';
    const nonce = 'n0nce';
    return new URLSearchParams({ signature: pushSignature([TOKEN, timestamp, nonce]), timestamp, nonce, ...extra });
  }

  const push = (query: URLSearchParams, body: unknown) =>
    fetch(`${deps.origin}${WECHAT_PUSH_PATH}?${query}`, { method: 'POST', body: JSON.stringify(body) });

  const workStatus = async (id: string) =>
    (await deps.db.selectFrom('works').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

  it('checks a bio like every text (scene 1): risky, held or unchecked refused, the old bio kept', async () => {
    await alice.caller.profiles.update({ bio: 'landscapes' });
    fake.judgeText('违禁', 'risky');
    fake.judgeText('可疑', 'review');
    expect(await refusal(alice.caller.profiles.update({ bio: '违禁的简介' }))).toBe('CONTENT_REJECTED');
    expect(await refusal(alice.caller.profiles.update({ bio: '有点可疑' }))).toBe('CONTENT_REJECTED');
    fake.failNextWith(-1);
    expect(await refusal(alice.caller.profiles.update({ bio: 'busy' }))).toBe('CONTENT_REJECTED');
    expect((await bob.caller.profiles.get({ userId: alice.userId })).bio).toBe('landscapes');
    expect(fake.textChecks.map((c) => [c.scene, c.content])).toEqual([
      [1, 'landscapes'],
      [1, '违禁的简介'],
      [1, '有点可疑'],
    ]); // the failed call ('busy') answered an error before the fake recorded it
    // Nothing of a refused bio reaches the review queue (there is no item to hold it).
    expect(await count('moderation_items')).toBe(0);
  });

  it('sends each image as its snapshot’s signed URL, and hides the work when a verdict says risky, once', async () => {
    const work = await checkedWork();
    for (const check of fake.mediaChecks) {
      expect(check).toMatchObject({ openid: 'openid-alice', scene: 3 });
      expect(check.mediaUrl.startsWith('https://xiaojia.example/')).toBe(true);
      // The work's snapshot, not the family photo's h/<home>/… object.
      expect(new URL(check.mediaUrl).pathname).toMatch(/\/w\/[0-9a-f-]{36}\.jpg$/);
    }
    const [first, second] = fake.mediaChecks as unknown as [{ traceId: string }, { traceId: string }];
    const pass = await push(signedQuery(), mediaCheckEvent(fake.appId, first.traceId, 'pass'));
    expect([pass.status, await pass.text()]).toEqual([200, 'success']);
    expect(await workStatus(work.workId)).toBe('published');
    const item = () => deps.db.selectFrom('moderation_items').select('check_status').executeTakeFirstOrThrow();
    expect((await item()).check_status).toBe('pending');

    const risky = await push(signedQuery(), mediaCheckEvent(fake.appId, second.traceId, 'risky'));
    expect(await risky.text()).toBe('success');
    expect(await workStatus(work.workId)).toBe('hidden');
    expect((await item()).check_status).toBe('risky');
    // Its snapshots are retired with it: queued for the sweep to delete from the bucket.
    const images = await deps.db
      .selectFrom('work_photos')
      .select('snapshot_key')
      .where('work_id', '=', work.workId)
      .execute();
    expect(images.every((i) => i.snapshot_key === null)).toBe(true);
    expect(await deps.db.selectFrom('snapshot_deletions').selectAll().execute()).toHaveLength(images.length * 2);

    // A replay (or WeChat's retry) of the first verdict with another suggestion changes nothing.
    const replay = await push(signedQuery(), mediaCheckEvent(fake.appId, first.traceId, 'risky'));
    expect(await replay.text()).toBe('success');
    const checks = await deps.db.selectFrom('moderation_checks').select(['trace_id', 'status']).execute();
    expect(Object.fromEntries(checks.map((c) => [c.trace_id, c.status]))).toEqual({
      [first.traceId]: 'pass',
      [second.traceId]: 'risky',
    });
  });

  it('refuses pushes without a good signature and changes nothing', async () => {
    const work = await checkedWork();
    const traceId = fake.mediaChecks[0]?.traceId ?? '';
    const event = mediaCheckEvent(fake.appId, traceId, 'risky');
    const forged = signedQuery({ signature: pushSignature(['wrong', '1764600000', 'n0nce']) });
    expect((await push(forged, event)).status).toBe(401);
    const unsigned = new URLSearchParams({ timestamp: '1', nonce: 'x' });
    expect((await push(unsigned, event)).status).toBe(401);
    const tampered = signedQuery({ nonce: 'other' });
    expect((await push(tampered, event)).status).toBe(401);
    expect(await workStatus(work.workId)).toBe('published');

    const ok = await fetch(`${deps.origin}${WECHAT_PUSH_PATH}?${signedQuery({ echostr: 'echo-123' })}`);
    expect([ok.status, await ok.text()]).toEqual([200, 'echo-123']);
    const bad = await fetch(`${deps.origin}${WECHAT_PUSH_PATH}?${forged}&echostr=x`);
    expect(bad.status).toBe(401);
  });

  it('opens safe-mode pushes (AES, msg_signature) and refuses ones sealed for another app or wrongly signed', async () => {
    const work = await checkedWork();
    const traceId = fake.mediaChecks[0]?.traceId ?? '';
    const seal = (appId: string) =>
      encryptPush(AES_KEY, appId, JSON.stringify(mediaCheckEvent(fake.appId, traceId, 'risky')));
    const safe = (encrypted: string, signWith = encrypted) =>
      signedQuery({ encrypt_type: 'aes', msg_signature: pushSignature([TOKEN, '1764600000', 'n0nce', signWith]) });

    const other = seal('wx-other-app');
    expect((await push(safe(other), { ToUserName: 'gh', Encrypt: other })).status).toBe(401);
    const mine = seal(fake.appId);
    expect((await push(safe(mine, 'forged'), { ToUserName: 'gh', Encrypt: mine })).status).toBe(401);
    expect(await workStatus(work.workId)).toBe('published');
    const accepted = await push(safe(mine), { ToUserName: 'gh', Encrypt: mine });
    expect([accepted.status, await accepted.text()]).toEqual([200, 'success']);
    expect(await workStatus(work.workId)).toBe('hidden');
  });
});

describe('without WeChat', () => {
  it('runs no automatic check (the review queue only) and the push URL answers 404', async () => {
    const deps = await createTestDeps();
    const [alice, bob] = (await accounts(deps, 2)) as [Account, Account];
    await deps.db.updateTable('users').set({ wechat_openid: 'openid-alice' }).where('id', '=', alice.userId).execute();
    await followEachOther(deps, alice.userId, bob.userId);
    const sent = await alice.caller.messages.send({ userId: bob.userId, text: 'hi' });
    expect(sent.status).toBe('visible');
    const work = await insertWork(deps, alice);
    await new ContentGate(deps).admit({ kind: 'work', id: work.workId, authorId: alice.userId, texts: ['t'] });
    const items = await deps.db.selectFrom('moderation_items').select('check_status').execute();
    expect(items.map((i) => i.check_status)).toEqual(['none', 'none']);
    expect(await deps.db.selectFrom('moderation_checks').selectAll().execute()).toEqual([]);
    expect((await fetch(`${deps.origin}${WECHAT_PUSH_PATH}`, { method: 'POST', body: '{}' })).status).toBe(404);
  });
});

/** account.deletion and account.delete: the rules of deleting one's own account (services/account-deletion.ts). */
import { beforeEach, describe, expect, it } from 'vitest';
import { housekeeping } from '../services/housekeeping.js';
import { signUpAndGetToken, TEST_PASSWORD } from '../test/auth.js';
import { callerFor, createTestDeps, type TestDeps } from '../test/deps.js';
import { makeFamily } from '../test/homes.js';
import { uploadPhoto } from '../test/photos.js';

let deps: TestDeps;
beforeEach(async () => {
  deps = await createTestDeps();
});

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: { cause?: { code: string; details?: Record<string, unknown> } }) => error.cause,
  );

describe('account.deletion', () => {
  it('says, home by home, what deleting the account would do', async () => {
    const { mom, dad, homeId } = await makeFamily(deps);
    await uploadPhoto(dad.caller, homeId);
    await uploadPhoto(dad.caller, homeId);
    await uploadPhoto(mom.caller, homeId);
    await uploadPhoto(dad.caller, dad.homeId);

    expect(await dad.caller.account.deletion()).toEqual({
      ownedHomes: [{ id: dad.homeId, name: expect.any(String), memberCount: 1, photoCount: 1, fate: 'deleted' }],
      joinedHomes: [{ id: homeId, name: expect.any(String), ownerName: mom.user.displayName, photosUploaded: 2 }],
      confirmWith: 'password',
      confirmName: dad.user.displayName,
      canDelete: true,
    });
    const momsView = await mom.caller.account.deletion();
    expect(momsView.ownedHomes).toEqual([
      { id: homeId, name: expect.any(String), memberCount: 3, photoCount: 3, fate: 'hand_over' },
    ]);
    expect(momsView.canDelete).toBe(false);
  });
});

describe('account.delete', () => {
  it('refuses a wrong password, counting it toward the sign-in lockout, and deletes nothing', async () => {
    const alice = await signUpAndGetToken(deps, 'alice');
    expect(await refusal(alice.caller.account.delete({ password: 'not the password' }))).toMatchObject({
      code: 'WRONG_PASSWORD',
      details: { field: 'password', attemptsLeft: 4 },
    });
    expect(await refusal(alice.caller.account.delete({}))).toMatchObject({ code: 'PASSWORD_REQUIRED' });
    await expect(alice.caller.auth.me()).resolves.toMatchObject({ username: 'alice' });
    await expect(alice.caller.homes.get({ homeId: alice.homeId })).resolves.toMatchObject({ role: 'owner' });
  });

  it('refuses the owner of a home others are in until it is handed over, then deletes the account', async () => {
    const { mom, dad, homeId } = await makeFamily(deps);
    const photo = await uploadPhoto(mom.caller, homeId);
    expect(await refusal(mom.caller.account.delete({ password: TEST_PASSWORD }))).toMatchObject({
      code: 'ACCOUNT_OWNS_SHARED_HOME',
      details: { homes: 1, homeId },
    });
    // Being told to hand over first is no failed password.
    const attempts = deps.db
      .selectFrom('login_attempts')
      .selectAll()
      .where('account', '=', mom.user.username ?? '');
    expect(await attempts.execute()).toEqual([]);

    await mom.caller.homes.transferOwnership({ homeId, userId: dad.userId });
    await expect(mom.caller.account.delete({ password: TEST_PASSWORD })).resolves.toEqual({
      ok: true,
      homesDeleted: 0,
      photosToPurge: 0,
    });
    // The family keeps the home and the photos mom uploaded, shown as from a deleted account.
    const detail = await dad.caller.photos.get({ homeId, id: photo.photo.id });
    expect(detail.uploaderName).toBe('');
    const members = await dad.caller.homes.members({ homeId, limit: 50 });
    expect(members.items.map((m) => m.userId)).not.toContain(mom.userId);
  });

  it("signs every device out at once, frees the username, and leaves nothing personal in the user's row", async () => {
    const { mom, dad, homeId } = await makeFamily(deps);
    const otherDevice = await callerFor(deps).auth.signIn({
      username: dad.user.username ?? '',
      password: TEST_PASSWORD,
    });
    await deps.db.updateTable('users').set({ wechat_openid: 'openid-of-dad' }).where('id', '=', dad.userId).execute();
    await mom.caller.homes.update({ homeId, membersCanInvite: true });
    const { invite } = await dad.caller.invites.create({ homeId, role: 'viewer' });
    await dad.caller.uploads.create({ homeId, files: [{ filename: 'a.jpg', size: 100, mime: 'image/jpeg' }] });

    await dad.caller.account.delete({ password: TEST_PASSWORD });

    for (const caller of [dad.caller, callerFor(deps, { token: otherDevice.token })]) {
      expect(await refusal(caller.auth.me())).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    expect(
      await refusal(callerFor(deps).auth.signIn({ username: dad.user.username ?? '', password: TEST_PASSWORD })),
    ).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    const row = await deps.db.selectFrom('users').selectAll().where('id', '=', dad.userId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ username: null, password_hash: null, wechat_openid: null, display_name: '' });
    expect(await deps.db.selectFrom('sessions').selectAll().where('user_id', '=', dad.userId).execute()).toEqual([]);
    expect(await deps.db.selectFrom('uploads').selectAll().where('uploader_id', '=', dad.userId).execute()).toEqual([]);
    const invites = await mom.caller.invites.list({ homeId });
    expect(invites.items.map((i) => i.id)).not.toContain(invite.id);
    // The name is free for someone new.
    await signUpAndGetToken(deps, dad.user.username ?? '');
  });

  it('deletes the homes they own alone, and the sweep purges their photos from storage', async () => {
    const { mom, dad, homeId } = await makeFamily(deps);
    const own = await uploadPhoto(dad.caller, dad.homeId);
    const inFamily = await uploadPhoto(dad.caller, homeId);
    await dad.caller.photos.trash({ homeId: dad.homeId, ids: [own.photo.id] });

    await expect(dad.caller.account.delete({ password: TEST_PASSWORD })).resolves.toEqual({
      ok: true,
      homesDeleted: 1,
      photosToPurge: 1,
    });
    const store = deps.storage.forBinding(null, deps.origin);
    await housekeeping(deps, deps.origin);
    expect(await store.stat(own.key)).toBeNull();
    expect(await deps.db.selectFrom('homes').select('id').where('id', '=', dad.homeId).execute()).toEqual([]);
    // What dad uploaded into mom's home stays there, bytes and all.
    expect(await store.stat(inFamily.key)).not.toBeNull();
    const page = await mom.caller.photos.list({ homeId, limit: 10 });
    expect(page.items.map((p) => p.id)).toEqual([inFamily.photo.id]);
  });

  it('confirms an account without a password by its display name typed again', async () => {
    const wechat = await signUpAndGetToken(deps, 'wechatonly');
    await deps.db
      .updateTable('users')
      .set({ username: null, password_hash: null, wechat_openid: 'openid-1', display_name: '微信用户' })
      .where('id', '=', wechat.userId)
      .execute();
    const summary = await wechat.caller.account.deletion();
    expect(summary).toMatchObject({ confirmWith: 'display_name', confirmName: '微信用户' });
    expect(await refusal(wechat.caller.account.delete({ confirmName: '微信' }))).toMatchObject({
      code: 'ACCOUNT_CONFIRM_MISMATCH',
    });
    await wechat.caller.account.delete({ confirmName: ' 微信用户 ' });
    expect(await refusal(wechat.caller.auth.me())).toMatchObject({ code: 'UNAUTHENTICATED' });
    const row = await deps.db.selectFrom('users').selectAll().where('id', '=', wechat.userId).executeTakeFirstOrThrow();
    expect(row.wechat_openid).toBeNull();
  });
});

/** Homes: the one sign-up makes, several per user, settings, members, handing over, and deletion. */
import { HOMES_OWNED_MAX } from '@xiaojia/shared';
import { beforeEach, describe, expect, it } from 'vitest';
import { HomesRepository } from '../repositories/homes.js';
import { housekeeping } from '../services/housekeeping.js';
import { signUpAndGetToken } from '../test/auth.js';
import { createTestDeps, type TestDeps } from '../test/deps.js';
import { makeFamily } from '../test/homes.js';
import { uploadPhoto } from '../test/photos.js';

describe('homes', () => {
  let deps: TestDeps;
  beforeEach(async () => {
    deps = await createTestDeps();
  });

  it('sign-up makes the account’s own home, owned by it', async () => {
    const mom = await signUpAndGetToken(deps);
    expect((await mom.caller.homes.list()).items).toEqual([
      expect.objectContaining({
        id: mom.homeId,
        name: `${mom.user.displayName}的家`,
        role: 'owner',
        ownerName: mom.user.displayName,
        memberCount: 1,
        membersCanInvite: false,
      }),
    ]);
  });

  it('a user is in several homes, each with its own library and role', async () => {
    const { mom, grandma, homeId } = await makeFamily(deps);
    await uploadPhoto(mom.caller, homeId);
    await uploadPhoto(grandma.caller, grandma.homeId);
    const homes = (await grandma.caller.homes.list()).items;
    expect(homes.map((h) => [h.id, h.role]).sort()).toEqual(
      [
        [grandma.homeId, 'owner'],
        [homeId, 'viewer'],
      ].sort(),
    );
    const inMoms = (await grandma.caller.photos.list({ homeId })).items;
    const inHers = (await grandma.caller.photos.list({ homeId: grandma.homeId })).items;
    expect(inMoms).toHaveLength(1);
    expect(inHers).toHaveLength(1);
    expect(inMoms[0]?.id).not.toBe(inHers[0]?.id);
  });

  it('creates more homes up to a limit', async () => {
    const mom = await signUpAndGetToken(deps);
    const second = await mom.caller.homes.create({ name: '  外婆家 ' });
    expect(second).toMatchObject({ name: '外婆家', role: 'owner', memberCount: 1 });
    for (let i = 2; i < HOMES_OWNED_MAX; i++) await mom.caller.homes.create({ name: `家 ${i}` });
    await expect(mom.caller.homes.create({ name: 'one too many' })).rejects.toMatchObject({
      cause: { code: 'HOME_LIMIT_REACHED' },
    });
    await expect(mom.caller.homes.create({ name: ' ' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('the owner renames it and lets members invite; members are listed by join date with roles', async () => {
    const { mom, dad, grandma, homeId } = await makeFamily(deps);
    expect(await mom.caller.homes.update({ homeId, name: '我们家', membersCanInvite: true })).toMatchObject({
      name: '我们家',
      membersCanInvite: true,
    });
    const page1 = await dad.caller.homes.members({ homeId, limit: 2 });
    expect(page1.items.map((m) => [m.userId, m.role, m.isYou])).toEqual([
      [mom.userId, 'owner', false],
      [dad.userId, 'member', true],
    ]);
    const page2 = await dad.caller.homes.members({ homeId, limit: 2, cursor: page1.nextCursor ?? '' });
    expect(page2.items.map((m) => [m.userId, m.role, m.displayName])).toEqual([
      [grandma.userId, 'viewer', grandma.user.displayName],
    ]);
    expect(page2.nextCursor).toBeNull();
  });

  it('the owner changes roles, never their own, and hands the home over', async () => {
    const { mom, dad, grandma, homeId } = await makeFamily(deps);
    await mom.caller.homes.setRole({ homeId, userId: grandma.userId, role: 'member' });
    expect((await grandma.caller.homes.get({ homeId })).role).toBe('member');
    await expect(mom.caller.homes.setRole({ homeId, userId: mom.userId, role: 'viewer' })).rejects.toMatchObject({
      cause: { code: 'HOME_OWNER_MUST_HAND_OVER' },
    });
    await expect(mom.caller.homes.transferOwnership({ homeId, userId: mom.userId })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    const handedOver = await mom.caller.homes.transferOwnership({ homeId, userId: dad.userId });
    expect(handedOver).toMatchObject({ role: 'member', ownerName: dad.user.displayName });
    // Only the new owner may now manage the bucket and the members.
    await expect(mom.caller.homes.removeMember({ homeId, userId: grandma.userId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await dad.caller.homes.removeMember({ homeId, userId: mom.userId });
    // It was the home sign-up made for her: now she is in none until she makes or joins one.
    expect((await mom.caller.homes.list()).items).toEqual([]);
  });

  it('deleting is confirmed by the name, gone for everyone at once, purges its objects, keeps other homes', async () => {
    const { mom, dad, homeId } = await makeFamily(deps);
    const photos = [await uploadPhoto(mom.caller, homeId), await uploadPhoto(dad.caller, homeId)];
    // Dad's own home is not touched by deleting the family's.
    const kept = await uploadPhoto(dad.caller, dad.homeId);
    await mom.caller.albums.create({ homeId, name: '相册' });
    const name = (await mom.caller.homes.get({ homeId })).name;

    await expect(mom.caller.homes.delete({ homeId, confirmName: 'not it' })).rejects.toMatchObject({
      cause: { code: 'HOME_NAME_MISMATCH' },
    });
    expect(await mom.caller.homes.delete({ homeId, confirmName: name })).toEqual({ photosToPurge: 2 });
    for (const who of [mom, dad]) {
      await expect(who.caller.photos.list({ homeId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await who.caller.homes.list()).items.map((h) => h.id)).not.toContain(homeId);
    }

    const swept = await housekeeping(deps, deps.origin);
    expect(swept).toMatchObject({ purged: 2, failed: 0, homes: 1 });
    const store = deps.storage.embedded(deps.origin);
    for (const { key } of photos) expect(await store.stat(key)).toBeNull();
    expect(await store.stat(kept.key)).not.toBeNull();
    expect(await deps.db.selectFrom('homes').select('id').where('id', '=', homeId).execute()).toEqual([]);
    for (const table of ['albums', 'photos', 'home_members', 'uploads'] as const) {
      const left = await deps.db.selectFrom(table).select('home_id').where('home_id', '=', homeId).execute();
      expect([table, left]).toEqual([table, []]);
    }
    expect((await dad.caller.photos.list({ homeId: dad.homeId })).items).toHaveLength(1);
  });

  it('a deletion cut short before its photos were queued is finished by the sweep', async () => {
    const mom = await signUpAndGetToken(deps);
    const { key } = await uploadPhoto(mom.caller, mom.homeId);
    // As if the process died right after the home was marked: nothing queued for purge yet.
    await new HomesRepository(deps.db).markDeleting(mom.homeId, deps.clock.now().toISOString());
    expect(await deps.db.selectFrom('photos').select('purge_requested_at').execute()).toEqual([
      { purge_requested_at: null },
    ]);
    expect(await housekeeping(deps, deps.origin)).toMatchObject({ purged: 1, homes: 1 });
    expect(await deps.storage.embedded(deps.origin).stat(key)).toBeNull();
    expect(await deps.db.selectFrom('homes').select('id').where('id', '=', mom.homeId).execute()).toEqual([]);
  });
});

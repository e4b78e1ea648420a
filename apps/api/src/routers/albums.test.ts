import { beforeEach, describe, expect, it } from 'vitest';
import { signUpAndGetToken } from '../test/auth.js';
import { createTestDeps, type TestDeps } from '../test/deps.js';
import { uploadPhoto } from '../test/photos.js';

describe('albums', () => {
  let deps: TestDeps;
  let alice: Awaited<ReturnType<typeof signUpAndGetToken>>;
  beforeEach(async () => {
    deps = await createTestDeps();
    alice = await signUpAndGetToken(deps, 'alice');
  });

  it('create, rename, list with counts and covers, delete keeps the photos', async () => {
    const album = await alice.caller.albums.create({ homeId: alice.homeId, name: '  一岁生日 ' });
    expect(album).toMatchObject({
      name: '一岁生日',
      photoCount: 0,
      coverPhotoId: null,
      coverThumbUrl: null,
      coverChosen: false,
    });

    const older = await uploadPhoto(alice.caller, alice.homeId, { takenAt: '2025-01-01T00:00:00Z' });
    const newer = await uploadPhoto(alice.caller, alice.homeId, { takenAt: '2025-02-01T00:00:00Z' });
    expect(
      await alice.caller.albums.addPhotos({
        homeId: alice.homeId,
        albumId: album.id,
        photoIds: [older.photo.id, newer.photo.id],
      }),
    ).toEqual({
      count: 2,
    });
    // Adding again is harmless.
    expect(
      await alice.caller.albums.addPhotos({ homeId: alice.homeId, albumId: album.id, photoIds: [older.photo.id] }),
    ).toEqual({
      count: 0,
    });

    let listed = (await alice.caller.albums.list({ homeId: alice.homeId })).items;
    expect(listed).toHaveLength(1);
    // Nobody chose a cover: the newest photo stands in, and the album says so.
    expect(listed[0]).toMatchObject({ photoCount: 2, coverPhotoId: newer.photo.id, coverChosen: false });
    expect(listed[0]?.coverThumbUrl).toContain(newer.key);

    await alice.caller.albums.setCover({ homeId: alice.homeId, albumId: album.id, photoId: older.photo.id });
    expect(await alice.caller.albums.get({ homeId: alice.homeId, id: album.id })).toMatchObject({
      coverPhotoId: older.photo.id,
      coverChosen: true,
    });

    // Trashed photos do not count and cannot be the automatic cover.
    await alice.caller.photos.trash({ homeId: alice.homeId, ids: [older.photo.id] });
    listed = (await alice.caller.albums.list({ homeId: alice.homeId })).items;
    expect(listed[0]?.photoCount).toBe(1);

    const renamed = await alice.caller.albums.rename({ homeId: alice.homeId, id: album.id, name: '周岁' });
    expect(renamed.name).toBe('周岁');

    const inAlbum = await alice.caller.photos.list({ homeId: alice.homeId, albumId: album.id });
    expect(inAlbum.items.map((p) => p.id)).toEqual([newer.photo.id]);
    expect((await alice.caller.photos.get({ homeId: alice.homeId, id: newer.photo.id })).albumIds).toEqual([album.id]);

    expect(await alice.caller.albums.delete({ homeId: alice.homeId, id: album.id })).toEqual({ count: 1 });
    expect((await alice.caller.albums.list({ homeId: alice.homeId })).items).toHaveLength(0);
    expect((await alice.caller.photos.list({ homeId: alice.homeId })).items.map((p) => p.id)).toEqual([newer.photo.id]);
  });

  it('remove photos; a removed cover falls back to the newest photo', async () => {
    const album = await alice.caller.albums.create({ homeId: alice.homeId, name: 'Trip' });
    const a = await uploadPhoto(alice.caller, alice.homeId, { takenAt: '2025-01-01T00:00:00Z' });
    const b = await uploadPhoto(alice.caller, alice.homeId, { takenAt: '2025-01-02T00:00:00Z' });
    await alice.caller.albums.addPhotos({
      homeId: alice.homeId,
      albumId: album.id,
      photoIds: [a.photo.id, b.photo.id],
    });
    await alice.caller.albums.setCover({ homeId: alice.homeId, albumId: album.id, photoId: a.photo.id });
    expect(
      await alice.caller.albums.removePhotos({ homeId: alice.homeId, albumId: album.id, photoIds: [a.photo.id] }),
    ).toEqual({ count: 1 });
    expect(await alice.caller.albums.get({ homeId: alice.homeId, id: album.id })).toMatchObject({
      photoCount: 1,
      coverPhotoId: b.photo.id,
      coverChosen: false,
    });
  });

  it('the cover must be a photo of the album; names are bounded', async () => {
    const album = await alice.caller.albums.create({ homeId: alice.homeId, name: 'A' });
    const outside = await uploadPhoto(alice.caller, alice.homeId);
    await expect(
      alice.caller.albums.setCover({ homeId: alice.homeId, albumId: album.id, photoId: outside.photo.id }),
    ).rejects.toMatchObject({
      cause: { code: 'BAD_INPUT' },
    });
    await expect(alice.caller.albums.create({ homeId: alice.homeId, name: '   ' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(alice.caller.albums.create({ homeId: alice.homeId, name: 'x'.repeat(61) })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});

/**
 * The cross-user matrix: every procedure that takes an id, called by Bob with Alice's ids, answers
 * NOT_FOUND and changes nothing.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { signUpAndGetToken } from '../test/auth.js';
import { createTestDeps, type TestDeps } from '../test/deps.js';
import { uploadPhoto } from '../test/photos.js';

describe('another user’s ids', () => {
  let deps: TestDeps;
  let alice: Awaited<ReturnType<typeof signUpAndGetToken>>;
  let bob: Awaited<ReturnType<typeof signUpAndGetToken>>;
  let photoId: string;
  let trashedId: string;
  let albumId: string;
  let bobsPhotoId: string;
  let bobsAlbumId: string;

  beforeEach(async () => {
    deps = await createTestDeps();
    alice = await signUpAndGetToken(deps, 'alice');
    bob = await signUpAndGetToken(deps, 'bob');
    photoId = (await uploadPhoto(alice.caller)).photo.id;
    trashedId = (await uploadPhoto(alice.caller)).photo.id;
    await alice.caller.photos.trash({ ids: [trashedId] });
    albumId = (await alice.caller.albums.create({ name: 'Alice' })).id;
    await alice.caller.albums.addPhotos({ albumId, photoIds: [photoId] });
    bobsPhotoId = (await uploadPhoto(bob.caller)).photo.id;
    bobsAlbumId = (await bob.caller.albums.create({ name: 'Bob' })).id;
  });

  const cases: [string, () => Promise<unknown>][] = [
    ['photos.get', () => bob.caller.photos.get({ id: photoId })],
    ['photos.list in her album', () => bob.caller.photos.list({ albumId })],
    ['photos.trash', () => bob.caller.photos.trash({ ids: [photoId] })],
    ['photos.trash mixed with his own', () => bob.caller.photos.trash({ ids: [bobsPhotoId, photoId] })],
    ['photos.restore', () => bob.caller.photos.restore({ ids: [trashedId] })],
    ['photos.purge', () => bob.caller.photos.purge({ ids: [trashedId] })],
    ['albums.get', () => bob.caller.albums.get({ id: albumId })],
    ['albums.rename', () => bob.caller.albums.rename({ id: albumId, name: 'mine' })],
    ['albums.delete', () => bob.caller.albums.delete({ id: albumId })],
    ['albums.addPhotos (her album)', () => bob.caller.albums.addPhotos({ albumId, photoIds: [bobsPhotoId] })],
    ['albums.addPhotos (her photo)', () => bob.caller.albums.addPhotos({ albumId: bobsAlbumId, photoIds: [photoId] })],
    ['albums.removePhotos', () => bob.caller.albums.removePhotos({ albumId, photoIds: [photoId] })],
    ['albums.setCover (her album)', () => bob.caller.albums.setCover({ albumId, photoId: null })],
    ['albums.setCover (her photo)', () => bob.caller.albums.setCover({ albumId: bobsAlbumId, photoId })],
  ];

  it.each(cases)('%s answers NOT_FOUND', async (_name, call) => {
    await expect(call()).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('and nothing of Alice’s changed', async () => {
    for (const [, call] of cases) await call().catch(() => undefined);
    expect((await alice.caller.photos.list({})).items.map((p) => p.id)).toEqual([photoId]);
    expect((await alice.caller.photos.list({ trashed: true })).items.map((p) => p.id)).toEqual([trashedId]);
    expect(await alice.caller.albums.get({ id: albumId })).toMatchObject({ name: 'Alice', photoCount: 1 });
    expect((await bob.caller.albums.get({ id: bobsAlbumId })).photoCount).toBe(0);
  });

  it('lists only show the caller’s own photos and albums', async () => {
    expect((await bob.caller.photos.list({})).items.map((p) => p.id)).toEqual([bobsPhotoId]);
    expect((await bob.caller.photos.list({ trashed: true })).items).toHaveLength(0);
    expect((await bob.caller.albums.list()).items.map((a) => a.id)).toEqual([bobsAlbumId]);
  });
});

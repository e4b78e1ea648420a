/**
 * Likes, comments and the feed over the life of photos, homes and accounts: a duplicate upload adds
 * nothing to the feed; a deleted home takes its likes, comments and feed once the sweep has purged its
 * photos, and only its own; a deleted account's likes and like entries go, its comments and other entries
 * stay, signed as deleted.
 */
import { describe, expect, it } from 'vitest';
import type { Db } from '../db/index.js';
import { housekeeping } from '../services/housekeeping.js';
import { TEST_PASSWORD } from '../test/auth.js';
import { familyAt } from '../test/family.js';
import type { TestAccount } from '../test/homes.js';
import { uploadPhoto } from '../test/photos.js';

/** A photo of `homeId` uploaded by `who`, liked and commented on by `by`. */
async function together(who: TestAccount, by: TestAccount, homeId: string) {
  const photo = (await uploadPhoto(who.caller, homeId)).photo.id;
  await by.caller.likes.set({ homeId, photoId: photo, liked: true });
  await by.caller.comments.add({ homeId, photoId: photo, text: '真好看' });
  return photo;
}

/** [table, rows of the home] for the together tables. */
async function rowsOf(db: Db, homeId: string) {
  const out: [string, number][] = [];
  for (const table of ['photo_likes', 'photo_comments', 'activities'] as const) {
    const rows = await db.selectFrom(table).select('home_id').where('home_id', '=', homeId).execute();
    out.push([table, rows.length]);
  }
  return out;
}

describe('likes, comments and the feed over the life of photos, homes and accounts', () => {
  it('records a new photo once: confirming a duplicate adds nothing to the feed', async () => {
    const { family } = await familyAt();
    const { mom, homeId } = family;
    const first = await uploadPhoto(mom.caller, homeId);
    const again = await uploadPhoto(mom.caller, homeId, { bytes: first.bytes });
    expect(again).toMatchObject({ duplicate: true, photo: { id: first.photo.id } });
    const upload = (await mom.caller.activity.list({ homeId })).items.find((a) => a.kind === 'upload');
    expect(upload).toMatchObject({ count: 1, photos: [{ id: first.photo.id }] });
  });

  it('go with their home once the sweep has purged its photos, and only with it', async () => {
    const { deps, family } = await familyAt();
    const { mom, grandma, stranger, homeId } = family;
    await together(mom, grandma, homeId);
    await together(stranger, stranger, stranger.homeId);
    const { name } = await mom.caller.homes.get({ homeId });
    await mom.caller.homes.delete({ homeId, confirmName: name });
    await housekeeping(deps, deps.origin);
    expect(await deps.db.selectFrom('homes').select('id').where('id', '=', homeId).execute()).toEqual([]);
    expect(await rowsOf(deps.db, homeId)).toEqual([
      ['photo_likes', 0],
      ['photo_comments', 0],
      ['activities', 0],
    ]);
    expect(await rowsOf(deps.db, stranger.homeId)).toEqual([
      ['photo_likes', 1],
      ['photo_comments', 1],
      ['activities', 3],
    ]);
  });

  it('a deleted account’s likes and like entries go; its comments and other entries stay, signed as deleted', async () => {
    const { deps, family } = await familyAt();
    const { mom, dad, grandma, homeId } = family;
    const photo = await together(mom, dad, homeId);
    await grandma.caller.likes.set({ homeId, photoId: photo, liked: true });
    await dad.caller.account.delete({ password: TEST_PASSWORD });
    await housekeeping(deps, deps.origin);
    expect(await mom.caller.likes.forPhoto({ homeId, photoId: photo })).toMatchObject({
      likeCount: 1,
      likers: [{ userId: grandma.userId }],
      commentCount: 1,
    });
    const byDad = (await mom.caller.activity.list({ homeId })).items.filter((a) => a.actorId === dad.userId);
    expect(byDad.map((a) => [a.kind, a.actorName])).toEqual([
      ['comment', null],
      ['join', null],
    ]);
    // The owner may still take the deleted account's comment down.
    const [comment] = (await mom.caller.comments.list({ homeId, photoId: photo })).items;
    expect(comment).toMatchObject({ authorName: null, canDelete: true });
    expect(await mom.caller.comments.delete({ homeId, commentId: comment?.id ?? '' })).toEqual({ count: 1 });
  });
});

/**
 * Likes and comments through the routers: every role may like and comment; the author deletes their own
 * comment and the owner any; a trashed or another home's photo answers NOT_FOUND; malformed and huge input
 * is refused with codes; both are limited per user.
 */
import { COMMENT_MAX_CHARS, COMMENT_PAGE_MAX, LIKERS_SHOWN_MAX } from '@xiaojia/shared';
import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../integrations/ids.js';
import { COMMENTS_PER_WINDOW } from '../services/comments.js';
import { LIKES_PER_WINDOW } from '../services/likes.js';
import { createTestDeps, type TestDeps } from '../test/deps.js';
import { makeFamily, type TestAccount } from '../test/homes.js';
import { uploadPhoto } from '../test/photos.js';

async function refusal(promise: Promise<unknown>): Promise<{ code?: string; appCode?: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code?: string; cause?: { code?: string } };
    return { code: e.code, appCode: e.cause?.code };
  }
  throw new Error('expected a refusal');
}

describe('likes and comments', () => {
  let deps: TestDeps;
  let family: Awaited<ReturnType<typeof makeFamily>>;
  let homeId: string;
  let photoId: string;
  beforeEach(async () => {
    deps = await createTestDeps();
    family = await makeFamily(deps);
    homeId = family.homeId;
    photoId = (await uploadPhoto(family.dad.caller, homeId)).photo.id;
  });

  it('every role likes, idempotently, and sees who liked it newest first', async () => {
    const { mom, dad, grandma } = family;
    expect(await grandma.caller.likes.forPhoto({ homeId, photoId })).toEqual({
      likeCount: 0,
      likedByMe: false,
      likers: [],
      commentCount: 0,
    });
    for (const who of [mom, grandma, dad]) await who.caller.likes.set({ homeId, photoId, liked: true });
    const again = await grandma.caller.likes.set({ homeId, photoId, liked: true });
    expect(again).toMatchObject({ likeCount: 3, likedByMe: true });
    expect(again.likers.map((l) => l.userId).sort()).toEqual([mom.userId, dad.userId, grandma.userId].sort());
    deps.clock.advance(1000);
    await mom.caller.likes.set({ homeId, photoId, liked: false });
    await mom.caller.likes.set({ homeId, photoId, liked: false });
    deps.clock.advance(1000);
    const line = await mom.caller.likes.set({ homeId, photoId, liked: true });
    expect(line.likers[0]).toEqual({ userId: mom.userId, displayName: mom.user.displayName });
    expect(line).toMatchObject({ likeCount: 3, likedByMe: true });
    expect(await dad.caller.likes.forPhoto({ homeId, photoId })).toMatchObject({ likeCount: 3, likedByMe: true });
  });

  it(`names at most ${LIKERS_SHOWN_MAX} likers but counts them all`, async () => {
    const rows = Array.from({ length: LIKERS_SHOWN_MAX + 5 }, (_, i) => ({
      id: newId(),
      username: `liker${i}`,
      display_name: `liker${i}`,
      password_hash: null,
      wechat_openid: null,
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
    }));
    await deps.db.insertInto('users').values(rows).execute();
    await deps.db
      .insertInto('photo_likes')
      .values(
        rows.map((r, i) => ({
          home_id: homeId,
          photo_id: photoId,
          user_id: r.id,
          created_at: `2026-01-01T00:00:${String(i).padStart(2, '0')}.000Z`,
        })),
      )
      .execute();
    const line = await family.grandma.caller.likes.forPhoto({ homeId, photoId });
    expect(line.likeCount).toBe(LIKERS_SHOWN_MAX + 5);
    expect(line.likers).toHaveLength(LIKERS_SHOWN_MAX);
    expect(line.likers[0]?.displayName).toBe(`liker${LIKERS_SHOWN_MAX + 4}`);
  });

  it('every role comments; the list is oldest first, paged, with who may delete what', async () => {
    const { mom, dad, grandma } = family;
    const written: string[] = [];
    for (const [i, who] of [grandma, dad, grandma, mom, grandma].entries()) {
      deps.clock.advance(1000);
      written.push((await who.caller.comments.add({ homeId, photoId, text: `  第${i}条\n\n\n\n好  ` })).id);
    }
    const first = await grandma.caller.comments.list({ homeId, photoId, limit: 2 });
    expect(first.items.map((c) => c.id)).toEqual(written.slice(0, 2));
    expect(first.items[0]).toMatchObject({
      authorId: grandma.userId,
      authorName: grandma.user.displayName,
      text: '第0条\n\n好',
      canDelete: true,
    });
    expect(first.items[1]?.canDelete).toBe(false);
    const rest = await grandma.caller.comments.list({ homeId, photoId, cursor: first.nextCursor ?? '' });
    expect(rest.items.map((c) => c.id)).toEqual(written.slice(2));
    expect(rest.nextCursor).toBeNull();
    // The owner may delete every one.
    expect((await mom.caller.comments.list({ homeId, photoId })).items.every((c) => c.canDelete)).toBe(true);
    expect((await dad.caller.likes.forPhoto({ homeId, photoId })).commentCount).toBe(5);
  });

  it('the author deletes their own comment, the owner any, nobody else (COMMENT_NOT_YOURS)', async () => {
    const { mom, dad, grandma } = family;
    const grandmas = await grandma.caller.comments.add({ homeId, photoId, text: '乖孙' });
    const dads = await dad.caller.comments.add({ homeId, photoId, text: '哈哈' });
    expect(await refusal(grandma.caller.comments.delete({ homeId, commentId: dads.id }))).toEqual({
      code: 'FORBIDDEN',
      appCode: 'COMMENT_NOT_YOURS',
    });
    expect(await refusal(dad.caller.comments.delete({ homeId, commentId: grandmas.id }))).toMatchObject({
      appCode: 'COMMENT_NOT_YOURS',
    });
    expect(await grandma.caller.comments.delete({ homeId, commentId: grandmas.id })).toEqual({ count: 1 });
    expect(await refusal(grandma.caller.comments.delete({ homeId, commentId: grandmas.id }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await mom.caller.comments.delete({ homeId, commentId: dads.id })).toEqual({ count: 1 });
    expect((await mom.caller.comments.list({ homeId, photoId })).items).toEqual([]);
  });

  it('a trashed photo, an unknown one, and another home’s answer NOT_FOUND to everyone and change nothing', async () => {
    const { mom, dad, stranger } = family;
    const comment = await dad.caller.comments.add({ homeId, photoId, text: '看' });
    const strangers = (await uploadPhoto(stranger.caller, stranger.homeId)).photo.id;
    await dad.caller.photos.trash({ homeId, ids: [photoId] });
    const calls = (who: TestAccount, id: string): [string, () => Promise<unknown>][] => [
      ['likes.forPhoto', () => who.caller.likes.forPhoto({ homeId, photoId: id })],
      ['likes.set', () => who.caller.likes.set({ homeId, photoId: id, liked: true })],
      ['comments.list', () => who.caller.comments.list({ homeId, photoId: id })],
      ['comments.add', () => who.caller.comments.add({ homeId, photoId: id, text: 'x' })],
    ];
    for (const id of [photoId, strangers, newId()]) {
      for (const [name, call] of calls(mom, id))
        expect([name, (await refusal(call())).code]).toEqual([name, 'NOT_FOUND']);
    }
    expect(await refusal(dad.caller.comments.delete({ homeId, commentId: comment.id }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(
      await refusal(stranger.caller.comments.delete({ homeId: stranger.homeId, commentId: comment.id })),
    ).toMatchObject({
      code: 'NOT_FOUND',
    });
    await dad.caller.photos.restore({ homeId, ids: [photoId] });
    expect(await mom.caller.likes.forPhoto({ homeId, photoId })).toMatchObject({ likeCount: 0, commentCount: 1 });
  });

  it('refuses malformed and huge input with BAD_INPUT', async () => {
    const { grandma } = family;
    const bad: [string, () => Promise<unknown>][] = [
      ['empty', () => grandma.caller.comments.add({ homeId, photoId, text: '   \n ' })],
      ['huge', () => grandma.caller.comments.add({ homeId, photoId, text: '好'.repeat(COMMENT_MAX_CHARS + 1) })],
      ['control', () => grandma.caller.comments.add({ homeId, photoId, text: 'a\u0007b' })],
      ['bidi', () => grandma.caller.comments.add({ homeId, photoId, text: 'a\u202eb' })],
      ['not an id', () => grandma.caller.likes.set({ homeId, photoId: 'photo-1', liked: true })],
      ['liked not boolean', () => grandma.caller.likes.set({ homeId, photoId, liked: 'yes' as unknown as boolean })],
      ['limit', () => grandma.caller.comments.list({ homeId, photoId, limit: COMMENT_PAGE_MAX + 1 })],
      ['cursor', () => grandma.caller.comments.list({ homeId, photoId, cursor: 'not-a-cursor' })],
      ['long cursor', () => grandma.caller.comments.list({ homeId, photoId, cursor: 'x'.repeat(201) })],
      ['comment id', () => grandma.caller.comments.delete({ homeId, commentId: '../1' })],
    ];
    for (const [name, call] of bad) expect([name, (await refusal(call())).code]).toEqual([name, 'BAD_REQUEST']);
    const longest = await grandma.caller.comments.add({ homeId, photoId, text: '好'.repeat(COMMENT_MAX_CHARS) });
    expect(Array.from(longest.text)).toHaveLength(COMMENT_MAX_CHARS);
  });

  it('limits comments and likes per person, across instances (the count is in the database)', async () => {
    const { grandma, dad } = family;
    for (let i = 0; i < COMMENTS_PER_WINDOW; i++) await grandma.caller.comments.add({ homeId, photoId, text: `${i}` });
    expect(await refusal(grandma.caller.comments.add({ homeId, photoId, text: 'one more' }))).toEqual({
      code: 'TOO_MANY_REQUESTS',
      appCode: 'RATE_LIMITED',
    });
    // Another person is not held back; the window passing frees her again.
    await dad.caller.comments.add({ homeId, photoId, text: '我可以' });
    deps.clock.advance(11 * 60 * 1000);
    await grandma.caller.comments.add({ homeId, photoId, text: '又可以了' });

    const rows = Array.from({ length: LIKES_PER_WINDOW }, () => ({
      id: newId(),
      account: `like:${dad.userId}`,
      succeeded: 0,
      attempted_at: deps.clock.now().toISOString(),
    }));
    for (let i = 0; i < rows.length; i += 100)
      await deps.db
        .insertInto('login_attempts')
        .values(rows.slice(i, i + 100))
        .execute();
    expect(await refusal(dad.caller.likes.set({ homeId, photoId, liked: true }))).toMatchObject({
      appCode: 'RATE_LIMITED',
    });
    await grandma.caller.likes.set({ homeId, photoId, liked: true });
  });

  it('purging a photo takes its likes and comments with it', async () => {
    const { mom, dad, grandma } = family;
    const other = (await uploadPhoto(dad.caller, homeId)).photo.id;
    for (const id of [photoId, other]) {
      await grandma.caller.likes.set({ homeId, photoId: id, liked: true });
      await grandma.caller.comments.add({ homeId, photoId: id, text: '好' });
    }
    await mom.caller.photos.trash({ homeId, ids: [photoId] });
    await mom.caller.photos.purge({ homeId, ids: [photoId] });
    const left = async (table: 'photo_likes' | 'photo_comments') =>
      (await deps.db.selectFrom(table).select('photo_id').execute()).map((r) => r.photo_id);
    expect(await left('photo_likes')).toEqual([other]);
    expect(await left('photo_comments')).toEqual([other]);
  });
});

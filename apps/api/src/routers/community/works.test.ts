/**
 * Works through the routers: who may publish which photo (the uploader only; a viewer never; another home's
 * ids NOT_FOUND), malformed and huge input refused with codes, a non-published work NOT_FOUND to everyone
 * but its author, edits back through review, unpublish and trashed photos gone at once, URLs that stay the
 * same within a window.
 */
import { TAG_MAX, WORK_PHOTOS_MAX, WORK_TAGS_MAX, WORK_TITLE_MAX } from '@xiaojia/shared';
import { beforeEach, describe, expect, it } from 'vitest';
import { markWorkPublished } from '../../services/community/works.js';
import { URL_WINDOW_MS } from '../../services/photo-views.js';
import { publishWork, refusal } from '../../test/community.js';
import { createTestDeps, type TestDeps } from '../../test/deps.js';
import { makeFamily } from '../../test/homes.js';
import { uploadPhoto } from '../../test/photos.js';

describe('works', () => {
  let deps: TestDeps;
  let family: Awaited<ReturnType<typeof makeFamily>>;
  beforeEach(async () => {
    deps = await createTestDeps();
    family = await makeFamily(deps);
  });

  it('publishes the uploader’s photos with normalized tags, EXIF only when shown, the place only when given', async () => {
    const { dad, homeId } = family;
    const { work } = await publishWork(
      dad,
      {
        title: '  West Lake  ',
        tags: [' Sunset', '#sunset', '西湖', 'FILM '],
        showExif: true,
        exif: { camera: 'Fujifilm X100V', iso: 160, aperture: 'f/2' },
        place: '杭州',
      },
      { homeId, count: 2 },
    );
    expect(work).toMatchObject({
      title: 'West Lake',
      status: 'published',
      tags: ['film', 'sunset', '西湖'],
      exif: { camera: 'Fujifilm X100V', iso: 160, aperture: 'f/2' },
      place: '杭州',
      isMine: true,
      likeCount: 0,
      author: { userId: dad.userId, worksCount: 1 },
    });
    expect(work.images).toHaveLength(2);
    expect(work.images[0]?.url).toContain('http');
    const hidden = await publishWork(dad, { showExif: false, exif: { camera: 'Leica M6' } }, { homeId });
    expect(hidden.work).toMatchObject({ exif: null, place: null });
  });

  it('refuses a viewer, a member who did not upload the photo, another home’s photo, a trashed photo', async () => {
    const { mom, dad, grandma, stranger, homeId } = family;
    const momsPhoto = (await uploadPhoto(mom.caller, homeId)).photo;
    const publish = (who: typeof dad, photoId: string, home = homeId) =>
      who.caller.works.publish({ homeId: home, photoIds: [photoId], title: 'x' });
    expect(await refusal(publish(dad, momsPhoto.id))).toBe('WORK_NOT_YOURS');
    expect(await refusal(publish(grandma, momsPhoto.id))).toBe('WORK_NOT_YOURS');
    // A stranger's own home, with mom's photo id: not there.
    expect(await refusal(publish(stranger, momsPhoto.id, stranger.homeId))).toBe('NOT_FOUND');
    // And mom's home is not the stranger's at all.
    expect(await refusal(publish(stranger, momsPhoto.id))).toBe('NOT_FOUND');
    await mom.caller.photos.trash({ homeId, ids: [momsPhoto.id] });
    expect(await refusal(publish(mom, momsPhoto.id))).toBe('NOT_FOUND');
  });

  it('refuses malformed and huge input with codes', async () => {
    const { mom, homeId } = family;
    const photo = (await uploadPhoto(mom.caller, homeId)).photo;
    const base = { homeId, photoIds: [photo.id], title: 'ok' };
    const bad = [
      { ...base, title: 'x'.repeat(WORK_TITLE_MAX + 1) },
      { ...base, title: 'y'.repeat(100_000) },
      { ...base, title: '   ' },
      { ...base, title: 'evil\u202Eeman' },
      { ...base, tags: Array.from({ length: WORK_TAGS_MAX + 1 }, (_, i) => `t${i}`) },
      { ...base, tags: ['a'.repeat(TAG_MAX + 1)] },
      { ...base, tags: ['bad\u0007tag'] },
      { ...base, tags: ['two words'] },
      { ...base, photoIds: [] },
      { ...base, photoIds: [photo.id, photo.id] },
      { ...base, photoIds: Array.from({ length: WORK_PHOTOS_MAX + 1 }, () => photo.id) },
      { ...base, photoIds: ['not-an-id'] },
      { ...base, exif: { camera: 'c'.repeat(500) }, showExif: true },
      { ...base, exif: { secret: 'gps' }, showExif: true },
      { ...base, place: 'p'.repeat(1000) },
    ];
    for (const input of bad) {
      expect(await refusal(mom.caller.works.publish(input as never)), JSON.stringify(input).slice(0, 80)).toBe(
        'BAD_INPUT',
      );
    }
  });

  it('shows a pending, rejected or unpublished work to its author only', async () => {
    const pre = await createTestDeps({ communityReview: 'pre' });
    const people = await makeFamily(pre);
    const { work } = await publishWork(people.mom);
    expect(work.status).toBe('pending');
    expect(await refusal(people.dad.caller.works.get({ workId: work.id }))).toBe('NOT_FOUND');
    expect((await people.dad.caller.feeds.latest({})).items).toEqual([]);
    expect((await people.mom.caller.profiles.get({ userId: people.mom.userId })).worksCount).toBe(0);
    expect(await refusal(people.dad.caller.works.like({ workId: work.id }))).toBe('NOT_FOUND');
    expect(await refusal(people.dad.caller.works.comment({ workId: work.id, text: 'hi' }))).toBe('NOT_FOUND');
    expect(await refusal(people.dad.caller.works.shareCard({ workId: work.id }))).toBe('NOT_FOUND');

    await pre.db
      .updateTable('works')
      .set({ status: 'rejected', review_reason: 'Not a photo' })
      .where('id', '=', work.id)
      .execute();
    expect(await people.mom.caller.works.get({ workId: work.id })).toMatchObject({
      status: 'rejected',
      reviewReason: 'Not a photo',
    });
    expect(await refusal(people.dad.caller.works.get({ workId: work.id }))).toBe('NOT_FOUND');
    expect(await refusal(people.dad.caller.works.update({ workId: work.id, title: 'mine now' }))).toBe('NOT_FOUND');
    // An edit of a rejected work waits for an admin again, even under post-review.
    const edited = await people.mom.caller.works.update({ workId: work.id, title: 'Better', tags: ['Dawn'] });
    expect(edited).toMatchObject({ status: 'pending', title: 'Better' });

    // An admin approves (the moderation half's decision): in every feed from then on, counted on the profile.
    pre.clock.advance(60_000);
    await markWorkPublished(pre.db, work.id, pre.clock.now().toISOString());
    const approved = await people.dad.caller.works.get({ workId: work.id });
    expect(approved).toMatchObject({ status: 'published', publishedAt: pre.clock.now().toISOString() });
    for (const page of [
      await people.dad.caller.feeds.latest({}),
      await people.dad.caller.feeds.hot({}),
      await people.dad.caller.feeds.tag({ tag: 'dawn' }),
    ]) {
      expect(page.items.map((w) => w.id)).toEqual([work.id]);
    }
    expect((await people.dad.caller.profiles.get({ userId: people.mom.userId })).worksCount).toBe(1);
  });

  it('lets only the author edit and unpublish; unpublishing removes it from every feed at once', async () => {
    const { mom, dad } = family;
    const { work } = await publishWork(mom, { tags: ['sea'] });
    await dad.caller.follows.follow({ userId: mom.userId });
    expect(await refusal(dad.caller.works.update({ workId: work.id, title: 'x' }))).toBe('WORK_NOT_YOURS');
    expect(await refusal(dad.caller.works.unpublish({ workId: work.id }))).toBe('WORK_NOT_YOURS');
    const edited = await mom.caller.works.update({ workId: work.id, title: 'Sea', tags: ['Ocean'] });
    expect(edited).toMatchObject({ status: 'published', title: 'Sea', tags: ['ocean'] });
    expect((await dad.caller.feeds.tag({ tag: 'sea' })).items).toEqual([]);

    const feeds = () =>
      Promise.all([
        dad.caller.feeds.latest({}),
        dad.caller.feeds.hot({}),
        dad.caller.feeds.tag({ tag: 'OCEAN' }),
        dad.caller.feeds.following({}),
        dad.caller.feeds.author({ userId: mom.userId }),
      ]);
    for (const page of await feeds()) expect(page.items.map((w) => w.id)).toEqual([work.id]);
    expect((await dad.caller.profiles.get({ userId: mom.userId })).worksCount).toBe(1);

    await mom.caller.works.unpublish({ workId: work.id });
    for (const page of await feeds()) expect(page.items).toEqual([]);
    expect(await refusal(dad.caller.works.get({ workId: work.id }))).toBe('NOT_FOUND');
    expect((await dad.caller.profiles.get({ userId: mom.userId })).worksCount).toBe(0);
    expect((await mom.caller.works.get({ workId: work.id })).status).toBe('unpublished');
  });

  it('drops a trashed or purged photo from its works, and hides a work left with none', async () => {
    const { mom, dad, homeId } = family;
    const { work, photos } = await publishWork(mom, {}, { count: 2 });
    const [first, second] = photos;
    if (!first || !second) throw new Error('two photos');
    await mom.caller.photos.trash({ homeId, ids: [first.id] });
    expect((await dad.caller.works.get({ workId: work.id })).images).toHaveLength(1);
    expect((await dad.caller.feeds.latest({})).items[0]?.imageCount).toBe(1);
    await mom.caller.photos.trash({ homeId, ids: [second.id] });
    await mom.caller.photos.purge({ homeId, ids: [second.id] });
    expect(await refusal(dad.caller.works.get({ workId: work.id }))).toBe('NOT_FOUND');
    expect((await dad.caller.feeds.latest({})).items).toEqual([]);
    expect((await mom.caller.works.get({ workId: work.id })).images).toEqual([]);
  });

  it('gives every viewer the same image URLs within a window, and a share card with the page path', async () => {
    const { mom, dad, grandma } = family;
    const { work } = await publishWork(mom);
    deps.clock.set(new Date(Math.floor(deps.clock.now().getTime() / URL_WINDOW_MS) * URL_WINDOW_MS + 1000));
    const a = await dad.caller.works.get({ workId: work.id });
    deps.clock.advance(URL_WINDOW_MS - 2000);
    const b = await grandma.caller.works.get({ workId: work.id });
    expect(b.images).toEqual(a.images);
    deps.clock.advance(2000);
    const c = await grandma.caller.works.get({ workId: work.id });
    expect(c.images[0]?.url).not.toBe(a.images[0]?.url);
    const card = await dad.caller.works.shareCard({ workId: work.id });
    expect(card).toEqual({ title: work.title, imageUrl: c.images[0]?.url, path: `pages/work/index?id=${work.id}` });
    const response = await fetch(card.imageUrl ?? '');
    expect(response.status).toBe(200);
  });
});

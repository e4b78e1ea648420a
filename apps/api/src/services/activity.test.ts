/**
 * The feed's one recording service: what one member does in a row is one entry, within a sliding window;
 * kinds and members apart; a join never groups, a milestone only with the same child; racing requests
 * extend one entry; deleting a comment takes it out of its entry. On SQLite and PostgreSQL.
 */
import { ACTIVITY_PHOTOS_SHOWN } from '@xiaojia/shared';
import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../integrations/ids.js';
import { createTestDeps, type TestDeps } from '../test/deps.js';
import { addUser, type Member } from '../test/photo-rows.js';
import { ACTIVITY_GROUP_WINDOW_MS, ActivityService, openingWords } from './activity.js';

const MINUTE = 60_000;

describe('ActivityService.record', () => {
  let deps: TestDeps;
  let mom: Member;
  let grandma: Member;
  let service: ActivityService;
  const entries = () =>
    deps.db
      .selectFrom('activities')
      .select(['actor_id', 'kind', 'count', 'photo_ids', 'text', 'child_id', 'started_at', 'last_at'])
      .orderBy('last_at')
      .orderBy('id')
      .execute();
  beforeEach(async () => {
    deps = await createTestDeps();
    mom = await addUser(deps.db, 'mom');
    const other = await addUser(deps.db, 'grandma');
    grandma = { userId: other.userId, homeId: mom.homeId };
    service = new ActivityService(deps);
  });

  it('grows one entry while the member goes on within the window, newest photos first, capped and without repeats', async () => {
    const photos = Array.from({ length: ACTIVITY_PHOTOS_SHOWN + 3 }, () => newId());
    const started = deps.clock.now().toISOString();
    for (const id of photos) {
      await service.record(mom, { kind: 'upload', photoIds: [id] });
      // Each step inside the window from the last: an hour-long batch stays one entry.
      deps.clock.advance(ACTIVITY_GROUP_WINDOW_MS - MINUTE);
    }
    const again = await service.record(mom, { kind: 'upload', photoIds: [photos.at(-1) ?? ''] });
    expect(again).toMatchObject({ created: false, added: 0 });
    const [entry] = await entries();
    expect(entry).toMatchObject({ kind: 'upload', count: photos.length, started_at: started });
    expect(JSON.parse(entry?.photo_ids ?? '')).toEqual(photos.slice(-ACTIVITY_PHOTOS_SHOWN).reverse());
    expect(await entries()).toHaveLength(1);
  });

  it('starts a new entry after the window, for another kind, another member, and every join', async () => {
    const photo = newId();
    await service.record(mom, { kind: 'like', photoIds: [photo] });
    await service.record(mom, { kind: 'comment', photoIds: [photo], text: '好看' });
    await service.record(grandma, { kind: 'like', photoIds: [photo] });
    deps.clock.advance(ACTIVITY_GROUP_WINDOW_MS + 1);
    await service.record(mom, { kind: 'like', photoIds: [newId()] });
    await service.record(grandma, { kind: 'join' });
    await service.record(grandma, { kind: 'join' });
    expect((await entries()).map((e) => [e.actor_id === mom.userId ? 'mom' : 'grandma', e.kind, e.count])).toEqual([
      ['mom', 'like', 1],
      ['mom', 'comment', 1],
      ['grandma', 'like', 1],
      ['mom', 'like', 1],
      ['grandma', 'join', 1],
      ['grandma', 'join', 1],
    ]);
  });

  it('counts every comment, quoting the newest one’s opening words', async () => {
    const photo = newId();
    await service.record(mom, { kind: 'comment', photoIds: [photo], text: '第一条' });
    deps.clock.advance(MINUTE);
    await service.record(mom, { kind: 'comment', photoIds: [photo], text: '宝宝今天\n\n笑得特别开心' });
    expect(await entries()).toMatchObject([
      { count: 2, text: '宝宝今天 笑得特别开心', photo_ids: JSON.stringify([photo]) },
    ]);
  });

  it('groups milestones of the same child only', async () => {
    const [a, b] = [newId(), newId()];
    await service.record(mom, { kind: 'milestone', text: 'first_smile', childId: a });
    await service.record(mom, { kind: 'milestone', text: '第一次游泳', childId: a });
    await service.record(mom, { kind: 'milestone', text: 'walk', childId: b });
    expect((await entries()).map((e) => [e.child_id, e.count, e.text])).toEqual([
      [a, 2, '第一次游泳'],
      [b, 1, 'walk'],
    ]);
  });

  it('extends one entry when requests race', async () => {
    const photos = Array.from({ length: 12 }, () => newId());
    const results = await Promise.all(photos.map((id) => service.record(mom, { kind: 'like', photoIds: [id] })));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const all = await entries();
    expect(all).toHaveLength(1);
    expect(all[0]?.count).toBe(photos.length);
  });

  it('a deleted comment leaves its entry, which then quotes the author’s newest remaining one', async () => {
    const photo = newId();
    const rows = ['一', '二', '三'].map((text) => ({
      id: newId(),
      home_id: mom.homeId,
      photo_id: photo,
      author_id: mom.userId,
      text,
      created_at: '',
    }));
    for (const row of rows) {
      row.created_at = deps.clock.now().toISOString();
      await service.record(mom, { kind: 'comment', photoIds: [photo], text: row.text, refId: row.id });
      deps.clock.advance(MINUTE);
    }
    // The comments themselves (their photo row is not needed by the service; the table wants one).
    await deps.db
      .insertInto('photos')
      .values({
        id: photo,
        home_id: mom.homeId,
        uploader_id: mom.userId,
        binding_id: null,
        object_key: `h/${photo}.jpg`,
        filename: 'p.jpg',
        etag: photo,
        size: 1,
        mime: 'image/jpeg',
        width: null,
        height: null,
        taken_at: null,
        created_at: rows[0]?.created_at ?? '',
        sort_at: rows[0]?.created_at ?? '',
        deleted_at: null,
        purge_requested_at: null,
        purge_attempts: 0,
        purge_error: null,
        thumbhash: null,
      })
      .execute();
    await deps.db.insertInto('photo_comments').values(rows.slice(0, 2)).execute();
    const [, , third] = rows;
    if (!third) throw new Error('three comments');
    await service.commentDeleted(third);
    expect(await entries()).toMatchObject([{ count: 2, text: '二' }]);
    await service.commentDeleted(rows[0] as (typeof rows)[0]);
    expect(await entries()).toMatchObject([{ count: 1, text: '二' }]);
    await service.commentDeleted(rows[1] as (typeof rows)[0]);
    expect(await entries()).toEqual([]);
  });
});

describe('openingWords', () => {
  it('folds whitespace and cuts long comments, between words where there are spaces', () => {
    expect(openingWords('  好 \n\n 看 ')).toBe('好 看');
    expect(openingWords('哈'.repeat(41))).toBe(`${'哈'.repeat(40)}…`);
    expect(openingWords('👶'.repeat(45))).toBe(`${'👶'.repeat(40)}…`);
    expect(openingWords('what a lovely smile she has on her very first day at the park')).toBe(
      'what a lovely smile she has on her very…',
    );
  });
});

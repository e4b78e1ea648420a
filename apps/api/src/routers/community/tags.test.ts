/**
 * tags.popular: the most used tags of the latest works that show, most used first then by tag, at most 30
 * and as many as asked; never a pending, hidden, rejected or unpublished work's, nor one whose images are
 * gone; only the latest RECENT_WORKS count; refreshed after CACHE_MS (an edit, an unpublish, an admin's
 * hide or a review's approval shows then); signed-in callers only, malformed limits refused.
 */
import { POPULAR_TAGS_MAX } from '@xiaojia/shared';
import { beforeEach, describe, expect, it } from 'vitest';
import { CACHE_MS, RECENT_WORKS } from '../../services/community/tags.js';
import { type Account, accounts, insertWork, makeAdmin, publishWork, refusal } from '../../test/community.js';
import { callerFor, createTestDeps, type TestDeps } from '../../test/deps.js';
import { makeFamily } from '../../test/homes.js';

describe('tags.popular', () => {
  let deps: TestDeps;
  let alice: Account;
  let bob: Account;
  beforeEach(async () => {
    deps = await createTestDeps();
    [alice, bob] = (await accounts(deps, 2)) as [Account, Account];
  });

  /** A work of `who` in `status` tagged `tags`, written straight into its tables. */
  async function tagged(who: Account, tags: string[], status: 'published' | 'pending' | 'hidden' = 'published') {
    const { workId } = await insertWork(deps, who, { status });
    if (tags.length > 0) {
      const at = deps.clock.now().toISOString();
      await deps.db
        .insertInto('work_tags')
        .values(tags.map((tag) => ({ work_id: workId, tag, published_at: at })))
        .execute();
    }
    deps.clock.advance(1000);
    return workId;
  }
  const refresh = () => deps.clock.advance(CACHE_MS);
  const popular = async (who: Account, limit?: number) =>
    (await who.caller.tags.popular(limit === undefined ? undefined : { limit })).items;

  it('counts the tags of works that show, most used first then by tag, as many as asked', async () => {
    await tagged(alice, ['海', '日落']);
    await tagged(bob, ['海', '人像']);
    await tagged(bob, ['海', '日落', '街拍']);
    await tagged(alice, ['私密'], 'pending');
    await tagged(alice, ['私密'], 'hidden');
    const gone = await tagged(bob, ['私密']);
    const photos = deps.db.selectFrom('work_photos').select('photo_id').where('work_id', '=', gone);
    await deps.db
      .updateTable('photos')
      .set({ deleted_at: deps.clock.now().toISOString() })
      .where('id', 'in', photos)
      .execute();
    expect(await popular(alice)).toEqual([
      { tag: '海', works: 3 },
      { tag: '日落', works: 2 },
      { tag: '人像', works: 1 },
      { tag: '街拍', works: 1 },
    ]);
    expect(await popular(bob, 2)).toEqual([
      { tag: '海', works: 3 },
      { tag: '日落', works: 2 },
    ]);
  });

  it('keeps at most 30, and only the latest works count', async () => {
    for (let i = 0; i < POPULAR_TAGS_MAX + 5; i += 1) await tagged(alice, [`t${String(i).padStart(2, '0')}`]);
    const items = await popular(alice);
    expect(items).toHaveLength(POPULAR_TAGS_MAX);
    expect(items[0]).toEqual({ tag: 't00', works: 1 });
    // A tag used twice, the first time just before the latest RECENT_WORKS: it counts once.
    await deps.db.deleteFrom('work_tags').execute();
    await tagged(bob, ['old']);
    await tagged(bob, ['old']);
    for (let i = 0; i < RECENT_WORKS - 2; i += 1) await tagged(alice, []);
    await tagged(alice, ['new']);
    refresh();
    expect(await popular(alice)).toEqual([
      { tag: 'new', works: 1 },
      { tag: 'old', works: 1 },
    ]);
  }, 120_000);

  it('follows edits, unpublishing, an admin’s hide and a review’s approval at the next refresh', async () => {
    const review = await createTestDeps({ communityReview: 'pre' });
    const family = await makeFamily(review);
    const { mom, dad, stranger } = family;
    await makeAdmin(review, stranger.userId);
    const ask = async () => (await mom.caller.tags.popular()).items;
    const { work } = await publishWork(mom, { title: 'a', tags: ['海'] });
    const approveAll = async () => {
      for (const item of (await stranger.caller.moderation.queue({ kind: 'work' })).items) {
        await stranger.caller.moderation.decide({ itemId: item.id, decision: 'approve' });
      }
    };
    // Held for review: not counted, even after a refresh.
    expect(await ask()).toEqual([]);
    await approveAll();
    // Cached: the approval shows at the next refresh.
    expect(await ask()).toEqual([]);
    review.clock.advance(CACHE_MS);
    expect(await ask()).toEqual([{ tag: '海', works: 1 }]);
    const other = await publishWork(dad, { title: 'b', tags: ['海', '山'] });
    await approveAll();
    await mom.caller.works.update({ workId: work.id, title: 'a', tags: ['山'] });
    await approveAll();
    review.clock.advance(CACHE_MS);
    expect(await ask()).toEqual([
      { tag: '山', works: 2 },
      { tag: '海', works: 1 },
    ]);
    await stranger.caller.moderation.hideWork({ workId: other.work.id, reason: '侵权' });
    await mom.caller.works.unpublish({ workId: work.id });
    review.clock.advance(CACHE_MS);
    expect(await ask()).toEqual([]);
  });

  it('answers signed-in callers only, and refuses a malformed limit', async () => {
    await tagged(alice, ['海']);
    expect(await refusal(callerFor(deps, {}).tags.popular())).toBe('UNAUTHENTICATED');
    for (const limit of [0, POPULAR_TAGS_MAX + 1, 1.5]) {
      expect(await refusal(alice.caller.tags.popular({ limit }))).toBe('BAD_INPUT');
    }
    expect(await popular(alice, 1)).toEqual([{ tag: '海', works: 1 }]);
  });
});

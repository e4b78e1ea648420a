/**
 * The two halves of the community meet at the review queue: an admin's decision on a pre-reviewed work or
 * comment must leave the works half's feeds, hot key and counters as if it had been shown at once, and a
 * refusal after post-review must take back what it counted.
 */
import { describe, expect, it } from 'vitest';
import { makeAdmin, publishWork } from '../../test/community.js';
import { createTestDeps } from '../../test/deps.js';
import { makeFamily } from '../../test/homes.js';

describe('review decisions and the works half', () => {
  async function setUp(mode: 'pre' | 'post') {
    const deps = await createTestDeps({ communityReview: mode });
    const people = await makeFamily(deps);
    await makeAdmin(deps, people.stranger.userId);
    const admin = people.stranger.caller;
    const pendingItem = async (kind: 'work' | 'comment', targetId: string) => {
      const queue = await admin.moderation.queue({ kind });
      const item = queue.items.find((i) => i.targetId === targetId);
      if (!item) throw new Error(`no review item for ${kind} ${targetId}`);
      return item.id;
    };
    return { deps, people, admin, pendingItem };
  }

  it('an approved pre-reviewed work is published with its hot key, tag position and the author’s count', async () => {
    const { people, admin, pendingItem } = await setUp('pre');
    const { work } = await publishWork(people.mom, { tags: ['晨光'] });
    expect(work.status).toBe('pending');
    expect((await people.dad.caller.feeds.hot({})).items).toEqual([]);

    await admin.moderation.decide({ itemId: await pendingItem('work', work.id), decision: 'approve' });

    const ids = (page: { items: { id: string }[] }) => page.items.map((w) => w.id);
    expect(ids(await people.dad.caller.feeds.latest({}))).toEqual([work.id]);
    expect(ids(await people.dad.caller.feeds.hot({}))).toEqual([work.id]);
    expect(ids(await people.dad.caller.feeds.tag({ tag: '晨光' }))).toEqual([work.id]);
    expect((await people.dad.caller.profiles.get({ userId: people.mom.userId })).worksCount).toBe(1);
    expect((await people.mom.caller.works.get({ workId: work.id })).status).toBe('published');
  });

  it('an approved pending comment counts on its work once; refusing a shown one takes it back', async () => {
    const pre = await setUp('pre');
    const { work } = await publishWork(pre.people.mom);
    await pre.admin.moderation.decide({ itemId: await pre.pendingItem('work', work.id), decision: 'approve' });
    const comment = await pre.people.dad.caller.works.comment({ workId: work.id, text: '真好看' });
    expect((await pre.people.grandma.caller.works.get({ workId: work.id })).commentCount).toBe(0);
    const itemId = await pre.pendingItem('comment', comment.id);
    await pre.admin.moderation.decide({ itemId, decision: 'approve' });
    await pre.admin.moderation.decide({ itemId, decision: 'approve' });
    expect((await pre.people.grandma.caller.works.get({ workId: work.id })).commentCount).toBe(1);
    await pre.admin.moderation.decide({ itemId, decision: 'reject', reason: '广告' });
    expect((await pre.people.grandma.caller.works.get({ workId: work.id })).commentCount).toBe(0);
  });

  it('refusing a work shown under post-review takes it out of the feeds and the author’s count', async () => {
    const { people, admin, pendingItem } = await setUp('post');
    const { work } = await publishWork(people.mom);
    expect((await people.dad.caller.profiles.get({ userId: people.mom.userId })).worksCount).toBe(1);

    await admin.moderation.decide({ itemId: await pendingItem('work', work.id), decision: 'reject', reason: '侵权' });

    expect((await people.dad.caller.feeds.latest({})).items).toEqual([]);
    expect((await people.dad.caller.profiles.get({ userId: people.mom.userId })).worksCount).toBe(0);
    const mine = await people.mom.caller.works.get({ workId: work.id });
    expect(mine).toMatchObject({ status: 'rejected', reviewReason: '侵权' });
  });
});

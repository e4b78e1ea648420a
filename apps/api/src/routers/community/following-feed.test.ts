/**
 * feeds.following, driven from the caller's follows (repositories/community/works.ts): the followees'
 * showing works merged newest first (ties by id) across pages of any size, a quiet followee's one old work
 * found however much the rest of the community published since, a busy followee's works that no longer
 * show skipped without losing the older ones, and the other feeds' exclusions kept (not followed, not
 * published, images gone, a block either way).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { type Account, accounts, follow, insertWork } from '../../test/community.js';
import { createTestDeps, type TestDeps } from '../../test/deps.js';

const MINUTE = 60_000;

describe('feeds.following', () => {
  let deps: TestDeps;
  let me: Account;
  let people: Account[];
  beforeEach(async () => {
    deps = await createTestDeps();
    [me, ...people] = (await accounts(deps, 9)) as [Account, ...Account[]];
  });

  /** Every page of the caller's following feed at `limit`, walked by cursor. */
  async function walk(who: Account, limit: number): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 50; page += 1) {
      const answer = await who.caller.feeds.following(cursor ? { limit, cursor } : { limit });
      expect(answer.items.length).toBeLessThanOrEqual(limit);
      seen.push(...answer.items.map((w) => w.id));
      if (!answer.nextCursor) return seen;
      cursor = answer.nextCursor;
    }
    throw new Error('the feed did not end');
  }

  /** Newest first, then the greater id first: the feed's order. */
  const newestFirst = (works: { id: string; at: number }[]) =>
    [...works].sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)).map((w) => w.id);

  it('merges many followees’ works newest first, ties by id, the same at every page size', async () => {
    const followees = people.slice(0, 6);
    for (const p of followees) await follow(deps, me.userId, p.userId);
    const expected: { id: string; at: number }[] = [];
    // Rounds in which several followees publish at the same instant (ties) and a busy one twice.
    for (let round = 0; round < 5; round += 1) {
      for (const [i, p] of followees.entries()) {
        if ((round + i) % 3 === 0) continue;
        const { workId } = await insertWork(deps, p, { title: `r${round}-${i}` });
        expected.push({ id: workId, at: deps.clock.now().getTime() });
      }
      const busy = await insertWork(deps, followees[0] as Account, { title: `busy${round}` });
      expected.push({ id: busy.workId, at: deps.clock.now().getTime() });
      // Someone not followed publishes in between: never in this feed.
      await insertWork(deps, people[7] as Account);
      deps.clock.advance(MINUTE);
    }
    const order = newestFirst(expected);
    expect(order.length).toBeGreaterThan(20);
    for (const limit of [1, 3, 7, 20, 50]) expect(await walk(me, limit)).toEqual(order);
  });

  it('finds a quiet followee’s one old work under everything published since, on the first page', async () => {
    const [quiet, loud, other] = people as [Account, Account, Account];
    await follow(deps, me.userId, quiet.userId);
    await follow(deps, me.userId, loud.userId);
    const old = await insertWork(deps, quiet, { title: 'once, long ago' });
    deps.clock.advance(MINUTE);
    for (let i = 0; i < 40; i += 1) {
      await insertWork(deps, other);
      deps.clock.advance(MINUTE);
    }
    const recent = await insertWork(deps, loud, { title: 'recent' });
    const page = await me.caller.feeds.following({ limit: 5 });
    expect(page.items.map((w) => w.title)).toEqual(['recent', 'once, long ago']);
    expect(page.items.map((w) => w.id)).toEqual([recent.workId, old.workId]);
    expect(page.nextCursor).toBeNull();
    // Someone who follows nobody sees an empty feed, not the community's.
    expect(await (people[5] as Account).caller.feeds.following({})).toEqual({ items: [], nextCursor: null });
  });

  it('skips a followee’s works that no longer show or were never published, keeping their older ones', async () => {
    const [busy] = people as [Account];
    await follow(deps, me.userId, busy.userId);
    const older: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      older.unshift((await insertWork(deps, busy, { title: `older${i}` })).workId);
      deps.clock.advance(MINUTE);
    }
    // Newer than those, more than a page of works that must not show.
    for (const status of ['pending', 'hidden', 'rejected', 'unpublished'] as const) {
      await insertWork(deps, busy, { status });
      deps.clock.advance(MINUTE);
    }
    const gone: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      gone.push((await insertWork(deps, busy)).workId);
      deps.clock.advance(MINUTE);
    }
    const trashedAt = deps.clock.now().toISOString();
    const photoIds = deps.db.selectFrom('work_photos').select('photo_id').where('work_id', 'in', gone.slice(0, 2));
    await deps.db.updateTable('photos').set({ deleted_at: trashedAt }).where('id', 'in', photoIds).execute();
    // A work whose snapshot is not made yet (before migration 0015's sweep) shows nowhere either.
    await deps.db
      .updateTable('work_photos')
      .set({ snapshot_key: null })
      .where('work_id', '=', gone[2] ?? '')
      .execute();
    expect(await walk(me, 2)).toEqual(older);
    expect((await me.caller.feeds.following({ limit: 2 })).items.map((w) => w.id)).toEqual(older.slice(0, 2));
  });

  it('leaves out a followee blocked either way, and gives them back on unblock', async () => {
    const [kept, blockedByMe, blockingMe] = people as [Account, Account, Account];
    const ids: Record<string, string> = {};
    for (const p of [kept, blockedByMe, blockingMe]) {
      await follow(deps, me.userId, p.userId);
      ids[p.userId] = (await insertWork(deps, p)).workId;
      deps.clock.advance(MINUTE);
    }
    const all = [ids[blockingMe.userId], ids[blockedByMe.userId], ids[kept.userId]];
    expect(await walk(me, 2)).toEqual(all);
    await me.caller.blocks.block({ userId: blockedByMe.userId });
    await blockingMe.caller.blocks.block({ userId: me.userId });
    expect(await walk(me, 2)).toEqual([ids[kept.userId]]);
    // The blocked side's own following feed does not show the blocker either (they follow me here).
    await follow(deps, blockedByMe.userId, me.userId);
    await insertWork(deps, me);
    expect(await walk(blockedByMe, 5)).toEqual([]);
    await me.caller.blocks.unblock({ userId: blockedByMe.userId });
    await blockingMe.caller.blocks.unblock({ userId: me.userId });
    expect(await walk(me, 2)).toEqual(all);
  });
});

/**
 * What admins and contest pages see of things beside them: a target preview on every review item and
 * report (a work's title and images, a comment's or message's text, a user's name and bio; null once gone),
 * and the covers of challenges and their entries (null while the cover work is not published). Each page
 * costs the same number of statements whatever its size (one batch per kind, no query per row).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { ChallengesService } from '../../services/community/challenges.js';
import { ModerationService } from '../../services/community/moderation.js';
import { ReportsService } from '../../services/community/reports.js';
import { adminAndTwo, followEachOther, insertWork, refusal } from '../../test/community.js';
import type { TestDeps } from '../../test/deps.js';
import { statementsOf } from '../../test/query-plan.js';

const HOUR = 3600_000;

describe('previews of targets and covers', () => {
  let { deps, admin, alice, bob } = {} as Awaited<ReturnType<typeof adminAndTwo>>;
  beforeEach(async () => {
    ({ deps, admin, alice, bob } = await adminAndTwo({ communityReview: 'pre' }));
  });

  /** How many statements `run` issues against the database. */
  async function statements(run: (d: TestDeps) => Promise<unknown>): Promise<number> {
    return (await statementsOf(deps.db, (db) => run({ ...deps, db }))).length;
  }

  it('shows each review item’s target to admins, batched per kind; null once the target is gone', async () => {
    await followEachOther(deps, alice.userId, bob.userId);
    const { workId } = await insertWork(deps, bob, { title: 'Dunes', images: 2 });
    const comment = await alice.caller.works.comment({ workId, text: 'so good' });
    const message = await alice.caller.messages.send({ userId: bob.userId, text: 'hello bob' });
    const queue = (await admin.caller.moderation.queue({})).items;
    const byTarget = new Map(queue.map((i) => [i.targetId, i.target]));
    expect(byTarget.get(comment.id)).toEqual({ title: null, text: 'so good', images: [] });
    expect(byTarget.get(message.id)).toEqual({ title: null, text: 'hello bob', images: [] });

    const onePage = () =>
      statements((d) => new ModerationService(d).queue({ status: 'pending', limit: 20 }, deps.origin));
    const before = await onePage();
    // More of each kind costs no more statements.
    await alice.caller.works.comment({ workId, text: 'again' });
    await alice.caller.messages.send({ userId: bob.userId, text: 'again' });
    expect(await onePage()).toBe(before);

    await alice.caller.works.deleteComment({ commentId: comment.id });
    const after = (await admin.caller.moderation.queue({})).items;
    expect(after.find((i) => i.targetId === comment.id)?.target).toBeNull();
    expect(await refusal(bob.caller.moderation.queue({}))).toBe('COMMUNITY_NOT_ADMIN');
  });

  it('shows each report’s target: a work’s title and previews, a user’s name and bio; admins only', async () => {
    const { workId } = await insertWork(deps, bob, { title: 'Dunes', images: 2 });
    await bob.caller.profiles.update({ bio: 'I shoot deserts' });
    await alice.caller.reports.create({ kind: 'work', targetId: workId, reason: 'stolen' });
    await alice.caller.reports.create({ kind: 'user', targetId: bob.userId, reason: 'impersonation' });
    const reports = (await admin.caller.reports.list({})).items;
    const work = reports.find((r) => r.kind === 'work')?.target;
    expect(work).toMatchObject({ title: 'Dunes', text: '' });
    expect(work?.images).toHaveLength(2);
    expect(work?.images[0]?.url).toContain('http');
    expect(reports.find((r) => r.kind === 'user')?.target).toEqual({
      title: bob.user.displayName,
      text: 'I shoot deserts',
      images: [],
    });

    const onePage = () => statements((d) => new ReportsService(d).list({ status: 'open', limit: 20 }, deps.origin));
    const before = await onePage();
    const other = await insertWork(deps, alice, { title: 'Sea' });
    await bob.caller.reports.create({ kind: 'work', targetId: other.workId, reason: 'copy' });
    expect(await onePage()).toBe(before);

    await deps.db.deleteFrom('works').where('id', '=', workId).execute();
    expect((await admin.caller.reports.list({})).items.find((r) => r.targetId === workId)?.target).toBeNull();
    expect(await refusal(alice.caller.reports.list({}))).toBe('COMMUNITY_NOT_ADMIN');
  });

  it('a challenge’s cover is its cover work’s first image while published; entries carry thumbs', async () => {
    const cover = await insertWork(deps, bob, { title: 'Autumn', images: 2 });
    const at = (hours: number) => new Date(deps.clock.now().getTime() + hours * HOUR).toISOString();
    const created = await admin.caller.challenges.create({
      title: '秋天',
      coverWorkId: cover.workId,
      submitStartsAt: at(0),
      submitEndsAt: at(1),
      voteEndsAt: at(2),
      entriesPerUser: 3,
    });
    expect(created.cover?.id).toBe(cover.workPhotoIds[0]);
    expect(created.cover?.url).toContain('http');
    const entries = [];
    for (let i = 0; i < 3; i += 1) {
      const { workId, workPhotoIds } = await insertWork(deps, alice, { title: `leaf ${i}` });
      await alice.caller.challenges.submit({ challengeId: created.id, workId });
      entries.push({ workId, cover: workPhotoIds[0] });
    }
    const detail = await bob.caller.challenges.get({ challengeId: created.id, order: 'time' });
    expect(detail.challenge.cover?.id).toBe(cover.workPhotoIds[0]);
    expect(detail.entries.items.map((e) => [e.workId, e.cover?.id])).toEqual(
      entries.reverse().map((e) => [e.workId, e.cover]),
    );
    expect((await bob.caller.challenges.list({ when: 'current' })).items[0]?.cover?.id).toBe(cover.workPhotoIds[0]);

    // Batched: a page of one entry costs what a page of three does.
    const get = (limit: number) =>
      statements((d) =>
        new ChallengesService(d).get(bob.userId, { challengeId: created.id, order: 'time', limit }, deps.origin),
      );
    expect(await get(1)).toBe(await get(3));

    await alice.caller.works.unpublish({ workId: entries[0]?.workId ?? '' });
    await admin.caller.moderation.hideWork({ workId: cover.workId, reason: 'copyright' });
    const hidden = await bob.caller.challenges.get({ challengeId: created.id });
    expect(hidden.challenge.cover).toBeNull();
    expect(hidden.challenge.coverWorkId).toBe(cover.workId);
    expect(hidden.entries.items).toHaveLength(2);
    expect((await bob.caller.challenges.list({ when: 'current' })).items[0]?.cover).toBeNull();
  });
});

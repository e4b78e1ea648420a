/**
 * The life of a work's snapshots beyond publishing (services/community/snapshots.ts): an edit keeps them;
 * an admin's take-down,
 * account deletion and a purged photo delete them; a delete the storage refuses never fails the call, is
 * recorded and retried by the sweep until the object is gone; works from before migration 0015 (no
 * snapshot) show nothing of the photo until the sweep has made theirs.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { housekeeping } from '../../services/housekeeping.js';
import { TEST_PASSWORD } from '../../test/auth.js';
import { type Account, makeAdmin, publishWork } from '../../test/community.js';
import { createTestDeps, type TestDeps } from '../../test/deps.js';
import { makeFamily } from '../../test/homes.js';
import { bindStorePeer } from '../../test/storage.js';

describe('community snapshots', () => {
  let deps: TestDeps;
  let mom: Account;
  let grandma: Account;
  beforeEach(async () => {
    deps = await createTestDeps();
    ({ mom, grandma } = await makeFamily(deps));
  });

  const statuses = async (urls: string[]) => Promise.all(urls.map(async (url) => (await fetch(url)).status));
  const queued = () => deps.db.selectFrom('snapshot_deletions').selectAll().execute();
  const urlsOf = (work: { images: { url: string | null }[] }) => work.images.map((i) => i.url as string);

  it('editing a work keeps its snapshots', async () => {
    const { work } = await publishWork(mom, {}, { count: 2 });
    const keys = () => deps.db.selectFrom('work_photos').select('snapshot_key').orderBy('position').execute();
    const before = await keys();
    const edited = await mom.caller.works.update({ workId: work.id, title: 'Better', tags: ['dawn'] });
    expect(await keys()).toEqual(before);
    expect(urlsOf(edited)).toEqual(urlsOf(work));
    expect(await statuses(urlsOf(edited))).toEqual([200, 200]);
    expect(await queued()).toEqual([]);
  });

  it('an admin’s take-down deletes the snapshots at once', async () => {
    await makeAdmin(deps, grandma.userId);
    const { work } = await publishWork(mom, {}, { count: 2 });
    expect(await statuses(urlsOf(work))).toEqual([200, 200]);
    await grandma.caller.moderation.hideWork({ workId: work.id, reason: 'copyright' });
    expect(await statuses(urlsOf(work))).toEqual([404, 404]);
    expect(await queued()).toEqual([]);
  });

  it('deleting the account unpublishes its works and deletes their snapshots', async () => {
    const { work } = await publishWork(mom);
    // Grandma publishes from her own home, then deletes her account; mom's work is not hers and stays.
    const solo = await publishWork(grandma, { title: 'Mine' });
    await grandma.caller.account.delete({ password: TEST_PASSWORD });
    expect(await statuses(urlsOf(solo.work))).toEqual([404]);
    const left = await deps.db.selectFrom('works').select(['id', 'status']).execute();
    expect(left).toEqual(
      expect.arrayContaining([
        { id: solo.work.id, status: 'unpublished' },
        { id: work.id, status: 'published' },
      ]),
    );
    expect((await mom.caller.feeds.latest({})).items.map((c) => c.id)).toEqual([work.id]);
  });

  it('a purged photo’s snapshots are queued with it and deleted by the sweep', async () => {
    const { work, photos, homeId } = await publishWork(mom);
    await mom.caller.photos.trash({ homeId, ids: photos.map((p) => p.id) });
    await mom.caller.photos.purge({ homeId, ids: photos.map((p) => p.id) });
    expect(await queued()).toHaveLength(2);
    expect((await housekeeping(deps, deps.origin)).snapshotsDeleted).toBe(2);
    expect(await statuses(urlsOf(work))).toEqual([404]);
    expect(await queued()).toEqual([]);
  });

  it('a delete the storage refuses is recorded, never fails the unpublish, and is retried until done', async () => {
    await bindStorePeer(deps, mom);
    const { work } = await publishWork(mom, {}, { count: 2 });
    const urls = urlsOf(work);
    expect(urls[0]).toContain('/store/o/w/');
    // The bucket's keys stop working for a while (rotated at the provider, say).
    const binding = await deps.db.selectFrom('storage_bindings').selectAll().executeTakeFirstOrThrow();
    await deps.db.updateTable('storage_bindings').set({ access_key: 'ROTATEDAWAY' }).execute();
    expect(await mom.caller.works.unpublish({ workId: work.id })).toEqual({ ok: true });
    expect((await mom.caller.feeds.latest({})).items).toEqual([]);
    const failed = await queued();
    expect(failed).toHaveLength(4);
    for (const row of failed) expect(row).toMatchObject({ attempts: 1, last_error: expect.stringMatching(/key/) });

    // Not due yet: the sweep leaves them; once due and the keys work again, they go.
    expect((await housekeeping(deps, deps.origin)).snapshotsDeleted).toBe(0);
    await deps.db.updateTable('storage_bindings').set({ access_key: binding.access_key }).execute();
    deps.clock.advance(2 * 60_000);
    expect((await housekeeping(deps, deps.origin)).snapshotsDeleted).toBe(4);
    expect(await queued()).toEqual([]);
    // The URLs handed out before (still within their deadline) now answer 404.
    expect(await statuses(urls)).toEqual([404, 404]);
  });

  it('a work from before snapshots shows no image until the sweep makes its snapshot, never the photo’s key', async () => {
    const { work } = await publishWork(mom, { title: 'Old' });
    // As migration 0015 leaves a work published before it.
    await deps.db.updateTable('work_photos').set({ snapshot_key: null, snapshot_binding_id: null }).execute();
    expect((await grandma.caller.feeds.latest({})).items).toEqual([]);
    expect((await mom.caller.works.get({ workId: work.id })).images).toEqual([]);

    expect((await housekeeping(deps, deps.origin)).snapshotsMade).toBe(1);
    const shown = await grandma.caller.works.get({ workId: work.id });
    expect(shown.images).toHaveLength(1);
    expect(shown.images[0]?.url).toMatch(/\/store\/o\/w\/[0-9a-f-]{36}\.jpg\?/);
    expect(await statuses(urlsOf(shown))).toEqual([200]);
    expect((await grandma.caller.feeds.latest({})).items.map((c) => c.id)).toEqual([work.id]);
    expect((await housekeeping(deps, deps.origin)).snapshotsMade).toBe(0);
  });
});

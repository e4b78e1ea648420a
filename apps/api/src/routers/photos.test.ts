import { zPhoto, zPhotoPage } from '@xiaojia/shared';
import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PhotosService } from '../services/photos.js';
import { signUpAndGetToken } from '../test/auth.js';
import { createTestDeps, type TestDeps } from '../test/deps.js';
import { THUMBHASH, uploadPhoto } from '../test/photos.js';
import { bindStorePeer } from '../test/storage.js';

const DAY = 24 * 3600 * 1000;

describe('photos', () => {
  let deps: TestDeps;
  let alice: Awaited<ReturnType<typeof signUpAndGetToken>>;
  beforeEach(async () => {
    deps = await createTestDeps();
    alice = await signUpAndGetToken(deps, 'alice');
  });

  it('lists newest first by taken-at (else upload time) with a keyset cursor that never repeats or skips', async () => {
    const ids: string[] = [];
    const taken = [
      '2024-05-01T10:00:00Z',
      '2025-01-01T00:00:00Z',
      undefined,
      '2023-12-31T23:59:59Z',
      '2025-01-01T00:00:00Z',
    ];
    for (const takenAt of taken) {
      const { photo } = await uploadPhoto(alice.caller, alice.homeId, takenAt ? { takenAt } : {});
      ids.push(photo.id);
      deps.clock.advance(1000);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await alice.caller.photos.list({ homeId: alice.homeId, limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    // The one without taken-at sorts by its upload time (now-ish, the newest); equal times tie-break by id.
    expect(seen).toEqual([ids[2], ids[4], ids[1], ids[0], ids[3]]);
    const all = await alice.caller.photos.list({ homeId: alice.homeId, limit: 200 });
    expect(all.items.map((p) => p.id)).toEqual(seen);
    expect(all.nextCursor).toBeNull();
  });

  it('answers exactly the declared zPhotoPage (the list skips the runtime output check)', async () => {
    await uploadPhoto(alice.caller, alice.homeId, { takenAt: '2024-05-01T10:00:00Z' });
    await uploadPhoto(alice.caller, alice.homeId, { thumbhash: THUMBHASH });
    await alice.caller.photos.trash({
      homeId: alice.homeId,
      ids: [(await uploadPhoto(alice.caller, alice.homeId)).photo.id],
    });
    for (const input of [{ limit: 1 }, { trashed: true }] as const) {
      const page = await alice.caller.photos.list({ homeId: alice.homeId, ...input });
      expect(page.items.length).toBeGreaterThan(0);
      // Strict: a field the schema does not declare (a row column leaking out) fails here.
      expect(
        zPhotoPage
          .extend({ items: z.array(zPhoto.strict()) })
          .strict()
          .parse(page),
      ).toEqual(page);
    }
    const { items } = await alice.caller.photos.list({ homeId: alice.homeId });
    expect(items.map((p) => p.thumbhash)).toEqual([THUMBHASH, null]);
  });

  it("says when the page's thumbnail URLs stop working, in the embedded store and in a bound Qiniu bucket", async () => {
    const embedded = await uploadPhoto(alice.caller, alice.homeId, { takenAt: '2024-05-01T10:00:00Z' });
    await bindStorePeer(deps, alice);
    const bound = await uploadPhoto(alice.caller, alice.homeId, { takenAt: '2024-05-02T10:00:00Z' });
    deps.clock.advance(7 * 60 * 1000);

    const page = await alice.caller.photos.list({ homeId: alice.homeId });
    expect(page.items.map((p) => p.id)).toEqual([bound.photo.id, embedded.photo.id]);
    const [inBucket, onDisk] = page.items.map((p) => p.thumbUrl ?? '');
    const rows = await deps.db.selectFrom('photos').select(['id', 'binding_id']).execute();
    const bindingOf = new Map(rows.map((r) => [r.id, r.binding_id]));
    expect([bindingOf.get(bound.photo.id), bindingOf.get(embedded.photo.id)]).toEqual([expect.any(String), null]);
    // What photos.get says of its own URLs, signed in the same window.
    const detail = await alice.caller.photos.get({ homeId: alice.homeId, id: bound.photo.id });
    expect(page.urlsExpireAt).toBe(detail.urlsExpireAt);
    const expiresAt = new Date(page.urlsExpireAt).getTime();
    const left = expiresAt - deps.clock.now().getTime();
    // A window and a half on average: never less than one (30 minutes), never more than two.
    expect(left).toBeGreaterThanOrEqual(30 * 60 * 1000);
    expect(left).toBeLessThanOrEqual(60 * 60 * 1000);

    const statuses = async () => Promise.all([inBucket, onDisk].map(async (url) => (await fetch(url ?? '')).status));
    deps.clock.set(new Date(expiresAt - 1));
    expect(await statuses()).toEqual([200, 200]);
    // Deadlines are whole seconds: the URLs are refused from the second after urlsExpireAt on.
    deps.clock.set(new Date(expiresAt + 1000));
    expect(await statuses()).toEqual([401, 401]);
    // A page fetched again then carries fresh URLs that work.
    const again = await alice.caller.photos.list({ homeId: alice.homeId });
    expect(new Date(again.urlsExpireAt).getTime()).toBeGreaterThan(expiresAt);
    expect(await Promise.all(again.items.map(async (p) => (await fetch(p.thumbUrl ?? '')).status))).toEqual([200, 200]);
  });

  it('refuses a forged cursor with BAD_INPUT', async () => {
    await expect(alice.caller.photos.list({ homeId: alice.homeId, cursor: 'not-a-cursor' })).rejects.toMatchObject({
      cause: { code: 'BAD_INPUT' },
    });
  });

  it('get gives signed preview and original URLs, neighbours for swipe, and a working download path', async () => {
    const a = await uploadPhoto(alice.caller, alice.homeId, { takenAt: '2025-01-01T00:00:00Z' });
    const b = await uploadPhoto(alice.caller, alice.homeId, { takenAt: '2025-01-02T00:00:00Z' });
    const c = await uploadPhoto(alice.caller, alice.homeId, { takenAt: '2025-01-03T00:00:00Z' });
    const detail = await alice.caller.photos.get({ homeId: alice.homeId, id: b.photo.id });
    expect(detail.prevId).toBe(c.photo.id);
    expect(detail.nextId).toBe(a.photo.id);
    expect((await alice.caller.photos.get({ homeId: alice.homeId, id: c.photo.id })).prevId).toBeNull();

    const original = await fetch(detail.originalUrl ?? '');
    expect(Buffer.from(await original.arrayBuffer()).equals(b.bytes)).toBe(true);
    const preview = await fetch(detail.previewUrl ?? '');
    expect(preview.headers.get('content-type')).toBe('image/webp');

    const download = await fetch(`${deps.origin}${detail.downloadPath}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('attachment');
    expect(Buffer.from(await download.arrayBuffer()).equals(b.bytes)).toBe(true);
  });

  it('refuses tampered and expired download links', async () => {
    const { photo } = await uploadPhoto(alice.caller, alice.homeId);
    const { downloadPath } = await alice.caller.photos.get({ homeId: alice.homeId, id: photo.id });
    const tampered = downloadPath.replace(
      /s=([^&]+)/,
      (_m, s: string) => `s=${s.startsWith('A') ? 'B' : 'A'}${s.slice(1)}`,
    );
    expect((await fetch(`${deps.origin}${tampered}`)).status).toBe(403);
    const otherPhoto = downloadPath.replace(photo.id, '01900000-0000-7000-8000-000000000000');
    expect((await fetch(`${deps.origin}${otherPhoto}`)).status).toBe(403);
    deps.clock.advance(11 * 60 * 1000);
    expect((await fetch(`${deps.origin}${downloadPath}`)).status).toBe(403);
  });

  it('signed URLs expire and cannot be altered', async () => {
    const { photo } = await uploadPhoto(alice.caller, alice.homeId);
    const url = photo.thumbUrl ?? '';
    expect((await fetch(url)).status).toBe(200);
    expect((await fetch(url.replace('/w/480/', '/w/481/'))).status).toBe(401);
    deps.clock.advance(2 * 3600 * 1000);
    expect((await fetch(url)).status).toBe(401);
  });

  it('trash, restore, and purge (storage first, then the row)', async () => {
    const one = await uploadPhoto(alice.caller, alice.homeId);
    const two = await uploadPhoto(alice.caller, alice.homeId);
    expect(await alice.caller.photos.trash({ homeId: alice.homeId, ids: [one.photo.id, two.photo.id] })).toEqual({
      count: 2,
    });
    expect((await alice.caller.photos.list({ homeId: alice.homeId })).items).toHaveLength(0);
    expect((await alice.caller.photos.list({ homeId: alice.homeId, trashed: true })).items).toHaveLength(2);

    expect(await alice.caller.photos.restore({ homeId: alice.homeId, ids: [one.photo.id] })).toEqual({ count: 1 });
    expect((await alice.caller.photos.list({ homeId: alice.homeId })).items.map((p) => p.id)).toEqual([one.photo.id]);

    // Only trashed photos can be purged: a live one is left alone.
    expect(await alice.caller.photos.purge({ homeId: alice.homeId, ids: [one.photo.id] })).toEqual({
      count: 0,
      pending: 0,
    });
    expect(await alice.caller.photos.purge({ homeId: alice.homeId, ids: [two.photo.id] })).toEqual({
      count: 1,
      pending: 0,
    });
    const store = deps.storage.embedded(deps.origin);
    expect(await store.stat(two.key)).toBeNull();
    expect(await store.stat(one.key)).not.toBeNull();
    await expect(alice.caller.photos.get({ homeId: alice.homeId, id: two.photo.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('a storage failure during purge keeps the photo pending (hidden) and the sweep finishes it', async () => {
    const { photo, key } = await uploadPhoto(alice.caller, alice.homeId);
    await alice.caller.photos.trash({ homeId: alice.homeId, ids: [photo.id] });
    deps.app.setInternalOrigin('http://127.0.0.1:9');
    expect(await alice.caller.photos.purge({ homeId: alice.homeId, ids: [photo.id] })).toEqual({
      count: 0,
      pending: 1,
    });
    expect((await alice.caller.photos.list({ homeId: alice.homeId, trashed: true })).items).toHaveLength(0);
    const row = await deps.db.selectFrom('photos').selectAll().where('id', '=', photo.id).executeTakeFirstOrThrow();
    expect(row.purge_error).toMatch(/could not be reached/);

    deps.app.setInternalOrigin(deps.origin);
    // Too soon: the retry waits its interval.
    expect(await new PhotosService(deps).sweep(deps.origin)).toMatchObject({ purged: 0 });
    deps.clock.advance(11 * 60 * 1000);
    expect(await new PhotosService(deps).sweep(deps.origin)).toMatchObject({ purged: 1, failed: 0 });
    expect(await deps.storage.embedded(deps.origin).stat(key)).toBeNull();
    expect(
      await deps.db.selectFrom('photos').select('id').where('id', '=', photo.id).executeTakeFirst(),
    ).toBeUndefined();
  });

  it('trash older than 30 days is purged by the sweep', async () => {
    const old = await uploadPhoto(alice.caller, alice.homeId);
    const recent = await uploadPhoto(alice.caller, alice.homeId);
    await alice.caller.photos.trash({ homeId: alice.homeId, ids: [old.photo.id] });
    deps.clock.advance(20 * DAY);
    await alice.caller.photos.trash({ homeId: alice.homeId, ids: [recent.photo.id] });
    deps.clock.advance(11 * DAY);
    expect(await new PhotosService(deps).sweep(deps.origin)).toEqual({ expired: 1, purged: 1, failed: 0 });
    expect((await alice.caller.photos.list({ homeId: alice.homeId, trashed: true })).items.map((p) => p.id)).toEqual([
      recent.photo.id,
    ]);
    expect(await deps.storage.embedded(deps.origin).stat(old.key)).toBeNull();
  });
});

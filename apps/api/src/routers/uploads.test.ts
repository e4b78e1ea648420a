import sharp from 'sharp';
import { beforeEach, describe, expect, it } from 'vitest';
import { signUpAndGetToken } from '../test/auth.js';
import { createTestDeps, type TestDeps } from '../test/deps.js';
import { grantFor, makeJpeg, OTHER_THUMBHASH, postToStorage, THUMBHASH, uploadPhoto } from '../test/photos.js';
import { bindStorePeer } from '../test/storage.js';

describe('uploads', () => {
  let deps: TestDeps;
  let alice: Awaited<ReturnType<typeof signUpAndGetToken>>;
  let bob: Awaited<ReturnType<typeof signUpAndGetToken>>;
  beforeEach(async () => {
    deps = await createTestDeps();
    alice = await signUpAndGetToken(deps, 'alice');
    bob = await signUpAndGetToken(deps, 'bob');
  });

  it('grants a token for one server-chosen key under the home, then records what storage holds', async () => {
    const bytes = await makeJpeg(120, 80);
    const { tickets } = await alice.caller.uploads.create({
      homeId: alice.homeId,
      files: [{ filename: '宝宝.jpg', size: bytes.length, mime: 'image/jpeg' }],
    });
    const ticket = tickets[0];
    if (ticket?.kind !== 'upload') throw new Error('expected an upload ticket');
    expect(ticket.key).toMatch(new RegExp(`^h/${alice.homeId}/\\d{4}/\\d{2}/[0-9a-f-]{36}\\.jpg$`));
    expect(ticket.fields.key).toBe(ticket.key);
    expect(ticket.uploadUrl).toBe(`${deps.origin}/store/up`);
    expect(new Date(ticket.expiresAt).getTime() - deps.clock.now().getTime()).toBeLessThanOrEqual(15 * 60 * 1000);

    const posted = await postToStorage(ticket, bytes, '宝宝.jpg');
    expect(posted.status).toBe(200);
    expect(posted.body).toMatchObject({
      key: ticket.key,
      size: bytes.length,
      mime: 'image/jpeg',
      width: '120',
      height: '80',
    });

    const { photo, duplicate } = await alice.caller.uploads.confirm({
      homeId: alice.homeId,
      key: ticket.key,
      width: 120,
      height: 80,
    });
    expect(duplicate).toBe(false);
    expect(photo).toMatchObject({
      filename: '宝宝.jpg',
      size: bytes.length,
      mime: 'image/jpeg',
      width: 120,
      height: 80,
    });
    expect(photo.availability).toBe('ok');

    const thumb = await fetch(photo.thumbUrl ?? '');
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
  });

  it('thumbnails come out upright for photos whose camera recorded a rotation', async () => {
    const sideways = await sharp(await makeJpeg(120, 80))
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    const { photo } = await uploadPhoto(alice.caller, alice.homeId, { bytes: sideways, width: 80, height: 120 });
    const thumb = Buffer.from(await (await fetch(photo.thumbUrl ?? '')).arrayBuffer());
    const meta = await sharp(thumb).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 80, 120]);
  });

  it('confirm is idempotent', async () => {
    const first = await uploadPhoto(alice.caller, alice.homeId);
    const again = await alice.caller.uploads.confirm({ homeId: alice.homeId, key: first.key });
    expect(again.photo.id).toBe(first.photo.id);
    const page = await alice.caller.photos.list({ homeId: alice.homeId });
    expect(page.items).toHaveLength(1);
  });

  it('reports a duplicate instead of storing the same content twice', async () => {
    const first = await uploadPhoto(alice.caller, alice.homeId);
    const second = await uploadPhoto(alice.caller, alice.homeId, { bytes: first.bytes });
    expect(second.duplicate).toBe(true);
    expect(second.photo.id).toBe(first.photo.id);
    expect(await deps.storage.embedded(deps.origin).stat(second.key)).toBeNull();
    expect((await alice.caller.photos.list({ homeId: alice.homeId })).items).toHaveLength(1);

    // Knowing the hash up front skips the upload altogether.
    const etag = (await deps.storage.embedded(deps.origin).stat(first.key))?.etag ?? '';
    const { tickets } = await alice.caller.uploads.create({
      homeId: alice.homeId,
      files: [{ filename: 'again.jpg', size: first.bytes.length, mime: 'image/jpeg', qetag: etag }],
    });
    expect(tickets).toEqual([{ kind: 'duplicate', photoId: first.photo.id }]);
    // Another home (Bob's own) with the same picture is not told anything about Alice's home's library.
    const bobs = await bob.caller.uploads.create({
      homeId: bob.homeId,
      files: [{ filename: 'again.jpg', size: first.bytes.length, mime: 'image/jpeg', qetag: etag }],
    });
    expect(bobs.tickets[0]?.kind).toBe('upload');
  });

  it('keeps the thumbhash a confirm brings; a duplicate gives its own to an older photo that has none', async () => {
    const withHash = await uploadPhoto(alice.caller, alice.homeId, { thumbhash: THUMBHASH });
    expect(withHash.photo.thumbhash).toBe(THUMBHASH);

    // Uploaded before thumbhashes: none. The same picture sent again by a device that makes one gives it.
    const old = await uploadPhoto(alice.caller, alice.homeId);
    expect(old.photo.thumbhash).toBeNull();
    const again = await uploadPhoto(alice.caller, alice.homeId, { bytes: old.bytes, thumbhash: OTHER_THUMBHASH });
    expect([again.duplicate, again.photo.id, again.photo.thumbhash]).toEqual([true, old.photo.id, OTHER_THUMBHASH]);
    // A photo that has one keeps it, whoever sends the picture again with another.
    const third = await uploadPhoto(alice.caller, alice.homeId, { bytes: old.bytes, thumbhash: THUMBHASH });
    expect([third.duplicate, third.photo.thumbhash]).toEqual([true, OTHER_THUMBHASH]);
    const dup = await uploadPhoto(alice.caller, alice.homeId, { bytes: withHash.bytes, thumbhash: OTHER_THUMBHASH });
    expect(dup.photo.thumbhash).toBe(THUMBHASH);

    const listed = await alice.caller.photos.list({ homeId: alice.homeId });
    expect(new Map(listed.items.map((p) => [p.id, p.thumbhash]))).toEqual(
      new Map([
        [withHash.photo.id, THUMBHASH],
        [old.photo.id, OTHER_THUMBHASH],
      ]),
    );
  });

  it('refuses a thumbhash that is not one, and records nothing', async () => {
    const bytes = await makeJpeg();
    const ticket = await grantFor(alice.caller, alice.homeId, bytes);
    expect((await postToStorage(ticket, bytes)).status).toBe(200);
    for (const thumbhash of ['short', 'A'.repeat(40), 'not base64 at all!!', `${THUMBHASH.slice(0, 20)}====`, '']) {
      await expect(
        alice.caller.uploads.confirm({ homeId: alice.homeId, key: ticket.key, thumbhash }),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST', cause: { name: 'ZodError' } });
    }
    expect((await alice.caller.photos.list({ homeId: alice.homeId })).items).toHaveLength(0);
  });

  it('refuses to confirm what is not in storage, unknown keys and another home’s key', async () => {
    const bytes = await makeJpeg();
    const ticket = await grantFor(alice.caller, alice.homeId, bytes);
    await expect(alice.caller.uploads.confirm({ homeId: alice.homeId, key: ticket.key })).rejects.toMatchObject({
      cause: { code: 'UPLOAD_NOT_IN_STORAGE' },
    });
    await expect(
      alice.caller.uploads.confirm({ homeId: alice.homeId, key: `h/${alice.homeId}/2026/01/nope.jpg` }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await postToStorage(ticket, bytes);
    await expect(bob.caller.uploads.confirm({ homeId: bob.homeId, key: ticket.key })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('storage enforces the grant: deadline, exact key, size and type', async () => {
    const bytes = await makeJpeg();
    const create = async () => {
      const { tickets } = await alice.caller.uploads.create({
        homeId: alice.homeId,
        files: [{ filename: 'a.jpg', size: bytes.length, mime: 'image/jpeg' }],
      });
      const ticket = tickets[0];
      if (ticket?.kind !== 'upload') throw new Error('expected an upload ticket');
      return ticket;
    };
    const late = await create();
    deps.clock.advance(16 * 60 * 1000);
    expect((await postToStorage(late, bytes)).status).toBe(401);

    const other = await create();
    const wrongKey = { ...other, fields: { ...other.fields, key: `h/${bob.homeId}/2026/01/x.jpg` } };
    expect((await postToStorage(wrongKey, bytes)).status).toBe(403);

    const big = await create();
    expect((await postToStorage(big, Buffer.concat([bytes, Buffer.alloc(200 * 1024, 1)]))).status).toBe(413);

    const text = await create();
    expect((await postToStorage(text, Buffer.from('#!/bin/sh\necho not a photo\n'.repeat(10)), 'a.jpg')).status).toBe(
      403,
    );
  });

  it('refuses files over the server cap and empty or oversized batches', async () => {
    await expect(
      alice.caller.uploads.create({
        homeId: alice.homeId,
        files: [{ filename: 'huge.jpg', size: deps.config.maxUploadBytes + 1, mime: 'image/jpeg' }],
      }),
    ).rejects.toMatchObject({ cause: { code: 'UPLOAD_TOO_LARGE', details: { field: 'files.0.size' } } });
    await expect(alice.caller.uploads.create({ homeId: alice.homeId, files: [] })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('a storage failure during confirm is a clear error and records nothing', async () => {
    // Alice's bucket is "Qiniu" (this server's store as a Kodo peer) whose management host goes away
    // after the upload: confirm's stat then fails through the official SDK as it would against Qiniu.
    let managementReachable = true;
    const flaky = await createTestDeps({
      qiniuEndpoints: () => ({
        upload: `${flaky.origin}/store/up`,
        download: `${flaky.origin}/store/o`,
        rs: managementReachable ? `${flaky.origin}/store/rs` : 'http://127.0.0.1:9',
        rsf: `${flaky.origin}/store/rsf`,
        uc: `${flaky.origin}/store/api`,
      }),
    });
    const carol = await signUpAndGetToken(flaky, 'carol');
    await bindStorePeer(flaky, carol);

    const bytes = await makeJpeg();
    const { tickets } = await carol.caller.uploads.create({
      homeId: carol.homeId,
      files: [{ filename: 'a.jpg', size: bytes.length, mime: 'image/jpeg' }],
    });
    const ticket = tickets[0];
    if (ticket?.kind !== 'upload') throw new Error('expected an upload ticket');
    expect((await postToStorage(ticket, bytes)).status).toBe(200);
    managementReachable = false;
    await expect(carol.caller.uploads.confirm({ homeId: carol.homeId, key: ticket.key })).rejects.toMatchObject({
      cause: { code: 'STORAGE_UNREACHABLE' },
    });
    expect((await carol.caller.photos.list({ homeId: carol.homeId })).items).toHaveLength(0);
    managementReachable = true;
    await expect(carol.caller.uploads.confirm({ homeId: carol.homeId, key: ticket.key })).resolves.toMatchObject({
      duplicate: false,
    });
  });
});

/**
 * uploads.listParts against the embedded S3 peer: a device resuming an S3 multipart upload after a reopen
 * gets the parts the bucket holds (number, ETag, size) and completes with them. Refused: another home's or
 * another member's key, a wrong UploadId, a viewer, an expired row, an aborted or confirmed upload; storage
 * that lost the upload says so; a joined one not yet confirmed says so; a qiniu-v2 plan is BAD_INPUT.
 */
import { MULTIPART_THRESHOLD_BYTES } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MULTIPART_UPLOAD_MS } from '../services/upload-parts.js';
import { PEER_BUCKET } from '../storage/embedded/s3/testing.js';
import { signUpAndGetToken } from '../test/auth.js';
import { createTestDeps } from '../test/deps.js';
import { appCodeOf } from '../test/family.js';
import { joinHome } from '../test/homes.js';
import { makeJpeg } from '../test/photos.js';
import { type S3Home, s3Home, sendParts, startMultipart } from '../test/s3-home.js';

const MIB = 1024 * 1024;

describe('uploads.listParts (S3 multipart)', () => {
  let home: S3Home;
  let file: Buffer;
  beforeEach(async () => {
    home = await s3Home();
    const jpeg = await makeJpeg();
    // Three parts of the minimum size, the last one shorter.
    file = Buffer.concat([jpeg, Buffer.alloc(MULTIPART_THRESHOLD_BYTES + 3 * MIB - jpeg.length, 5)]);
  });
  afterEach(async () => {
    await home.close();
  });

  const caller = () => home.owner.caller;
  const homeId = () => home.owner.homeId;
  const start = () => startMultipart(caller(), homeId(), file.length);
  const ids = (upload: { key: string; uploadId: string }) => ({
    homeId: homeId(),
    key: upload.key,
    uploadId: upload.uploadId,
  });

  it('answers the parts the bucket holds, and completing with them makes the photo', async () => {
    const upload = await start();
    expect(await caller().uploads.listParts(ids(upload))).toEqual({ parts: [] });
    const sent = await sendParts(caller(), homeId(), upload, file, [1, 3]);
    const listed = await caller().uploads.listParts(ids(upload));
    const lastSize = file.length - 2 * upload.partBytes;
    expect(listed.parts).toEqual([
      { partNumber: 1, etag: sent[0]?.etag.replace(/"/g, ''), size: upload.partBytes },
      { partNumber: 3, etag: sent[1]?.etag.replace(/"/g, ''), size: lastSize },
    ]);
    // The device sends only what is missing, and completes with the bucket's list.
    await sendParts(caller(), homeId(), upload, file, [2]);
    const all = await caller().uploads.listParts(ids(upload));
    expect(all.parts.map((p) => p.partNumber)).toEqual([1, 2, 3]);
    const parts = all.parts.map(({ partNumber, etag }) => ({ partNumber, etag }));
    expect(await caller().uploads.completeParts({ ...ids(upload), parts })).toEqual({ ok: true });
    // Joined but not confirmed (the answer lost): the device is told to complete again, which finishes it.
    const joined = await caller()
      .uploads.listParts(ids(upload))
      .catch((e: unknown) => e);
    expect(joined).toMatchObject({ cause: { code: 'BAD_INPUT', details: { completed: true } } });
    expect(await caller().uploads.completeParts({ ...ids(upload), parts })).toEqual({ ok: true });
    expect((await caller().uploads.confirm({ homeId: homeId(), key: upload.key })).photo.size).toBe(file.length);
    expect(await appCodeOf(caller().uploads.listParts(ids(upload)))).toBe('NOT_FOUND');
  });

  it('refuses another home’s key, another member’s, a wrong UploadId, a viewer and an expired row', async () => {
    const upload = await start();
    await sendParts(caller(), homeId(), upload, file, [1]);
    const dad = await signUpAndGetToken(home.deps, 'dad');
    const grandma = await signUpAndGetToken(home.deps, 'grandma');
    await joinHome(home.owner, dad, 'member');
    await joinHome(home.owner, grandma, 'viewer');
    const stranger = await signUpAndGetToken(home.deps, 'stranger');
    const list = (who: typeof dad, input: { homeId: string; key: string; uploadId: string }) =>
      appCodeOf(who.caller.uploads.listParts(input));
    expect(await list(home.owner, { ...ids(upload), uploadId: 'another-upload' })).toBe('NOT_FOUND');
    expect(await list(home.owner, { ...ids(upload), key: `${upload.key}x` })).toBe('NOT_FOUND');
    expect(await list(dad, ids(upload))).toBe('NOT_FOUND');
    expect(await list(stranger, ids(upload))).toBe('NOT_FOUND');
    expect(await list(stranger, { ...ids(upload), homeId: stranger.homeId })).toBe('NOT_FOUND');
    expect(await list(grandma, ids(upload))).toBe('FORBIDDEN');
    home.advance(MULTIPART_UPLOAD_MS + 1000);
    expect(await list(home.owner, ids(upload))).toBe('UPLOAD_EXPIRED');
  });

  it('says when storage lost the upload, and refuses an aborted one', async () => {
    const lost = await start();
    await home.peer.peer.multipart.abort(PEER_BUCKET, lost.key, lost.uploadId);
    expect(await appCodeOf(caller().uploads.listParts(ids(lost)))).toBe('UPLOAD_NOT_IN_STORAGE');
    const aborted = await start();
    await caller().uploads.abortParts(ids(aborted));
    expect(await appCodeOf(caller().uploads.listParts(ids(aborted)))).toBe('NOT_FOUND');
    const down = await start();
    await home.peer.close();
    expect(await appCodeOf(caller().uploads.listParts(ids(down)))).toBe('STORAGE_UNREACHABLE');
  });
});

describe('uploads.listParts (Qiniu v2)', () => {
  it('answers BAD_INPUT: that client lists its parts itself with its token', async () => {
    const deps = await createTestDeps();
    const alice = await signUpAndGetToken(deps, 'alice');
    const { tickets } = await alice.caller.uploads.create({
      homeId: alice.homeId,
      files: [{ filename: 'steps.mp4', size: MULTIPART_THRESHOLD_BYTES + MIB, mime: 'video/mp4' }],
    });
    const ticket = tickets[0];
    if (ticket?.kind !== 'upload' || ticket.multipart?.protocol !== 'qiniu-v2') throw new Error('expected a v2 plan');
    expect(
      await appCodeOf(alice.caller.uploads.listParts({ homeId: alice.homeId, key: ticket.key, uploadId: 'u' })),
    ).toBe('BAD_INPUT');
    const bob = await signUpAndGetToken(deps, 'bob');
    expect(await appCodeOf(bob.caller.uploads.listParts({ homeId: bob.homeId, key: ticket.key, uploadId: 'u' }))).toBe(
      'NOT_FOUND',
    );
  });
});

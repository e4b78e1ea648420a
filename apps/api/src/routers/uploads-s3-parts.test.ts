/**
 * Large files into an S3 bucket in parts, end to end against the embedded S3 peer: uploads.create starts
 * the multipart upload, signParts' presigned URLs take the parts, completeParts joins them, confirm
 * records the photo. And every refusal: another member's or another home's upload, a wrong UploadId, part
 * numbers past the file, an expired row, parts that add up past the declared size, parts the storage does
 * not have, an object already at the key (never replaced), storage down; a viewer may not; abort, and the sweep aborting what was left open.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { MULTIPART_PART_MIN_BYTES, MULTIPART_THRESHOLD_BYTES } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { housekeeping } from '../services/housekeeping.js';
import { MULTIPART_UPLOAD_MS, partBytesFor } from '../services/upload-parts.js';
import { PEER_BUCKET } from '../storage/embedded/s3/testing.js';
import { signUpAndGetToken } from '../test/auth.js';
import { appCodeOf } from '../test/family.js';
import { joinHome } from '../test/homes.js';
import { makeJpeg } from '../test/photos.js';
import {
  type S3Home,
  type S3MultipartUpload,
  s3Home,
  sendParts as sendPartsOf,
  startMultipart,
  ticketFor,
} from '../test/s3-home.js';

const MIB = 1024 * 1024;

describe('S3 multipart uploads', () => {
  let home: S3Home;
  let file: Buffer;
  beforeEach(async () => {
    home = await s3Home();
    // A real JPEG's start (the type is sniffed at confirm), padded past the threshold: two parts.
    const jpeg = await makeJpeg();
    file = Buffer.concat([jpeg, Buffer.alloc(MULTIPART_THRESHOLD_BYTES + MIB - jpeg.length, 7)]);
  });
  afterEach(async () => {
    await home.close();
  });

  const caller = () => home.owner.caller;
  const homeId = () => home.owner.homeId;

  const start = (size = file.length) => startMultipart(caller(), homeId(), size);
  const sendParts = (upload: S3MultipartUpload, body: Buffer) => sendPartsOf(caller(), homeId(), upload, body);

  const ids = (upload: { key: string; uploadId: string }) => ({
    homeId: homeId(),
    key: upload.key,
    uploadId: upload.uploadId,
  });

  it('starts the upload at create, takes the parts through signed URLs, joins them and confirms the photo', async () => {
    const upload = await start();
    expect(upload.partBytes).toBe(MULTIPART_PART_MIN_BYTES);
    const row = await home.deps.db.selectFrom('uploads').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ object_key: upload.key, upload_id: upload.uploadId });
    expect(Date.parse(row.expires_at) - home.deps.clock.now().getTime()).toBe(MULTIPART_UPLOAD_MS);
    // A small file of the same bucket gets no plan.
    expect((await ticketFor(caller(), homeId(), { size: 1000 })).multipart).toBeUndefined();

    const parts = await sendParts(upload, file);
    expect(parts).toHaveLength(2);
    expect(await caller().uploads.completeParts({ ...ids(upload), parts })).toEqual({ ok: true });
    // An answer lost on the way back: completing again is fine.
    expect(await caller().uploads.completeParts({ ...ids(upload), parts })).toEqual({ ok: true });
    expect(home.peer.peer.objects.get(PEER_BUCKET, upload.key)).toMatchObject({
      size: file.length,
      contentType: 'image/jpeg',
    });

    const { photo } = await caller().uploads.confirm({ homeId: homeId(), key: upload.key });
    expect(photo).toMatchObject({ size: file.length, mime: 'image/jpeg' });
    // Once in the library the upload takes no more parts.
    expect(await appCodeOf(caller().uploads.signParts({ ...ids(upload), partNumbers: [1] }))).toBe('NOT_FOUND');
  });

  it('refuses a wrong UploadId, another member’s upload, another home’s, and a viewer', async () => {
    const upload = await start();
    const dad = await signUpAndGetToken(home.deps, 'dad');
    const grandma = await signUpAndGetToken(home.deps, 'grandma');
    await joinHome(home.owner, dad, 'member');
    await joinHome(home.owner, grandma, 'viewer');
    const stranger = await signUpAndGetToken(home.deps, 'stranger');
    const sign = (who: typeof dad, input: { homeId: string; key: string; uploadId: string }) =>
      appCodeOf(who.caller.uploads.signParts({ ...input, partNumbers: [1] }));
    expect(await sign(home.owner, { ...ids(upload), uploadId: 'another-upload' })).toBe('NOT_FOUND');
    expect(await sign(dad, ids(upload))).toBe('NOT_FOUND');
    expect(await sign(stranger, ids(upload))).toBe('NOT_FOUND');
    expect(await sign(stranger, { ...ids(upload), homeId: stranger.homeId })).toBe('NOT_FOUND');
    expect(await sign(grandma, ids(upload))).toBe('FORBIDDEN');
    for (const who of [dad, stranger]) {
      expect(await appCodeOf(who.caller.uploads.abortParts(ids(upload)))).toBe('NOT_FOUND');
      expect(
        await appCodeOf(who.caller.uploads.completeParts({ ...ids(upload), parts: [{ partNumber: 1, etag: 'x' }] })),
      ).toBe('NOT_FOUND');
    }
    // Nothing was aborted by the refusals.
    expect(home.peer.peer.multipart.has(upload.uploadId)).toBe(true);
  });

  it('refuses part numbers past the file, parts out of order, and parts storage does not have', async () => {
    const upload = await start();
    expect(await appCodeOf(caller().uploads.signParts({ ...ids(upload), partNumbers: [1, 3] }))).toBe('BAD_INPUT');
    const parts = await sendParts(upload, file);
    const [one, two] = parts as [(typeof parts)[0], (typeof parts)[0]];
    const complete = (list: typeof parts) => appCodeOf(caller().uploads.completeParts({ ...ids(upload), parts: list }));
    expect(await complete([two, one])).toBe('BAD_INPUT');
    expect(await complete([one, { partNumber: 3, etag: two.etag }])).toBe('BAD_INPUT');
    expect(await complete([one, { ...two, etag: '"0123456789abcdef0123456789abcdef"' }])).toBe('BAD_INPUT');
    expect(home.peer.peer.objects.get(PEER_BUCKET, upload.key)).toBeUndefined();
    // The upload is still open and completes with the right parts.
    expect(await caller().uploads.completeParts({ ...ids(upload), parts })).toEqual({ ok: true });
  });

  it('never replaces an object already at the key: the completion is guarded and answered CONFLICT', async () => {
    const upload = await start();
    const parts = await sendParts(upload, file);
    await home.peer.client().send(new PutObjectCommand({ Bucket: PEER_BUCKET, Key: upload.key, Body: 'earlier' }));
    expect(await appCodeOf(caller().uploads.completeParts({ ...ids(upload), parts }))).toBe('CONFLICT');
    expect(home.peer.peer.objects.get(PEER_BUCKET, upload.key)?.size).toBe('earlier'.length);
    // Nothing is left half-open: the upload is aborted on the storage, and its row is gone, so the object
    // that is there can never be confirmed as this upload, nor the upload completed or listed again.
    expect(home.peer.peer.multipart.has(upload.uploadId)).toBe(false);
    expect(await appCodeOf(caller().uploads.confirm({ homeId: homeId(), key: upload.key }))).toBe('NOT_FOUND');
    expect(await appCodeOf(caller().uploads.completeParts({ ...ids(upload), parts }))).toBe('NOT_FOUND');
    expect(await appCodeOf(caller().uploads.listParts(ids(upload)))).toBe('NOT_FOUND');
    // A fresh ticket for the same file goes under a new key and lands.
    const again = await start();
    expect(again.key).not.toBe(upload.key);
    expect(await caller().uploads.completeParts({ ...ids(again), parts: await sendParts(again, file) })).toEqual({
      ok: true,
    });
  });

  it('refuses parts that add up past the declared size, and deletes what they made', async () => {
    // Declared the threshold (two parts of the minimum), sent as two full parts.
    const upload = await start(MULTIPART_THRESHOLD_BYTES);
    const parts = await sendParts(upload, Buffer.concat([file.subarray(0, 2 * upload.partBytes)]));
    expect(await appCodeOf(caller().uploads.completeParts({ ...ids(upload), parts }))).toBe('UPLOAD_TOO_LARGE');
    expect(home.peer.peer.objects.get(PEER_BUCKET, upload.key)).toBeUndefined();
    expect(await appCodeOf(caller().uploads.confirm({ homeId: homeId(), key: upload.key }))).toBe(
      'UPLOAD_NOT_IN_STORAGE',
    );
  });

  it('refuses once the row has expired, and when storage cannot be reached', async () => {
    const upload = await start();
    const parts = await sendParts(upload, file);
    home.advance(MULTIPART_UPLOAD_MS + 1000);
    expect(await appCodeOf(caller().uploads.signParts({ ...ids(upload), partNumbers: [1] }))).toBe('UPLOAD_EXPIRED');
    expect(await appCodeOf(caller().uploads.completeParts({ ...ids(upload), parts }))).toBe('UPLOAD_EXPIRED');

    const fresh = await start();
    const freshParts = await sendParts(fresh, file);
    await home.peer.close();
    expect(await appCodeOf(caller().uploads.completeParts({ ...ids(fresh), parts: freshParts }))).toBe(
      'STORAGE_UNREACHABLE',
    );
    expect(await appCodeOf(caller().uploads.abortParts(ids(fresh)))).toBe('STORAGE_UNREACHABLE');
  });

  it('aborts on request (the parts go), and the sweep aborts uploads left open past their row', async () => {
    const upload = await start();
    await sendParts(upload, file);
    expect(await caller().uploads.abortParts(ids(upload))).toEqual({ ok: true });
    expect(home.peer.peer.multipart.has(upload.uploadId)).toBe(false);
    expect(await appCodeOf(caller().uploads.signParts({ ...ids(upload), partNumbers: [1] }))).toBe('NOT_FOUND');

    const left = await start();
    const done = await start();
    await caller().uploads.completeParts({ ...ids(done), parts: await sendParts(done, file) });
    await caller().uploads.confirm({ homeId: homeId(), key: done.key });
    expect((await housekeeping(home.deps, home.deps.origin)).multipart).toBe(0);
    home.advance(MULTIPART_UPLOAD_MS + 1000);
    expect((await housekeeping(home.deps, home.deps.origin)).multipart).toBe(1);
    expect(home.peer.peer.multipart.has(left.uploadId)).toBe(false);
    expect(home.peer.peer.objects.get(PEER_BUCKET, done.key)?.size).toBe(file.length);
    expect((await housekeeping(home.deps, home.deps.origin)).multipart).toBe(0);
  });
});

describe('partBytesFor', () => {
  it('keeps parts within S3’s bounds and count', () => {
    expect(partBytesFor(MULTIPART_THRESHOLD_BYTES)).toBe(MULTIPART_PART_MIN_BYTES);
    const big = 4 * 1024 * MIB;
    expect(partBytesFor(big)).toBe(MULTIPART_PART_MIN_BYTES);
    expect(Math.ceil(big / partBytesFor(big))).toBeLessThanOrEqual(10_000);
    expect(partBytesFor(1024 * 1024 * MIB)).toBeLessThanOrEqual(64 * MIB);
  });
});

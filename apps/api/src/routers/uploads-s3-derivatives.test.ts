/**
 * What an S3 bucket without image processing (MinIO here, as R2, AWS and custom) adds to uploads, end to
 * end against the embedded S3 peer: derivative grants, confirm checking the client-made JPEGs, the grid
 * and viewer signing them, purge deleting them; the type read from the bytes at confirm; duplicates found
 * by the device's qetag before sending; and a bucket of the same name on another endpoint kept apart.
 */
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DERIVATIVE_MAX_BYTES, derivativeKey } from '../services/derivatives.js';
import { PEER_BUCKET, startS3Peer, type TestPeer } from '../storage/embedded/s3/testing.js';
import { appCodeOf } from '../test/family.js';
import { makeJpeg, postToStorage } from '../test/photos.js';
import { putWith, type S3Home, s3Home, ticketFor } from '../test/s3-home.js';

const QETAG = 'FqetagFqetagFqetagFqetagFqet';

describe('S3 buckets without image processing', () => {
  let home: S3Home;
  beforeEach(async () => {
    home = await s3Home();
  });
  afterEach(async () => {
    await home.close();
  });
  const caller = () => home.owner.caller;
  const homeId = () => home.owner.homeId;
  const stored = (key: string) => home.peer.peer.objects.get(PEER_BUCKET, key);

  async function uploaded(bytes: Buffer, mime: 'image/jpeg' | 'video/mp4' = 'image/jpeg', qetag?: string) {
    const ticket = await ticketFor(caller(), homeId(), { size: bytes.length, mime, ...(qetag ? { qetag } : {}) });
    expect((await postToStorage(ticket, bytes, 'f', mime)).status).toBe(200);
    return ticket;
  }

  it('grants both derivatives beside the original, checks them at confirm, signs them, and purges them', async () => {
    const original = await makeJpeg(800, 600);
    const ticket = await uploaded(original);
    expect(ticket.derivatives).toEqual([
      expect.objectContaining({ variant: 'thumb', key: `${ticket.key}.thumb.jpg`, maxSide: 480, method: 'PUT' }),
      expect.objectContaining({ variant: 'preview', key: `${ticket.key}.preview.jpg`, maxSide: 2048, method: 'PUT' }),
    ]);
    const [thumbGrant] = ticket.derivatives ?? [];
    if (!thumbGrant) throw new Error('no thumb grant');
    expect(thumbGrant.headers).toEqual({ 'Content-Type': 'image/jpeg', 'If-None-Match': '*' });
    const thumb = await makeJpeg(480, 360);
    expect((await putWith(thumbGrant, thumb)).status).toBe(200);
    // The same no-overwrite guard as the original's.
    expect((await putWith(thumbGrant, await makeJpeg(48, 36))).status).toBe(412);
    // Claimed but never stored: refused, nothing recorded.
    expect(
      await appCodeOf(
        caller().uploads.confirm({ homeId: homeId(), key: ticket.key, derivatives: ['thumb', 'preview'] }),
      ),
    ).toBe('UPLOAD_NOT_IN_STORAGE');

    const { photo } = await caller().uploads.confirm({ homeId: homeId(), key: ticket.key, derivatives: ['thumb'] });
    const row = await home.deps.db.selectFrom('photos').select('derivatives').executeTakeFirstOrThrow();
    expect(row.derivatives).toBe('thumb');
    const listed = (await caller().photos.list({ homeId: homeId() })).items[0];
    expect(listed?.thumbUrl).toContain(`/${PEER_BUCKET}/${ticket.key}.thumb.jpg?`);
    expect(Buffer.from(await (await fetch(listed?.thumbUrl ?? '')).arrayBuffer())).toEqual(thumb);
    // No preview stored: the viewer falls back to the original.
    const detail = await caller().photos.get({ homeId: homeId(), id: photo.id });
    expect(Buffer.from(await (await fetch(detail.previewUrl ?? '')).arrayBuffer())).toEqual(original);

    await caller().photos.trash({ homeId: homeId(), ids: [photo.id] });
    expect(await caller().photos.purge({ homeId: homeId(), ids: [photo.id] })).toMatchObject({ count: 1 });
    expect(stored(ticket.key)).toBeUndefined();
    expect(stored(derivativeKey(ticket.key, 'thumb'))).toBeUndefined();
  });

  it('refuses and deletes a derivative that is not a JPEG or is over its cap', async () => {
    const ticket = await uploaded(await makeJpeg());
    const [thumb, preview] = ticket.derivatives ?? [];
    if (!thumb || !preview) throw new Error('no grants');
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    expect((await putWith(thumb, png)).status).toBe(200);
    expect(
      await appCodeOf(caller().uploads.confirm({ homeId: homeId(), key: ticket.key, derivatives: ['thumb'] })),
    ).toBe('UPLOAD_UNSUPPORTED_TYPE');
    expect(stored(thumb.key)).toBeUndefined();
    const huge = Buffer.concat([await makeJpeg(), Buffer.alloc(DERIVATIVE_MAX_BYTES.preview, 1)]);
    expect((await putWith(preview, huge)).status).toBe(200);
    expect(
      await appCodeOf(caller().uploads.confirm({ homeId: homeId(), key: ticket.key, derivatives: ['preview'] })),
    ).toBe('UPLOAD_TOO_LARGE');
    expect(stored(preview.key)).toBeUndefined();
    // The original is still there to confirm without them.
    expect((await caller().uploads.confirm({ homeId: homeId(), key: ticket.key })).photo.mime).toBe('image/jpeg');
  });

  it('reads the type from the bytes at confirm: a renamed file is refused and deleted, an MP4 is a video', async () => {
    const text = Buffer.from('<html>not a photo at all</html>');
    const fake = await uploaded(text);
    expect(stored(fake.key)?.contentType).toBe('image/jpeg');
    expect(await appCodeOf(caller().uploads.confirm({ homeId: homeId(), key: fake.key }))).toBe(
      'UPLOAD_UNSUPPORTED_TYPE',
    );
    expect(stored(fake.key)).toBeUndefined();
    expect(await home.deps.db.selectFrom('photos').select('id').execute()).toEqual([]);

    // ISO BMFF: size, 'ftyp', brand isom.
    const mp4 = Buffer.concat([
      Buffer.from([0, 0, 0, 0x18]),
      Buffer.from('ftypisom\0\0\x02\0isomiso2'),
      Buffer.alloc(64),
    ]);
    const video = await uploaded(mp4, 'video/mp4');
    const { photo } = await caller().uploads.confirm({ homeId: homeId(), key: video.key, durationMs: 1500 });
    expect(photo).toMatchObject({ mime: 'video/mp4', durationMs: 1500 });
  });

  it('finds a re-upload by the device’s qetag before it is sent, and records the qetag on the photo', async () => {
    const bytes = await makeJpeg();
    const first = await uploaded(bytes, 'image/jpeg', QETAG);
    const { photo } = await caller().uploads.confirm({ homeId: homeId(), key: first.key });
    const row = await home.deps.db.selectFrom('photos').select(['qetag', 'etag']).executeTakeFirstOrThrow();
    expect(row.qetag).toBe(QETAG);
    expect(row.etag).not.toBe(QETAG);
    const { tickets } = await caller().uploads.create({
      homeId: homeId(),
      files: [{ filename: 'again.jpg', size: bytes.length, mime: 'image/jpeg', qetag: QETAG }],
    });
    expect(tickets).toEqual([{ kind: 'duplicate', photoId: photo.id }]);

    // Sent anyway (another device that did not say), the same bytes are a duplicate at confirm by the MD5.
    const twin = await uploaded(bytes);
    expect(await caller().uploads.confirm({ homeId: homeId(), key: twin.key })).toMatchObject({
      duplicate: true,
      photo: { id: photo.id },
    });
    expect(stored(twin.key)).toBeUndefined();
  });
});

describe('S3 buckets of one name on two endpoints', () => {
  let home: S3Home;
  let other: TestPeer;
  beforeEach(async () => {
    home = await s3Home();
    other = await startS3Peer();
    other.peer.setCors(PEER_BUCKET, [{ origins: [home.deps.origin], methods: ['GET', 'POST', 'PUT'], headers: ['*'] }]);
  });
  afterEach(async () => {
    await home.close();
    await other.close();
  });

  it('are two bindings: each keeps its photos, and binding the first again brings its own back', async () => {
    const { caller, homeId } = home.owner;
    const bytes = await makeJpeg();
    const ticket = await ticketFor(caller, homeId, { size: bytes.length });
    await postToStorage(ticket, bytes);
    const { photo } = await caller.uploads.confirm({ homeId, key: ticket.key });

    await caller.storage.bind({ homeId, ...home.binding, endpoint: other.origin });
    const rows = await home.deps.db
      .selectFrom('storage_bindings')
      .select(['endpoint', 'status'])
      .orderBy('created_at')
      .execute();
    expect(rows).toEqual([
      { endpoint: home.peer.origin, status: 'unbound' },
      { endpoint: other.origin, status: 'active' },
    ]);
    expect((await caller.photos.list({ homeId })).items[0]).toMatchObject({ id: photo.id, availability: 'unbound' });

    await caller.storage.bind({ homeId, ...home.binding });
    expect(await home.deps.db.selectFrom('storage_bindings').select('id').execute()).toHaveLength(2);
    const url = (await caller.photos.list({ homeId })).items[0]?.thumbUrl ?? '';
    expect(url.startsWith(home.peer.origin)).toBe(true);
    expect(Buffer.from(await (await fetch(url)).arrayBuffer())).toEqual(bytes);
  });
});

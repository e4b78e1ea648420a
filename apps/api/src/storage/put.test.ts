/**
 * The server's own writes (StorageProvider.put) and rendered reads (downloadVariant): Kodo's form upload
 * against the embedded store on its own port (the strict Kodo peer), S3 against the embedded S3 peer, each
 * with its refusals: an existing key (insertOnly / If-None-Match: * / forbid-overwrite), wrong keys, a
 * bucket that does not exist, storage that does not answer.
 */
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../integrations/clock.js';
import { makeJpeg } from '../test/photos.js';
import { storageRefusal } from '../test/storage.js';
import { PEER_BUCKET, peerTarget, startS3Peer, type TestPeer } from './embedded/s3/testing.js';
import { startTestStore, type TestStore } from './embedded/testing.js';
import { KodoStorage, type KodoTarget } from './kodo.js';
import type { ObjectDownload, StorageProvider } from './provider.js';
import { S3Storage, type S3Target } from './s3/storage.js';

const refusal = storageRefusal;

async function drain(download: Promise<ObjectDownload>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of (await download).body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
const bytesOf = (provider: StorageProvider, key: string, at: Date) => drain(provider.download(key, at));

describe('KodoStorage.put (form upload with a server-made token)', () => {
  let store: TestStore;
  beforeEach(async () => {
    store = await startTestStore();
  });
  afterEach(async () => {
    await store.close();
  });
  const target = (patch: Partial<KodoTarget> = {}): KodoTarget => {
    const e = store.store.endpoints(store.origin);
    return {
      kind: 'qiniu',
      bucket: store.store.bucket,
      domain: e.downloadDomain,
      accessKey: store.store.credentials.accessKey,
      secretKey: store.store.credentials.secretKey,
      endpoints: {
        upload: e.uploadUrl,
        download: e.downloadDomain,
        rs: `http://${e.rsHost}`,
        rsf: `http://${e.rsfHost}`,
        uc: `http://${e.apiHost}`,
      },
      ...patch,
    };
  };
  const kodo = (patch: Partial<KodoTarget> = {}) => new KodoStorage(target(patch), store.clock);
  const later = () => new Date(store.clock.now().getTime() + 60_000);

  it('stores the bytes at the exact key, readable with a signed URL, and refuses to overwrite them', async () => {
    const jpeg = await makeJpeg(40, 30);
    await kodo().put('w/one.jpg', jpeg, 'image/jpeg');
    expect(await kodo().stat('w/one.jpg')).toMatchObject({ size: jpeg.length, mime: 'image/jpeg' });
    expect(await bytesOf(kodo(), 'w/one.jpg', later())).toEqual(jpeg);

    const again = await refusal(() => kodo().put('w/one.jpg', Buffer.from('other bytes'), 'image/jpeg'));
    expect(again).toMatchObject({ reason: 'refused', status: 614 });
    expect(again.message).toMatch(/already exists/);
    expect(await bytesOf(kodo(), 'w/one.jpg', later())).toEqual(jpeg);
  });

  it('refuses bytes that are not the declared type (the token’s mimeLimit, detected from the bytes)', async () => {
    const error = await refusal(() => kodo().put('w/two.jpg', Buffer.from('<html>not a photo</html>'), 'image/jpeg'));
    expect(error.reason).toBe('refused');
    expect(await kodo().stat('w/two.jpg')).toBeNull();
  });

  it('refuses wrong keys, another bucket, and storage that does not answer', async () => {
    expect(
      (await refusal(() => kodo({ secretKey: 'wrong' }).put('w/a.jpg', Buffer.from([0xff, 0xd8]), 'image/jpeg')))
        .reason,
    ).toBe('bad_keys');
    const elsewhere = await refusal(() =>
      kodo({ bucket: 'no-such-bucket' }).put('w/a.jpg', Buffer.from([0xff, 0xd8]), 'image/jpeg'),
    );
    expect(elsewhere.reason).toBe('no_such_bucket');
    const gone = target();
    gone.endpoints = { ...gone.endpoints, upload: 'http://127.0.0.1:9/store/up' };
    expect(
      (await refusal(() => new KodoStorage(gone, store.clock).put('w/a.jpg', Buffer.from([1]), 'image/jpeg'))).reason,
    ).toBe('unreachable');
    expect(await kodo().stat('w/a.jpg')).toBeNull();
  });

  it('reads the storage’s processed preview (downloadVariant)', async () => {
    await kodo().put('w/big.jpg', await makeJpeg(3000, 1000), 'image/jpeg');
    const meta = await sharp(await drain(kodo().downloadVariant('w/big.jpg', later(), 'preview', 'image'))).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 2048, 683]);
  });
});

describe('S3Storage.put (PUT with the provider’s no-overwrite guard)', () => {
  let peer: TestPeer;
  beforeEach(async () => {
    peer = await startS3Peer();
  });
  afterEach(async () => {
    await peer.close();
  });
  const s3 = (patch: Partial<S3Target> = {}) =>
    new S3Storage(peerTarget(peer, patch), new ManualClock(peer.clock.now()), { maxAttempts: 1 });

  it('stores the bytes with their type, and refuses to overwrite them (If-None-Match: *)', async () => {
    const jpeg = await makeJpeg(40, 30);
    await s3().put('w/one.jpg', jpeg, 'image/jpeg');
    expect(await s3().stat('w/one.jpg')).toMatchObject({ size: jpeg.length, mime: 'image/jpeg' });
    const error = await refusal(() => s3().put('w/one.jpg', Buffer.from('other'), 'image/jpeg'));
    expect(error).toMatchObject({ reason: 'refused', status: 412 });
    expect(error.message).toMatch(/already exists/);
    expect(peer.peer.objects.get(PEER_BUCKET, 'w/one.jpg')?.size).toBe(jpeg.length);
  });

  it('refuses wrong keys, a bucket that does not exist, and an endpoint nothing answers on', async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff]);
    expect((await refusal(() => s3({ secretKey: 'wrong' }).put('w/a.jpg', jpeg, 'image/jpeg'))).reason).toBe(
      'bad_keys',
    );
    expect((await refusal(() => s3({ bucket: 'no-such-bucket' }).put('w/a.jpg', jpeg, 'image/jpeg'))).reason).toBe(
      'no_such_bucket',
    );
    expect(
      (await refusal(() => s3({ endpoint: 'http://127.0.0.1:9' }).put('w/a.jpg', jpeg, 'image/jpeg'))).reason,
    ).toBe('unreachable');
    expect(peer.peer.objects.get(PEER_BUCKET, 'w/a.jpg')).toBeUndefined();
  });

  it('reads the original as the variant where the preset has no image processing', async () => {
    const jpeg = await makeJpeg(40, 30);
    await s3().put('w/orig.jpg', jpeg, 'image/jpeg');
    const at = new Date(peer.clock.now().getTime() + 60_000);
    expect(await drain(s3().downloadVariant('w/orig.jpg', at, 'preview', 'image'))).toEqual(jpeg);
  });
});

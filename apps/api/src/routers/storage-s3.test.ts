/**
 * Binding an S3-compatible bucket end to end, against the embedded S3 peer on loopback (strict SigV4,
 * presign expiry, POST policy conditions): verification and its precise refusals, sealing, uploads through
 * a POST policy and through a presigned PUT, confirm, signed list URLs that fetch the bytes, purge.
 */
import { zStorageStatus } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { PEER_BUCKET, PEER_KEYS, startS3Peer, type TestPeer } from '../storage/embedded/s3/testing.js';
import { sealContext } from '../storage/resolver.js';
import { signUpAndGetToken } from '../test/auth.js';
import { createTestDeps, type TestDeps } from '../test/deps.js';
import { uploadPhoto } from '../test/photos.js';

describe('storage binding: S3', () => {
  let deps: TestDeps;
  let peer: TestPeer;
  let alice: Awaited<ReturnType<typeof signUpAndGetToken>>;
  let good: {
    provider: 's3';
    preset: 'minio' | 'custom';
    endpoint: string;
    bucket: string;
    accessKey: string;
    secretKey: string;
  };
  const logLines: string[] = [];

  beforeEach(async () => {
    // The peer runs on loopback, an endpoint of the owner's own: this server's operator allows those.
    deps = await createTestDeps({ s3OwnEndpoints: true });
    logLines.length = 0;
    deps.logger = createLogger('trace', { write: (line: string) => void logLines.push(line) });
    peer = await startS3Peer();
    // The H5 app is served by the API itself: its origin is the one the caller reached.
    peer.peer.setCors(PEER_BUCKET, [{ origins: [deps.origin], methods: ['GET', 'POST', 'PUT'], headers: ['*'] }]);
    alice = await signUpAndGetToken(deps, 'alice');
    good = {
      provider: 's3',
      preset: 'minio',
      endpoint: peer.origin,
      bucket: PEER_BUCKET,
      accessKey: PEER_KEYS.accessKey,
      secretKey: PEER_KEYS.secretKey,
    };
  });
  afterEach(async () => {
    await peer.close();
  });

  it('binds a MinIO without GetBucketCors, and its answer says by code that CORS was not checked and where to set it', async () => {
    peer.peer.setBucketCorsApi(false);
    const status = await alice.caller.storage.bind({ homeId: alice.homeId, ...good });
    expect(status.provider).toBe('s3');
    expect(status.unchecked).toEqual([{ code: 'corsUnchecked', origin: deps.origin, setIn: 'minioServer' }]);
    // What the client receives is the shared schema's, codes and all.
    expect(zStorageStatus.parse(status)).toEqual(status);
    // Where everything was checked, the answer carries no such list.
    peer.peer.setBucketCorsApi(true);
    expect((await alice.caller.storage.bind({ homeId: alice.homeId, ...good })).unchecked).toBeUndefined();
  });

  it('binds after verifying, seals the secret and never returns or logs it', async () => {
    const status = await alice.caller.storage.bind({ homeId: alice.homeId, ...good });
    expect(status).toMatchObject({
      provider: 's3',
      bucket: PEER_BUCKET,
      domain: null,
      region: null,
      s3: { preset: 'minio', endpoint: peer.origin, region: 'us-east-1', pathStyle: true },
      accessKeyMasked: `${PEER_KEYS.accessKey.slice(0, 4)}…${PEER_KEYS.accessKey.slice(-4)}`,
    });
    expect(JSON.stringify(status)).not.toContain(PEER_KEYS.secretKey);
    const row = await deps.db.selectFrom('storage_bindings').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ provider: 's3', preset: 'minio', endpoint: peer.origin, path_style: 1, domain: '' });
    expect(row.secret_key_sealed).not.toContain(PEER_KEYS.secretKey);
    expect(deps.sealer.open(row.secret_key_sealed, sealContext(alice.homeId))).toBe(PEER_KEYS.secretKey);
    expect(logLines.join('\n')).not.toContain(PEER_KEYS.secretKey);
  });

  it.each([
    ['a wrong secret key', { secretKey: 'wrong-secret-key' }, 'STORAGE_BAD_KEYS', /key/],
    ['an unknown access key', { accessKey: 'NOSUCHACCESSKEY' }, 'STORAGE_BAD_KEYS', /key/],
    ['a bucket that does not exist', { bucket: 'no-such-bucket' }, 'STORAGE_NO_SUCH_BUCKET', /No such bucket/],
    ['the wrong region', { region: 'eu-west-1' }, 'STORAGE_WRONG_REGION', /expecting 'us-east-1'/],
    ['an endpoint nothing answers on', { endpoint: 'http://127.0.0.1:9' }, 'STORAGE_UNREACHABLE', /reached/],
  ])('refuses %s precisely and saves nothing', async (_label, patch, code, message) => {
    const refused = alice.caller.storage.bind({ homeId: alice.homeId, ...good, ...patch });
    await expect(refused).rejects.toMatchObject({ cause: { code } });
    await expect(refused).rejects.toThrow(message);
    expect((await alice.caller.storage.status({ homeId: alice.homeId })).provider).toBe('embedded');
    expect(logLines.join('\n')).not.toContain(PEER_KEYS.secretKey);
  });

  it('binds no endpoint of the owner’s own (MinIO, custom) unless the operator allows it, calling nothing', async () => {
    const closed = await createTestDeps();
    const bob = await signUpAndGetToken(closed, 'bob');
    for (const preset of ['minio', 'custom'] as const) {
      await expect(bob.caller.storage.bind({ homeId: bob.homeId, ...good, preset })).rejects.toMatchObject({
        cause: { code: 'STORAGE_ENDPOINT_NOT_ALLOWED' },
      });
    }
    expect(await closed.db.selectFrom('storage_bindings').selectAll().execute()).toEqual([]);
  });

  it('refuses a bucket whose CORS rules leave the H5 app out', async () => {
    peer.peer.setCors(PEER_BUCKET, null);
    await expect(alice.caller.storage.bind({ homeId: alice.homeId, ...good })).rejects.toMatchObject({
      cause: { code: 'STORAGE_CORS_MISSING' },
    });
    peer.peer.setCors(PEER_BUCKET, [{ origins: ['https://elsewhere.example.com'], methods: ['POST'], headers: ['*'] }]);
    await expect(alice.caller.storage.bind({ homeId: alice.homeId, ...good })).rejects.toThrow(
      `no rule allows the origin ${deps.origin}`,
    );
  });

  it('refuses when this server clock is 20 minutes off the storage', async () => {
    peer.clock.advance(20 * 60_000);
    await expect(alice.caller.storage.bind({ homeId: alice.homeId, ...good })).rejects.toMatchObject({
      cause: { code: 'STORAGE_CLOCK_SKEW' },
    });
  });

  it.each([
    ['a POST policy (MinIO)', 'minio', 'POST'],
    ['a presigned PUT (no POST policy)', 'custom', 'PUT'],
  ] as const)('uploads through %s, confirms, lists URLs that fetch the bytes, and purges', async (_l, preset, method) => {
    await alice.caller.storage.bind({ homeId: alice.homeId, ...good, preset });
    const uploaded = await uploadPhoto(alice.caller, alice.homeId);
    const { tickets } = await alice.caller.uploads.create({
      homeId: alice.homeId,
      files: [{ filename: 'x.jpg', size: 10, mime: 'image/jpeg' }],
    });
    expect(tickets[0]).toMatchObject({ kind: 'upload', method });

    const stored = peer.peer.objects.get(PEER_BUCKET, uploaded.key);
    expect(stored).toMatchObject({ size: uploaded.bytes.length, contentType: 'image/jpeg' });
    const row = await deps.db
      .selectFrom('photos')
      .innerJoin('storage_bindings', 'storage_bindings.id', 'photos.binding_id')
      .select(['storage_bindings.provider', 'photos.etag'])
      .where('photos.id', '=', uploaded.photo.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ provider: 's3', etag: stored?.etag });

    const list = await alice.caller.photos.list({ homeId: alice.homeId });
    const listed = list.items.find((p) => p.id === uploaded.photo.id);
    expect(listed?.thumbUrl).toContain(`${peer.origin}/${PEER_BUCKET}/${uploaded.key}?`);
    expect(listed?.thumbUrl).toContain('X-Amz-Signature=');
    const thumb = await fetch(listed?.thumbUrl ?? '');
    expect(Buffer.from(await thumb.arrayBuffer())).toEqual(uploaded.bytes);
    const detail = await alice.caller.photos.get({ homeId: alice.homeId, id: uploaded.photo.id });
    expect(Buffer.from(await (await fetch(detail.originalUrl ?? '')).arrayBuffer())).toEqual(uploaded.bytes);

    // Confirming again answers the same photo; the same bytes again are a duplicate, kept once.
    const again = await alice.caller.uploads.confirm({ homeId: alice.homeId, key: uploaded.key });
    expect(again.photo.id).toBe(uploaded.photo.id);
    const twin = await uploadPhoto(alice.caller, alice.homeId, { bytes: uploaded.bytes });
    expect(twin).toMatchObject({ duplicate: true, photo: { id: uploaded.photo.id } });
    expect(peer.peer.objects.get(PEER_BUCKET, twin.key)).toBeUndefined();

    await alice.caller.photos.trash({ homeId: alice.homeId, ids: [uploaded.photo.id] });
    expect(await alice.caller.photos.purge({ homeId: alice.homeId, ids: [uploaded.photo.id] })).toEqual({
      count: 1,
      pending: 0,
    });
    expect(peer.peer.objects.get(PEER_BUCKET, uploaded.key)).toBeUndefined();
  });

  it('unbinds keeping the photos as unbound, and rebinding the bucket (rotated keys) brings them back', async () => {
    await alice.caller.storage.bind({ homeId: alice.homeId, ...good });
    const uploaded = await uploadPhoto(alice.caller, alice.homeId);
    expect(await alice.caller.storage.unbind({ homeId: alice.homeId })).toMatchObject({
      provider: 'embedded',
      unboundPhotoCount: 1,
    });
    const list = await alice.caller.photos.list({ homeId: alice.homeId });
    expect(list.items.find((p) => p.id === uploaded.photo.id)).toMatchObject({
      availability: 'unbound',
      thumbUrl: null,
    });

    const rebound = await alice.caller.storage.bind({ homeId: alice.homeId, ...good });
    expect(rebound).toMatchObject({ provider: 's3', unboundPhotoCount: 0 });
    expect(await deps.db.selectFrom('storage_bindings').select('id').execute()).toHaveLength(1);
    const again = await alice.caller.photos.list({ homeId: alice.homeId });
    const url = again.items.find((p) => p.id === uploaded.photo.id)?.thumbUrl ?? '';
    expect(Buffer.from(await (await fetch(url)).arrayBuffer())).toEqual(uploaded.bytes);
  });

  it('refuses a confirm for an upload the bucket does not have', async () => {
    await alice.caller.storage.bind({ homeId: alice.homeId, ...good });
    const { tickets } = await alice.caller.uploads.create({
      homeId: alice.homeId,
      files: [{ filename: 'x.jpg', size: 10, mime: 'image/jpeg' }],
    });
    const ticket = tickets[0];
    if (ticket?.kind !== 'upload') throw new Error('expected an upload ticket');
    await expect(alice.caller.uploads.confirm({ homeId: alice.homeId, key: ticket.key })).rejects.toMatchObject({
      cause: { code: 'UPLOAD_NOT_IN_STORAGE' },
    });
  });
});

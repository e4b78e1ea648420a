/**
 * Bucket binding against a strict Kodo peer (the test server's embedded store stands in for Qiniu):
 * verification with real SDK calls, precise refusals, sealing, unbind and rebind.
 */
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { loadOrCreateKeys } from '../storage/embedded/keys.js';
import { sealContext } from '../storage/resolver.js';
import { signUpAndGetToken } from '../test/auth.js';
import { createTestDeps, type TestDeps } from '../test/deps.js';
import { uploadPhoto } from '../test/photos.js';

describe('storage binding', () => {
  let deps: TestDeps;
  let alice: Awaited<ReturnType<typeof signUpAndGetToken>>;
  let keys: { accessKey: string; secretKey: string };
  let good: { accessKey: string; secretKey: string; bucket: string; domain: string; region: 'z0' };
  const logLines: string[] = [];

  beforeEach(async () => {
    deps = await createTestDeps();
    logLines.length = 0;
    deps.logger = createLogger('trace', { write: (line: string) => void logLines.push(line) });
    alice = await signUpAndGetToken(deps, 'alice');
    // The peer's own key pair, as a user would copy it from the Qiniu console.
    keys = await loadOrCreateKeys(path.join(deps.config.storeDir, 'store-keys.json'));
    good = { ...keys, bucket: 'xiaojia-local', domain: deps.origin, region: 'z0' };
  });

  it('starts on the embedded store', async () => {
    expect(await alice.caller.storage.status({ homeId: alice.homeId })).toEqual({
      provider: 'embedded',
      bucket: null,
      domain: null,
      region: null,
      s3: null,
      accessKeyMasked: null,
      verifiedAt: null,
      lastError: null,
      unboundPhotoCount: 0,
    });
  });

  it('binds after verifying, seals the secret and never returns it', async () => {
    const status = await alice.caller.storage.bind({ homeId: alice.homeId, ...good });
    expect(status).toMatchObject({ provider: 'qiniu', bucket: 'xiaojia-local', domain: deps.origin, region: 'z0' });
    expect(status.accessKeyMasked).toBe(`${keys.accessKey.slice(0, 4)}…${keys.accessKey.slice(-4)}`);
    expect(status.verifiedAt).toBe(deps.clock.now().toISOString());
    expect(JSON.stringify(status)).not.toContain(keys.secretKey);
    expect(JSON.stringify(await alice.caller.storage.status({ homeId: alice.homeId }))).not.toContain(keys.secretKey);

    const row = await deps.db.selectFrom('storage_bindings').selectAll().executeTakeFirstOrThrow();
    expect(row.secret_key_sealed).not.toContain(keys.secretKey);
    expect(deps.sealer.open(row.secret_key_sealed, sealContext(alice.homeId))).toBe(keys.secretKey);
    expect(logLines.join('\n')).not.toContain(keys.secretKey);
  });

  it.each([
    ['a wrong secret key', { secretKey: 'x'.repeat(40) }, 'STORAGE_BAD_KEYS'],
    ['an unknown access key', { accessKey: 'y'.repeat(40) }, 'STORAGE_BAD_KEYS'],
    ['a bucket that does not exist', { bucket: 'no-such-bucket' }, 'STORAGE_NO_SUCH_BUCKET'],
    ['a domain not bound to the bucket', { domain: 'https://photos.example.com' }, 'STORAGE_DOMAIN_INVALID'],
  ])('refuses %s precisely and saves nothing', async (_label, patch, code) => {
    await expect(alice.caller.storage.bind({ homeId: alice.homeId, ...good, ...patch })).rejects.toMatchObject({
      cause: { code },
    });
    expect((await alice.caller.storage.status({ homeId: alice.homeId })).provider).toBe('embedded');
    expect(logLines.join('\n')).not.toContain(keys.secretKey);
    if ('secretKey' in patch) expect(logLines.join('\n')).not.toContain(patch.secretKey);
  });

  it('reports an unreachable storage as such', async () => {
    const unreachable = await createTestDeps({
      qiniuEndpoints: () => ({
        upload: 'http://127.0.0.1:9/up',
        download: 'http://127.0.0.1:9/o',
        rs: 'http://127.0.0.1:9/rs',
        rsf: 'http://127.0.0.1:9/rsf',
        uc: 'http://127.0.0.1:9/uc',
      }),
    });
    const carol = await signUpAndGetToken(unreachable, 'carol');
    await expect(carol.caller.storage.bind({ homeId: carol.homeId, ...good })).rejects.toMatchObject({
      cause: { code: 'STORAGE_UNREACHABLE' },
    });
  });

  it('uploads go to the bound bucket; unbind keeps photos as unbound; binding again brings them back', async () => {
    const before = await uploadPhoto(alice.caller, alice.homeId);
    await alice.caller.storage.bind({ homeId: alice.homeId, ...good });
    const inBucket = await uploadPhoto(alice.caller, alice.homeId);
    const row = await deps.db
      .selectFrom('photos')
      .select('binding_id')
      .where('id', '=', inBucket.photo.id)
      .executeTakeFirstOrThrow();
    expect(row.binding_id).not.toBeNull();
    expect(inBucket.photo.thumbUrl).toContain(`token=${keys.accessKey}:`);
    expect((await fetch(inBucket.photo.thumbUrl ?? '')).status).toBe(200);

    const unbound = await alice.caller.storage.unbind({ homeId: alice.homeId });
    expect(unbound).toMatchObject({ provider: 'embedded', unboundPhotoCount: 1 });
    const list = await alice.caller.photos.list({ homeId: alice.homeId });
    const byId = new Map(list.items.map((p) => [p.id, p]));
    expect(byId.get(inBucket.photo.id)).toMatchObject({ availability: 'unbound', thumbUrl: null });
    expect(byId.get(before.photo.id)).toMatchObject({ availability: 'ok' });
    const detail = await alice.caller.photos.get({ homeId: alice.homeId, id: inBucket.photo.id });
    expect(detail.originalUrl).toBeNull();
    expect((await fetch(`${deps.origin}${detail.downloadPath}`)).status).toBe(409);
    await expect(alice.caller.storage.unbind({ homeId: alice.homeId })).rejects.toMatchObject({
      cause: { code: 'STORAGE_NOT_BOUND' },
    });

    // The same bucket again (e.g. after rotating keys): the same binding row, the photos readable again.
    const rebound = await alice.caller.storage.bind({ homeId: alice.homeId, ...good });
    expect(rebound.unboundPhotoCount).toBe(0);
    const again = await alice.caller.photos.list({ homeId: alice.homeId });
    expect(again.items.every((p) => p.availability === 'ok')).toBe(true);
    expect(await deps.db.selectFrom('storage_bindings').select('id').execute()).toHaveLength(1);
  });
});

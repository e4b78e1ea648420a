import { beforeEach, describe, expect, it } from 'vitest';
import { signUpAndGetToken } from '../test/auth.js';
import { createTestDeps, type TestDeps } from '../test/deps.js';
import { uploadPhoto } from '../test/photos.js';
import { contentDisposition } from './download.js';

describe('GET /api/photos/<id>/download', () => {
  let deps: TestDeps;
  let alice: Awaited<ReturnType<typeof signUpAndGetToken>>;
  beforeEach(async () => {
    deps = await createTestDeps();
    alice = await signUpAndGetToken(deps, 'alice');
  });

  it('answers HEAD with the headers only, and other methods with 405', async () => {
    const { photo, bytes } = await uploadPhoto(alice.caller, alice.homeId, { filename: '全家福.jpg' });
    const { downloadPath } = await alice.caller.photos.get({ homeId: alice.homeId, id: photo.id });
    const head = await fetch(`${deps.origin}${downloadPath}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(bytes.length));
    expect(head.headers.get('content-disposition')).toBe(contentDisposition('全家福.jpg'));
    expect(head.headers.get('cache-control')).toBe('private, no-store');
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    expect((await fetch(`${deps.origin}${downloadPath}`, { method: 'POST' })).status).toBe(405);
  });

  it('says which part is missing: a link without its query, a photo gone, an object gone from storage', async () => {
    const { photo, key } = await uploadPhoto(alice.caller, alice.homeId);
    const { downloadPath } = await alice.caller.photos.get({ homeId: alice.homeId, id: photo.id });
    const bare = await fetch(`${deps.origin}/api/photos/${photo.id}/download`);
    expect(bare.status).toBe(403);
    expect(await bare.json()).toEqual({ error: 'invalid download link' });

    await deps.storage.forBinding(null, deps.origin).delete(key);
    const lost = await fetch(`${deps.origin}${downloadPath}`);
    expect(lost.status).toBe(404);
    expect(await lost.json()).toEqual({ error: 'not in storage' });

    await alice.caller.photos.trash({ homeId: alice.homeId, ids: [photo.id] });
    await alice.caller.photos.purge({ homeId: alice.homeId, ids: [photo.id] });
    const gone = await fetch(`${deps.origin}${downloadPath}`);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toEqual({ error: 'no such photo' });
  });
});

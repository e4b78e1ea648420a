/** uploads.create answers a whole batch's known content from one lookup, in the order the files came. */
import { beforeEach, describe, expect, it } from 'vitest';
import { signUpAndGetToken } from '../test/auth.js';
import { createTestDeps, type TestDeps } from '../test/deps.js';
import { makeJpeg, uploadPhoto } from '../test/photos.js';

describe('uploads.create batches', () => {
  let deps: TestDeps;
  beforeEach(async () => {
    deps = await createTestDeps();
  });

  it('marks known content (live or trashed) as duplicates and grants the rest, file by file', async () => {
    const alice = await signUpAndGetToken(deps, 'alice');
    const kept = await uploadPhoto(alice.caller, alice.homeId);
    const trashed = await uploadPhoto(alice.caller, alice.homeId);
    await alice.caller.photos.trash({ homeId: alice.homeId, ids: [trashed.photo.id] });
    const store = deps.storage.embedded(deps.origin);
    const etagOf = async (key: string) => (await store.stat(key))?.etag ?? '';
    const fresh = await makeJpeg();
    const file = (filename: string, qetag?: string, size = fresh.length) => ({
      filename,
      size,
      mime: 'image/jpeg' as const,
      ...(qetag ? { qetag } : {}),
    });
    const newHash = `Fq${'a'.repeat(26)}`;

    const { tickets } = await alice.caller.uploads.create({
      homeId: alice.homeId,
      files: [
        file('new.jpg', newHash),
        file('kept.jpg', await etagOf(kept.key), kept.bytes.length),
        file('no-hash.jpg'),
        file('trashed.jpg', await etagOf(trashed.key), trashed.bytes.length),
        file('kept-again.jpg', await etagOf(kept.key), kept.bytes.length),
        // The same hash with another size is not the same content.
        file('kept-other-size.jpg', await etagOf(kept.key), kept.bytes.length + 1),
      ],
    });
    expect(tickets.map((t) => (t.kind === 'duplicate' ? t.photoId : t.kind))).toEqual([
      'upload',
      kept.photo.id,
      'upload',
      trashed.photo.id,
      kept.photo.id,
      'upload',
    ]);

    // Another home's batch (Bob's own) learns nothing about Alice's home's library.
    const bob = await signUpAndGetToken(deps, 'bob');
    const bobs = await bob.caller.uploads.create({
      homeId: bob.homeId,
      files: [file('kept.jpg', await etagOf(kept.key))],
    });
    expect(bobs.tickets.map((t) => t.kind)).toEqual(['upload']);
  });
});

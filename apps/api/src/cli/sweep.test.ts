import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PhotosService } from '../services/photos.js';
import { signUpAndGetToken } from '../test/auth.js';
import { createTestDatabase, createTestDeps, type TestDatabase, type TestDeps } from '../test/deps.js';
import { uploadPhoto } from '../test/photos.js';

const DAY = 24 * 3600 * 1000;

describe('background sweep on several instances at once', () => {
  let dir: string;
  let shared: TestDatabase;
  let a: TestDeps;
  let b: TestDeps;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'xiaojia-sweep-'));
    shared = await createTestDatabase(path.join(dir, 'xiaojia.db'));
    // Two instances over one database and one store directory, with one sealing key, as deployed.
    const common = { database: shared.database, storeDir: path.join(dir, 'objects'), dataDir: dir };
    a = await createTestDeps(common);
    b = await createTestDeps({ ...common, secretKey: a.config.secretKey });
  });
  afterEach(async () => {
    await a.close();
    await b.close();
    await shared.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('purges every expired photo exactly once between them and leaves nothing in storage', async () => {
    const user = await signUpAndGetToken(a, 'sweeper');
    const uploads = [];
    for (let i = 0; i < 6; i++) uploads.push(await uploadPhoto(user.caller, user.homeId));
    const ids = uploads.map((u) => u.photo.id);
    await user.caller.photos.trash({ homeId: user.homeId, ids });
    for (const instance of [a, b]) instance.clock.set(new Date(a.clock.now().getTime() + 31 * DAY));

    const [fromA, fromB] = await Promise.all([
      new PhotosService(a).sweep(a.origin),
      new PhotosService(b).sweep(b.origin),
    ]);
    expect(fromA.purged + fromB.purged).toBe(6);
    expect(fromA.expired + fromB.expired).toBe(6);
    expect(await a.db.selectFrom('photos').select('id').execute()).toEqual([]);
    const storage = b.storage.embedded(b.origin);
    for (const upload of uploads) expect(await storage.stat(upload.key)).toBeNull();
  });
});

/**
 * Two API instances on one PostgreSQL database, as behind a load balancer: nothing either keeps in memory
 * matters to the other. A session made on A works on B, a photo uploaded and confirmed on A is listed and
 * readable on B, and failed sign-ins on A lock the account on B. The instances share the sealing key and,
 * being on one host, the embedded store's directory (README, Deployment).
 *
 * PostgreSQL: a throwaway cluster on loopback (Debian's postgresql package; see apps/api/src/test/pg-cluster.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PgCluster, startPgCluster } from '../../apps/api/src/test/pg-cluster.js';
import { type ApiProcess, readOriginal, startApi, TrpcError, tinyJpeg, trpc, uploadAndConfirm } from './api-process.js';

describe('two API instances on one PostgreSQL', () => {
  let cluster: PgCluster | null = null;
  let dir: string;
  let a: ApiProcess;
  let b: ApiProcess;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'xiaojia-scale-out-'));
    // A cluster of its own, so the database is fresh whatever ran before.
    cluster = await startPgCluster();
    const shared = {
      DATABASE_URL: cluster.url,
      XIAOJIA_SECRET_KEY: 'c2NhbGUtb3V0LWUyZS1zaGFyZWQta2V5LTMyLWJ5dGU',
      XIAOJIA_STORE_DIR: path.join(dir, 'objects'),
    };
    // Started together: the migration lock lets one migrate while the other waits.
    [a, b] = await Promise.all([
      startApi({ ...shared, XIAOJIA_DATA_DIR: path.join(dir, 'a') }),
      startApi({ ...shared, XIAOJIA_DATA_DIR: path.join(dir, 'b') }),
    ]);
  }, 120_000);

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a session made on A works on B', async () => {
    const signUp = await trpc<{ token: string; user: { id: string } }>(a.url, 'mutation', 'auth.signUp', {
      username: 'mei',
      password: 'two instances one db',
    });
    const me = await trpc<{ id: string }>(b.url, 'query', 'auth.me', undefined, signUp.token);
    expect(me.id).toBe(signUp.user.id);
    // Signing out on B ends the session on A too.
    await trpc(b.url, 'mutation', 'auth.signOut', undefined, signUp.token);
    await expect(trpc(a.url, 'query', 'auth.me', undefined, signUp.token)).rejects.toMatchObject({
      appCode: 'UNAUTHENTICATED',
    });
  });

  it('an upload confirmed on A is listed and readable on B', async () => {
    const { token } = await trpc<{ token: string }>(a.url, 'mutation', 'auth.signUp', {
      username: 'lin',
      password: 'two instances one db',
    });
    const bytes = tinyJpeg('scale-out photo');
    const photoId = await uploadAndConfirm(a.url, token, bytes);
    const page = await trpc<{ items: { id: string }[] }>(b.url, 'query', 'photos.list', { limit: 10 }, token);
    expect(page.items.map((p) => p.id)).toEqual([photoId]);
    expect((await readOriginal(b.url, token, photoId)).equals(bytes)).toBe(true);
  });

  it('failed sign-ins on A lock the account on B', async () => {
    await trpc(a.url, 'mutation', 'auth.signUp', { username: 'guo', password: 'the right password' });
    for (let i = 0; i < 5; i++) {
      await expect(
        trpc(i % 2 ? b.url : a.url, 'mutation', 'auth.signIn', { username: 'guo', password: 'a wrong guess' }),
      ).rejects.toMatchObject({ appCode: 'INVALID_CREDENTIALS' });
    }
    const locked = await trpc(b.url, 'mutation', 'auth.signIn', {
      username: 'guo',
      password: 'the right password',
    }).catch((error: unknown) => error);
    expect(locked).toBeInstanceOf(TrpcError);
    expect(locked).toMatchObject({ appCode: 'LOCKED_OUT' });
  });
});

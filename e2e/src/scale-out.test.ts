/**
 * Two API instances on one PostgreSQL database, as behind a load balancer: nothing either keeps in memory
 * matters to the other. A session made on A works on B, a photo uploaded and confirmed on A is listed and
 * readable on B, an invite made on A is accepted on B (and a removal on A is felt on B at once), and failed
 * sign-ins on A lock the account on B. The instances share the sealing key and,
 * being on one host, the embedded store's directory (README, Deployment).
 *
 * PostgreSQL: a throwaway cluster on loopback (Debian's postgresql package; see apps/api/src/test/pg-cluster.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PgCluster, startPgCluster } from '../../apps/api/src/test/pg-cluster.js';
import {
  type ApiProcess,
  ownHomeId,
  readOriginal,
  startApi,
  TrpcError,
  tinyJpeg,
  trpc,
  uploadAndConfirm,
} from './api-process.js';

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
    const homeId = await ownHomeId(a.url, token);
    const bytes = tinyJpeg('scale-out photo');
    const photoId = await uploadAndConfirm(a.url, token, homeId, bytes);
    const page = await trpc<{ items: { id: string }[] }>(b.url, 'query', 'photos.list', { homeId, limit: 10 }, token);
    expect(page.items.map((p) => p.id)).toEqual([photoId]);
    expect((await readOriginal(b.url, token, homeId, photoId)).equals(bytes)).toBe(true);
  });

  it('an invite made on A is accepted on B, and the new member sees the home on both', async () => {
    const mom = await trpc<{ token: string }>(a.url, 'mutation', 'auth.signUp', {
      username: 'mama',
      password: 'two instances one db',
    });
    const homeId = await ownHomeId(a.url, mom.token);
    const photoId = await uploadAndConfirm(a.url, mom.token, homeId, tinyJpeg('family photo'));
    const { code } = await trpc<{ code: string }>(
      a.url,
      'mutation',
      'invites.create',
      { homeId, role: 'viewer' },
      mom.token,
    );

    const grandma = await trpc<{ token: string }>(b.url, 'mutation', 'auth.signUp', {
      username: 'nainai-b',
      password: 'two instances one db',
    });
    const preview = await trpc<{ role: string }>(b.url, 'query', 'invites.preview', { code });
    expect(preview.role).toBe('viewer');
    const joined = await trpc<{ id: string; role: string }>(
      b.url,
      'mutation',
      'invites.accept',
      { code },
      grandma.token,
    );
    expect(joined).toMatchObject({ id: homeId, role: 'viewer' });
    for (const base of [a.url, b.url]) {
      const page = await trpc<{ items: { id: string }[] }>(base, 'query', 'photos.list', { homeId }, grandma.token);
      expect(page.items.map((p) => p.id)).toEqual([photoId]);
    }
    // The one use was taken on B: A refuses the code now.
    const aunt = await trpc<{ token: string }>(a.url, 'mutation', 'auth.signUp', {
      username: 'ayi',
      password: 'two instances one db',
    });
    await expect(trpc(a.url, 'mutation', 'invites.accept', { code }, aunt.token)).rejects.toMatchObject({
      appCode: 'INVITE_USED_UP',
    });
    // Removed on A, refused on B at once.
    const members = await trpc<{ items: { userId: string; role: string }[] }>(
      a.url,
      'query',
      'homes.members',
      { homeId },
      mom.token,
    );
    const grandmaId = members.items.find((m) => m.role === 'viewer')?.userId;
    await trpc(a.url, 'mutation', 'homes.removeMember', { homeId, userId: grandmaId }, mom.token);
    await expect(trpc(b.url, 'query', 'photos.list', { homeId }, grandma.token)).rejects.toMatchObject({
      appCode: 'NOT_FOUND',
    });
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

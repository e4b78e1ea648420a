/**
 * The operator CLI against the built server: an account made with `create-user`, a `backup` taken while
 * the server serves and takes uploads, and a `restore` into a fresh data dir that a new server then
 * serves with every backed-up photo intact.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type ApiProcess,
  ownHomeId,
  readOriginal,
  runCli,
  startApi,
  tinyJpeg,
  trpc,
  uploadAndConfirm,
} from './api-process.js';

describe('operator CLI: create-user, backup while serving, restore', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'xiaojia-cli-'));
  const started: ApiProcess[] = [];
  afterAll(async () => {
    for (const server of started) await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips a live server through backup and restore', async () => {
    const source = { XIAOJIA_DATA_DIR: path.join(dir, 'source') };
    const created = await runCli(['create-user', 'nainai', '--display-name', '奶奶'], source, 'grandma types this\n');
    expect(created).toMatchObject({ code: 0 });
    expect(created.output).not.toContain('grandma types this');

    const server = await startApi(source);
    started.push(server);
    const { token } = await trpc<{ token: string }>(server.url, 'mutation', 'auth.signIn', {
      username: 'nainai',
      password: 'grandma types this',
    });
    // create-user made her home, as sign-up does.
    const homeId = await ownHomeId(server.url, token);
    const photos = new Map<string, Buffer>();
    for (let i = 0; i < 3; i++) {
      const bytes = tinyJpeg(`backed up ${i}`);
      photos.set(await uploadAndConfirm(server.url, token, homeId, bytes), bytes);
    }

    const file = path.join(dir, 'xiaojia-backup.tar');
    const [backup] = await Promise.all([
      runCli(['backup', file], source),
      // The server keeps taking uploads while the backup runs.
      uploadAndConfirm(server.url, token, homeId, tinyJpeg('during the backup')),
    ]);
    expect(backup.output).toMatch(/backup written to .* \d+ stored object/);
    expect(backup.code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await server.stop();

    const target = { XIAOJIA_DATA_DIR: path.join(dir, 'restored') };
    const restored = await runCli(['restore', file], target);
    expect(restored.output).toContain('restored the sqlite database');
    expect(restored.code).toBe(0);
    expect((await runCli(['doctor'], target)).code).toBe(0);

    const again = await startApi(target);
    started.push(again);
    const page = await trpc<{ items: { id: string }[] }>(
      again.url,
      'query',
      'photos.list',
      { homeId, limit: 50 },
      token,
    );
    const listed = page.items.map((p) => p.id);
    for (const [id, bytes] of photos) {
      expect(listed).toContain(id);
      expect((await readOriginal(again.url, token, homeId, id)).equals(bytes)).toBe(true);
    }
  }, 120_000);
});

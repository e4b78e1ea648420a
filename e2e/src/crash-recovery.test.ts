/**
 * kill -9 during an upload: the built server (SQLite + embedded store under one data dir) takes several
 * uploads, each acknowledged (uploads.confirm answered), then is killed with SIGKILL while another upload
 * is half sent. After a restart every acknowledged photo is listed with its exact bytes, an upload the
 * store had acknowledged but nobody confirmed yet can still be confirmed, the interrupted upload left no
 * object, key or photo behind, and `xiaojia doctor` (database and store integrity) finds no problem.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { slowUpload } from '../../apps/api/src/test/slow-upload.js';
import {
  type ApiProcess,
  createUpload,
  ownHomeId,
  postUpload,
  readOriginal,
  runCli,
  startApi,
  tinyJpeg,
  trpc,
  uploadAndConfirm,
} from './api-process.js';

describe('kill -9 during uploads', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'xiaojia-crash-'));
  const env = { XIAOJIA_DATA_DIR: dir };
  const started: ApiProcess[] = [];
  afterAll(async () => {
    for (const server of started) await server.kill9();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses no acknowledged photo, keeps no object of the interrupted one, and passes the integrity check', async () => {
    const first = await startApi(env);
    started.push(first);
    const { token } = await trpc<{ token: string }>(first.url, 'mutation', 'auth.signUp', {
      username: 'crash',
      password: 'survives kill -9',
    });
    const homeId = await ownHomeId(first.url, token);
    const acknowledged = new Map<string, Buffer>();
    for (let i = 0; i < 5; i++) {
      const bytes = tinyJpeg(`acknowledged ${i} ${'.'.repeat(20_000)}`);
      acknowledged.set(await uploadAndConfirm(first.url, token, homeId, bytes), bytes);
    }

    // Stored (the store answered 200) but not yet confirmed when the process dies: confirmable after.
    const storedOnly = tinyJpeg(`stored, not confirmed ${'.'.repeat(20_000)}`);
    const storedTicket = await createUpload(first.url, token, homeId, storedOnly);
    expect(await postUpload(storedTicket, storedOnly)).toBe(200);

    // Half of a bigger photo is on its way when the process dies.
    const big = tinyJpeg(`interrupted ${'#'.repeat(400_000)}`);
    const ticket = await createUpload(first.url, token, homeId, big);
    const upload = slowUpload(ticket.uploadUrl, ticket.fields, big);
    const tmp = path.join(dir, 'objects', 'tmp');
    const deadline = Date.now() + 10_000;
    while (!(existsSync(tmp) && readdirSync(tmp).length > 0)) {
      if (Date.now() > deadline) throw new Error(`the upload never reached the store:\n${first.output()}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    await first.kill9();
    expect((await upload.answer).status).toBe(0);

    const second = await startApi(env);
    started.push(second);
    const page = await trpc<{ items: { id: string }[] }>(
      second.url,
      'query',
      'photos.list',
      { homeId, limit: 50 },
      token,
    );
    expect(page.items.map((p) => p.id).sort()).toEqual([...acknowledged.keys()].sort());
    for (const [id, bytes] of acknowledged) {
      expect((await readOriginal(second.url, token, homeId, id)).equals(bytes)).toBe(true);
    }
    await expect(
      trpc(second.url, 'mutation', 'uploads.confirm', { homeId, key: ticket.key, width: 8, height: 8 }, token),
    ).rejects.toMatchObject({ appCode: 'UPLOAD_NOT_IN_STORAGE' });
    const late = await trpc<{ photo: { id: string } }>(
      second.url,
      'mutation',
      'uploads.confirm',
      { homeId, key: storedTicket.key, width: 8, height: 8 },
      token,
    );
    expect((await readOriginal(second.url, token, homeId, late.photo.id)).equals(storedOnly)).toBe(true);
    // At most its temp file is left, which is no object (start-up sweeps remove such files once they are
    // an hour old, so that a process sharing the store never loses an upload in flight).
    expect(readdirSync(tmp).filter((f) => !f.endsWith('.part'))).toEqual([]);
    expect(readdirSync(tmp).length).toBeLessThanOrEqual(1);

    const doctor = await runCli(['doctor'], env);
    expect(doctor.output).toContain('doctor: no problems found');
    expect(doctor.output).not.toMatch(/^warn/m);
    expect(doctor.code).toBe(0);
    await second.stop();
    expect(second.child.exitCode).toBe(0);
  }, 120_000);
});

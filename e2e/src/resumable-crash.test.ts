/**
 * kill -9 during a resumable upload: the built server takes a large video by Qiniu's v2 protocol (the plan
 * uploads.create hands out), is killed with SIGKILL while a part is half sent, and restarts on the same data
 * dir. Meanwhile nothing is listed: no photo, no object in the store. After the restart listParts answers the
 * parts that were whole, the client sends the rest, completes and confirms, and the file arrives whole.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ResumableClient } from '../../apps/api/src/storage/embedded/resumable/client.js';
import { type ApiProcess, ownHomeId, readOriginal, startApi, trpc } from './api-process.js';

const MiB = 1024 * 1024;

interface PlanTicket {
  kind: 'upload';
  key: string;
  multipart?: { protocol: 'qiniu-v2'; uploadUrl: string; bucket: string; token: string; partBytes: number };
}

/** Random bytes behind an MP4 `ftyp` box, so the store sniffs video/mp4. */
function videoBytes(size: number): Buffer {
  const data = randomBytes(size);
  Buffer.from([0, 0, 0, 0x18, ...Buffer.from('ftypisom')]).copy(data);
  return data;
}

/** Starts a part upload and sends only its first half; the request stays open. */
function halfPart(url: string, token: string, part: Buffer): void {
  const req = request(url, {
    method: 'PUT',
    headers: {
      Authorization: `UpToken ${token}`,
      'Content-Type': 'application/octet-stream',
      'Content-Length': part.length,
    },
  });
  req.on('error', () => undefined);
  req.write(part.subarray(0, part.length / 2));
}

/** Every file under the store's object data (where listed objects live). */
function objectFiles(dir: string): string[] {
  const data = path.join(dir, 'objects', 'data');
  return readdirSync(data, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
}

describe('kill -9 during a resumable upload', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'xiaojia-resumable-crash-'));
  const env = { XIAOJIA_DATA_DIR: dir };
  const started: ApiProcess[] = [];
  afterAll(async () => {
    for (const server of started) await server.kill9();
    rmSync(dir, { recursive: true, force: true });
  });

  it('resumes from the parts stored before the kill, lists nothing half-written, and the file arrives whole', async () => {
    const first = await startApi(env);
    started.push(first);
    const { token } = await trpc<{ token: string }>(first.url, 'mutation', 'auth.signUp', {
      username: 'resumer',
      password: 'survives kill -9',
    });
    const homeId = await ownHomeId(first.url, token);
    const data = videoBytes(3 * 8 * MiB + 4321);
    const { tickets } = await trpc<{ tickets: PlanTicket[] }>(
      first.url,
      'mutation',
      'uploads.create',
      { homeId, files: [{ filename: 'first-steps.mp4', size: data.length, mime: 'video/mp4' }] },
      token,
    );
    const ticket = tickets[0];
    const plan = ticket?.multipart;
    if (!ticket || !plan) throw new Error(`expected a multipart plan, got ${JSON.stringify(tickets)}`);
    expect(plan.partBytes).toBe(8 * MiB);
    const part = (n: number) => data.subarray((n - 1) * plan.partBytes, n * plan.partBytes);
    const client = new ResumableClient(plan.uploadUrl, plan.bucket, ticket.key, plan.token);
    const init = await client.init();
    expect(init.status).toBe(200);
    const { uploadId } = init.body;
    const etags = new Map<number, string>();
    for (const n of [1, 2]) {
      const answer = await client.putPart(uploadId, n, part(n));
      expect(answer.status).toBe(200);
      etags.set(n, answer.body.etag);
    }

    // Part 3 is half on the server's disk when the process dies.
    const encodedKey = Buffer.from(ticket.key).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
    halfPart(
      `${plan.uploadUrl}/buckets/${plan.bucket}/objects/${encodedKey}/uploads/${uploadId}/3`,
      plan.token,
      part(3),
    );
    const assembly = path.join(dir, 'objects', 'multipart', uploadId, 'assembly');
    await expect.poll(() => statSync(assembly).size).toBeGreaterThan(2 * plan.partBytes);
    await first.kill9();

    const second = await startApi(env);
    started.push(second);
    // Nothing half-written is listed: no photo, no object.
    const page = await trpc<{ items: unknown[] }>(second.url, 'query', 'photos.list', { homeId, limit: 50 }, token);
    expect(page.items).toEqual([]);
    expect(objectFiles(dir)).toEqual([]);
    await expect(
      trpc(second.url, 'mutation', 'uploads.confirm', { homeId, key: ticket.key }, token),
    ).rejects.toMatchObject({ appCode: 'UPLOAD_NOT_IN_STORAGE' });

    // Same host after a restart in production; here the new process listens on another port.
    const resumed = new ResumableClient(
      plan.uploadUrl.replace(first.url, second.url),
      plan.bucket,
      ticket.key,
      plan.token,
    );
    const listed = await resumed.listParts(uploadId);
    expect(listed.status).toBe(200);
    expect(listed.body.parts.map((p) => [p.partNumber, p.etag, p.size])).toEqual([
      [1, etags.get(1), plan.partBytes],
      [2, etags.get(2), plan.partBytes],
    ]);
    for (const n of [3, 4]) {
      const answer = await resumed.putPart(uploadId, n, part(n));
      expect(answer.status).toBe(200);
      etags.set(n, answer.body.etag);
    }
    const done = await resumed.complete(
      uploadId,
      [...etags].map(([partNumber, etag]) => ({ partNumber, etag })),
      { fname: 'first-steps.mp4', mimeType: 'video/mp4' },
    );
    expect(done.status).toBe(200);
    const { photo } = await trpc<{ photo: { id: string; mime: string; size: number } }>(
      second.url,
      'mutation',
      'uploads.confirm',
      { homeId, key: ticket.key },
      token,
    );
    expect(photo).toMatchObject({ mime: 'video/mp4', size: data.length });
    const original = await readOriginal(second.url, token, homeId, photo.id);
    expect(createHash('sha1').update(original).digest('hex')).toBe(createHash('sha1').update(data).digest('hex'));
    // The upload's folder went with the complete.
    expect(readdirSync(path.join(dir, 'objects', 'multipart'))).toEqual([]);
    await second.stop();
  }, 120_000);
});

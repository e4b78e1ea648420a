/** GET /api/homes/<id>/export: a home's originals and metadata.json as one streamed tar. */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { EXPORT_LINK_SECONDS, zExportMetadata } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTar } from '../cli/tar.js';
import { signUpAndGetToken } from '../test/auth.js';
import { createTestDeps, type TestDeps } from '../test/deps.js';
import { makeFamily } from '../test/homes.js';
import { makeJpeg, uploadPhoto } from '../test/photos.js';

const MiB = 1024 * 1024;

let deps: TestDeps;
let dir = '';
beforeEach(async () => {
  deps = await createTestDeps();
  dir = mkdtempSync(path.join(tmpdir(), 'xiaojia-export-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A real JPEG padded to `size` bytes (decoders stop at its end marker), so big photos upload quickly. */
async function bigJpeg(size: number): Promise<Buffer> {
  const jpeg = await makeJpeg();
  const padding = Buffer.alloc(size - jpeg.length);
  for (let i = 0; i < padding.length; i += 4096) padding[i] = i % 251;
  return Buffer.concat([jpeg, padding]);
}

/** Downloads the export to a file: its response, the file and the bytes written. */
async function download(url: string) {
  const response = await fetch(url);
  const file = path.join(dir, `export-${Date.now()}.tar`);
  if (response.ok && response.body) {
    await pipeline(Readable.fromWeb(response.body as WebReadableStream), createWriteStream(file));
  }
  return { response, file };
}

async function entriesOf(file: string) {
  const entries = new Map<string, Buffer>();
  for await (const entry of readTar(file)) entries.set(entry.name, await entry.read());
  return entries;
}

describe('home export', () => {
  it('streams every original byte for byte, under dated names, with metadata.json and an exact Content-Length', async () => {
    const { mom, dad, grandma, homeId } = await makeFamily(deps);
    const first = await uploadPhoto(mom.caller, homeId, {
      filename: 'IMG_0001.jpg',
      takenAt: '2024-05-01T08:00:00.000Z',
    });
    const same = await uploadPhoto(dad.caller, homeId, {
      filename: 'IMG_0001.jpg',
      takenAt: '2024-05-01T09:00:00.000Z',
    });
    const later = await uploadPhoto(dad.caller, homeId, { filename: '../全家福.jpg' });
    const trashed = await uploadPhoto(mom.caller, homeId);
    await mom.caller.photos.trash({ homeId, ids: [trashed.photo.id] });
    const album = await mom.caller.albums.create({ homeId, name: '一岁生日' });
    await mom.caller.albums.addPhotos({ homeId, albumId: album.id, photoIds: [same.photo.id, first.photo.id] });

    // A viewer may export: they can already save every photo one by one.
    const link = await grandma.caller.exports.create({ homeId });
    expect(link).toMatchObject({ photoCount: 3, filename: expect.stringMatching(/\.tar$/) });
    const { response, file } = await download(`${deps.origin}${link.path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-tar');
    expect(Number(response.headers.get('content-length'))).toBe(link.size);
    expect(statSync(file).size).toBe(link.size);

    const entries = await entriesOf(file);
    const today = deps.clock.now().toISOString().slice(0, 10);
    const laterPath = `${today.slice(0, 4)}/${today} _全家福.jpg`;
    expect([...entries.keys()]).toEqual([
      'metadata.json',
      '2024/2024-05-01 IMG_0001.jpg',
      '2024/2024-05-01 IMG_0001 (2).jpg',
      laterPath,
    ]);
    expect(entries.get('2024/2024-05-01 IMG_0001.jpg')?.equals(first.bytes)).toBe(true);
    expect(entries.get('2024/2024-05-01 IMG_0001 (2).jpg')?.equals(same.bytes)).toBe(true);
    expect(entries.get(laterPath)?.equals(later.bytes)).toBe(true);

    const metadata = zExportMetadata.parse(JSON.parse(entries.get('metadata.json')?.toString('utf8') ?? ''));
    expect(metadata.photos.map((p) => [p.path, p.uploader, p.size, p.takenAt])).toEqual([
      ['2024/2024-05-01 IMG_0001.jpg', mom.user.displayName, first.bytes.length, '2024-05-01T08:00:00.000Z'],
      ['2024/2024-05-01 IMG_0001 (2).jpg', dad.user.displayName, same.bytes.length, '2024-05-01T09:00:00.000Z'],
      [laterPath, dad.user.displayName, later.bytes.length, null],
    ]);
    expect(metadata.albums).toEqual([
      {
        id: album.id,
        name: '一岁生日',
        createdAt: expect.any(String),
        photoIds: [first.photo.id, same.photo.id].sort(),
      },
    ]);
  });

  it('writes the children’s profiles, milestones and growth records into metadata.json', async () => {
    deps.clock.set('2026-06-15T10:00:00.000Z');
    const { mom, dad, grandma, homeId } = await makeFamily(deps);
    const kept = await uploadPhoto(mom.caller, homeId);
    const trashed = await uploadPhoto(mom.caller, homeId);
    const girl = await mom.caller.children.create({
      homeId,
      name: '小米',
      birthday: '2024-03-15',
      sex: 'girl',
      avatarPhotoId: trashed.photo.id,
    });
    const boy = await dad.caller.children.create({ homeId, name: '二宝', birthday: '2026-10-01' });
    const steps = await dad.caller.milestones.create({
      homeId,
      childId: girl.id,
      kind: 'first_steps',
      date: '2025-03-01',
      photoId: kept.photo.id,
    });
    const swim = await mom.caller.milestones.create({
      homeId,
      childId: girl.id,
      kind: 'custom',
      title: '第一次游泳',
      date: '2024-08-01',
      photoId: trashed.photo.id,
    });
    const record = await mom.caller.growth.add({
      homeId,
      childId: girl.id,
      date: '2024-09-15',
      heightCm: 68.04,
      weightKg: 8.2,
    });
    await mom.caller.photos.trash({ homeId, ids: [trashed.photo.id] });

    const link = await grandma.caller.exports.create({ homeId });
    const entries = await entriesOf((await download(`${deps.origin}${link.path}`)).file);
    const metadata = zExportMetadata.parse(JSON.parse(entries.get('metadata.json')?.toString('utf8') ?? ''));
    expect(metadata.children).toEqual([
      {
        id: girl.id,
        name: '小米',
        birthday: '2024-03-15',
        sex: 'girl',
        // The trashed photo is not in the archive: nothing points at it.
        avatarPhotoId: null,
        createdAt: girl.createdAt,
        milestones: [
          {
            id: swim.id,
            kind: 'custom',
            title: '第一次游泳',
            date: '2024-08-01',
            photoId: null,
            createdAt: swim.createdAt,
          },
          {
            id: steps.id,
            kind: 'first_steps',
            title: null,
            date: '2025-03-01',
            photoId: kept.photo.id,
            createdAt: steps.createdAt,
          },
        ],
        growth: [
          {
            id: record.id,
            date: '2024-09-15',
            heightCm: 68.04,
            weightKg: 8.2,
            headCm: null,
            createdAt: record.createdAt,
          },
        ],
      },
      {
        id: boy.id,
        name: '二宝',
        birthday: '2026-10-01',
        sex: null,
        avatarPhotoId: null,
        createdAt: boy.createdAt,
        milestones: [],
        growth: [],
      },
    ]);
    expect(metadata.photos.map((p) => p.id)).toEqual([kept.photo.id]);
  });

  it('refuses an expired link, a link moved to another home, and someone no longer in the home', async () => {
    const { mom, dad, stranger, homeId } = await makeFamily(deps);
    await uploadPhoto(mom.caller, homeId);
    await expect(stranger.caller.exports.create({ homeId })).rejects.toMatchObject({ cause: { code: 'NOT_FOUND' } });

    const link = await dad.caller.exports.create({ homeId });
    const moved = link.path.replace(homeId, dad.homeId);
    expect((await download(`${deps.origin}${moved}`)).response.status).toBe(403);
    const tampered = link.path.replace(/s=[^&]+/, 's=AAAA');
    expect((await download(`${deps.origin}${tampered}`)).response.status).toBe(403);

    await mom.caller.homes.removeMember({ homeId, userId: dad.userId });
    const removed = await download(`${deps.origin}${link.path}`);
    expect(removed.response.status).toBe(404);
    expect(await removed.response.json()).toEqual({ error: 'no such home' });

    const own = await mom.caller.exports.create({ homeId });
    deps.clock.advance((EXPORT_LINK_SECONDS + 1) * 1000);
    const expired = await download(`${deps.origin}${own.path}`);
    expect(expired.response.status).toBe(403);
    expect(await expired.response.json()).toEqual({ error: 'export link expired' });
  });

  it('ends the response early, never with a short archive, when a photo fails mid-archive', async () => {
    const alice = await signUpAndGetToken(deps, 'alice');
    await uploadPhoto(alice.caller, alice.homeId, { takenAt: '2024-01-01T00:00:00.000Z' });
    const lost = await uploadPhoto(alice.caller, alice.homeId, { takenAt: '2024-01-02T00:00:00.000Z' });
    await uploadPhoto(alice.caller, alice.homeId, { takenAt: '2024-01-03T00:00:00.000Z' });
    const link = await alice.caller.exports.create({ homeId: alice.homeId });
    await deps.storage.forBinding(null, deps.origin).delete(lost.key);

    const response = await fetch(`${deps.origin}${link.path}`);
    expect(response.status).toBe(200);
    expect(Number(response.headers.get('content-length'))).toBe(link.size);
    let received = 0;
    const read = (async () => {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) received += chunk.length;
    })();
    await expect(read).rejects.toThrow();
    expect(received).toBeLessThan(link.size);
    // The user's slot was given back: the next export starts.
    const again = await fetch(`${deps.origin}${(await alice.caller.exports.create({ homeId: alice.homeId })).path}`);
    expect(again.status).toBe(200);
    await again.body?.cancel();
  });

  it('keeps memory flat whatever the archive size, and runs one export at a time per user', async () => {
    const alice = await signUpAndGetToken(deps, 'alice');
    const photoBytes = 16 * MiB;
    for (let i = 0; i < 5; i++) {
      await uploadPhoto(alice.caller, alice.homeId, { bytes: await bigJpeg(photoBytes), filename: `big-${i}.jpg` });
    }
    const link = await alice.caller.exports.create({ homeId: alice.homeId });
    expect(link.size).toBeGreaterThan(5 * photoBytes);

    const response = await fetch(`${deps.origin}${link.path}`);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    // While this one is running, a second export of the same user is refused.
    const second = await fetch(`${deps.origin}${(await alice.caller.exports.create({ homeId: alice.homeId })).path}`);
    expect(second.status).toBe(409);
    expect(await second.json()).toEqual({ error: 'an export is already running' });

    // What is live, sampled after a collection every 2 MiB received: garbage not yet collected on a busy
    // machine is not what this checks (vitest.config.ts gives the forks --expose-gc).
    const gc = globalThis.gc as () => void;
    const live = () => {
      gc();
      const { heapUsed, arrayBuffers } = process.memoryUsage();
      return heapUsed + arrayBuffers;
    };
    const baseline = live();
    let peak = baseline;
    let received = first.value?.length ?? 0;
    let sampledAt = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.length;
      if (received - sampledAt >= 2 * MiB) {
        sampledAt = received;
        peak = Math.max(peak, live());
      }
    }
    expect(received).toBe(link.size);
    // The archive is 80 MiB of 16 MiB photos; holding the archive, or one whole photo, would show here.
    expect(peak - baseline).toBeLessThan(12 * MiB);
  }, 60_000);
});

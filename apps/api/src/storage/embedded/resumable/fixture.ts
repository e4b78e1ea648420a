/**
 * Shared wiring of the resumable-upload tests: a fresh embedded store per test (restartable on the same
 * directory), tokens from the SDK's PutPolicy, the bare v2 client, and bytes the store sniffs as PNG.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type qiniu from 'qiniu';
import { afterEach, beforeEach, expect } from 'vitest';
import { startTestStore, type TestStore } from '../testing.js';
import { ResumableClient } from './client.js';

export const MiB = 1024 * 1024;

export interface Fixture {
  t: TestStore;
  work: string;
}

/** Registers the per-test store; read `fx.t` inside tests. */
export function useResumableStore(): Fixture {
  const fx = {} as Fixture;
  beforeEach(async () => {
    fx.t = await startTestStore();
    fx.work = await mkdtemp(path.join(tmpdir(), 'xiaojia-resumable-'));
  });
  afterEach(async () => {
    await fx.t.close();
    await rm(fx.work, { recursive: true, force: true });
  });
  return fx;
}

/** Random bytes behind a PNG signature, so the store sniffs image/png. */
export function pngLike(size: number): Buffer {
  const data = randomBytes(size);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(data);
  return data;
}

export async function fileOf(fx: Fixture, data: Buffer, name = 'big.png'): Promise<string> {
  const file = path.join(fx.work, name);
  await writeFile(file, data);
  return file;
}

export function tokenFor(fx: Fixture, key: string, extra: Partial<qiniu.rs.PutPolicyOptions> = {}): string {
  return fx.t.uploadToken({ scope: `${fx.t.store.bucket}:${key}`, insertOnly: 1, ...extra });
}

export function clientFor(fx: Fixture, key: string, token = tokenFor(fx, key)): ResumableClient {
  return new ResumableClient(fx.t.store.endpoints(fx.t.origin).uploadUrl, fx.t.store.bucket, key, token);
}

export const sha1 = (data: Buffer) => createHash('sha1').update(data).digest('hex');

export async function downloadSha1(fx: Fixture, key: string): Promise<string> {
  const response = await fetch(fx.t.downloadUrl(key));
  expect(response.status).toBe(200);
  return sha1(Buffer.from(await response.arrayBuffer()));
}

/** Starts an upload and sends the given part numbers of `data` cut at `partBytes`. */
export async function sendParts(client: ResumableClient, data: Buffer, partBytes: number, numbers: number[]) {
  const init = await client.init();
  expect(init.status).toBe(200);
  const parts: Array<{ partNumber: number; etag: string }> = [];
  for (const n of numbers) {
    const answer = await client.putPart(init.body.uploadId, n, data.subarray((n - 1) * partBytes, n * partBytes));
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    parts.push({ partNumber: n, etag: answer.body.etag });
  }
  return { uploadId: init.body.uploadId, parts };
}

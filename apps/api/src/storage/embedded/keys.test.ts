import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateKeys } from './keys.js';

describe('loadOrCreateKeys', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'store-keys-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('generates a Qiniu-shaped pair once, owner-only, and returns it on every later start', async () => {
    const file = path.join(dir, 'nested', 'store-keys.json');
    const [a, b] = await Promise.all([loadOrCreateKeys(file), loadOrCreateKeys(file)]);
    expect(a).toEqual(b);
    expect(a.accessKey).toMatch(/^[A-Za-z0-9_-]{40}$/);
    expect(a.secretKey).toMatch(/^[A-Za-z0-9_-]{40}$/);
    expect(a.accessKey).not.toBe(a.secretKey);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(a);
    expect(await loadOrCreateKeys(file)).toEqual(a);
  });

  it('tightens loosened permissions and refuses a damaged file with advice', async () => {
    const file = path.join(dir, 'store-keys.json');
    const keys = await loadOrCreateKeys(file);
    await chmod(file, 0o644);
    expect(await loadOrCreateKeys(file)).toEqual(keys);
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    await writeFile(file, '{"accessKey":"short"}');
    await expect(loadOrCreateKeys(file)).rejects.toThrow(/40 URL-safe characters/);
    await writeFile(file, 'not json');
    await expect(loadOrCreateKeys(file)).rejects.toThrow(/delete it to generate a new pair/);
  });
});

import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLinkSigner, createSealer } from './crypto.js';
import { loadOrCreateSecret, randomKey } from './secrets.js';

describe('createSealer', () => {
  const sealer = createSealer(randomKey());

  it('round-trips and never shows the plaintext in the sealed form', () => {
    const sealed = sealer.seal('my-secret-key-123', 'user-1');
    expect(sealed).not.toContain('my-secret-key-123');
    expect(sealer.open(sealed, 'user-1')).toBe('my-secret-key-123');
  });

  it('uses a fresh IV each time', () => {
    expect(sealer.seal('same', 'u')).not.toBe(sealer.seal('same', 'u'));
  });

  it('refuses a value sealed for another user, a tampered value, and another key', () => {
    const sealed = sealer.seal('secret', 'user-1');
    expect(() => sealer.open(sealed, 'user-2')).toThrow();
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    expect(() => sealer.open([parts[0], parts[1], parts[2], body.toString('base64url')].join('.'), 'user-1')).toThrow();
    expect(() => createSealer(randomKey()).open(sealed, 'user-1')).toThrow();
    expect(() => sealer.open('garbage', 'user-1')).toThrow('not a sealed value');
  });

  it('rejects keys of the wrong length', () => {
    expect(() => createSealer(randomKey(16))).toThrow('32 bytes');
  });
});

describe('loadOrCreateSecret', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the file once with 0600 and returns the same value afterwards', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'xj-secrets-'));
    const file = path.join(dir, 'secrets', 'k');
    const first = loadOrCreateSecret(file, () => 'one');
    const second = loadOrCreateSecret(file, () => 'two');
    expect(first).toBe('one');
    expect(second).toBe('one');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
  });

  it('tightens a file that was left world-readable', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'xj-secrets-'));
    const file = path.join(dir, 'k');
    writeFileSync(file, 'x\n', { mode: 0o644 });
    expect(loadOrCreateSecret(file, () => 'y')).toBe('x');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe('createLinkSigner', () => {
  it('verifies its own signatures and refuses altered messages, signatures or keys', () => {
    const key = randomKey();
    const signer = createLinkSigner(key);
    const sig = signer.sign('photo:1:exp:100');
    expect(signer.verify('photo:1:exp:100', sig)).toBe(true);
    expect(signer.verify('photo:1:exp:101', sig)).toBe(false);
    expect(signer.verify('photo:1:exp:100', `${sig.slice(0, -1)}A`)).toBe(sig.endsWith('A'));
    expect(signer.verify('photo:1:exp:100', '')).toBe(false);
    expect(createLinkSigner(randomKey()).verify('photo:1:exp:100', sig)).toBe(false);
  });
});

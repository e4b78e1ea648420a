import { describe, expect, it } from 'vitest';
import { burnPasswordCheck, DEFAULT_SCRYPT, hashPassword, needsRehash, verifyPassword } from './password.js';

describe('password hashing (scrypt)', () => {
  it('encodes the parameters and a per-hash salt, and verifies only the right password', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('correct horse');
    await expect(verifyPassword('correct horse battery staple', a)).resolves.toBe(true);
    await expect(verifyPassword('correct horse battery staplE', a)).resolves.toBe(false);
    await expect(verifyPassword('', a)).resolves.toBe(false);
  });

  it('verifies hashes made with other parameters and flags them for rehash', async () => {
    const weak = await hashPassword('密码是小家的钥匙', { N: 2 ** 10, r: 8, p: 1 });
    expect(weak.startsWith('scrypt$1024$8$1$')).toBe(true);
    await expect(verifyPassword('密码是小家的钥匙', weak)).resolves.toBe(true);
    expect(needsRehash(weak)).toBe(true);
    expect(needsRehash(await hashPassword('x'.repeat(8), DEFAULT_SCRYPT))).toBe(false);
  });

  it('treats malformed or absurd stored hashes as never matching', async () => {
    const good = await hashPassword('password1');
    const [, , r, p, salt, key] = good.split('$');
    for (const stored of [
      '',
      'plain-text',
      `bcrypt$32768$${r}$${p}$${salt}$${key}`,
      `scrypt$1000$${r}$${p}$${salt}$${key}`, // N not a power of two
      `scrypt$${2 ** 24}$${r}$${p}$${salt}$${key}`, // too costly to ever run
      `scrypt$32768$${r}$${p}$$${key}`, // no salt
      `scrypt$32768$${r}$${p}$${salt}`,
    ]) {
      await expect(verifyPassword('password1', stored)).resolves.toBe(false);
      expect(needsRehash(stored)).toBe(true);
    }
  });

  it('spends a real scrypt check for unknown accounts, so timing does not tell which names exist', async () => {
    await burnPasswordCheck('whatever1'); // the first call also makes the dummy hash
    const started = performance.now();
    await burnPasswordCheck('whatever2');
    // A full-cost scrypt (32 MiB) takes tens of milliseconds on any machine; a skipped check takes none.
    expect(performance.now() - started).toBeGreaterThan(5);
  });
});

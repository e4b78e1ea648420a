/**
 * Secrets the server generates for itself on first start (the sealing key, the embedded store's keys):
 * one small file each under <data dir>/secrets, created 0600 inside a 0700 folder, never printed.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function secretsDir(dataDir: string): string {
  return path.join(dataDir, 'secrets');
}

/**
 * Read a secret file, or create it with `generate()` if absent. Creation uses O_EXCL ('wx') so two
 * processes starting at once cannot both write different secrets.
 */
export function loadOrCreateSecret(file: string, generate: () => string): string {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, generate(), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // Tighten files copied in by hand with looser permissions.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return readFileSync(file, 'utf8').trim();
}

export const randomKey = (bytes = 32): string => randomBytes(bytes).toString('base64url');

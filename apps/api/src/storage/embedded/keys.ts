/**
 * The embedded store's own access key / secret key pair: generated on first start, kept in a JSON file
 * readable by the owner only (0600), never logged.
 */
import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import path from 'node:path';

export interface StoreCredentials {
  accessKey: string;
  secretKey: string;
}

/** Same shape as Qiniu's keys: 40 URL-safe base64 characters. */
const KEY_PATTERN = /^[A-Za-z0-9_-]{40}$/;

function newKey(): string {
  return randomBytes(30).toString('base64url');
}

function parseKeys(text: string, file: string): StoreCredentials {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`embedded store keys file ${file} is not JSON; delete it to generate a new pair`);
  }
  const { accessKey, secretKey } = (parsed ?? {}) as Record<string, unknown>;
  if (
    typeof accessKey !== 'string' ||
    typeof secretKey !== 'string' ||
    !KEY_PATTERN.test(accessKey) ||
    !KEY_PATTERN.test(secretKey)
  ) {
    throw new Error(`embedded store keys file ${file} must hold {"accessKey","secretKey"} of 40 URL-safe characters`);
  }
  return { accessKey, secretKey };
}

export async function loadOrCreateKeys(file: string): Promise<StoreCredentials> {
  await mkdir(path.dirname(file), { recursive: true });
  const fresh: StoreCredentials = { accessKey: newKey(), secretKey: newKey() };
  // Written whole to a private temp file, then linked into place: link() refuses to replace an existing
  // file, so two processes starting at once agree on one pair and nobody reads a half-written file.
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(fresh, null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(tmp, file);
    return fresh;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(tmp);
  }
  const keys = parseKeys(await readFile(file, 'utf8'), file);
  // Someone loosened the permissions (copy, restore from backup): tighten them again.
  if (((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
  return keys;
}

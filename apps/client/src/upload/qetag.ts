/**
 * Qiniu's qetag computed on the device, so uploads.create can answer "already in the library" before any
 * byte is sent. The same algorithm as the server's (apps/api/src/storage/qetag.ts): SHA-1 over 4 MiB
 * blocks; one block (or an empty file) is 0x16 + sha1(data), more are 0x96 + sha1(sha1(b1) + sha1(b2) + …),
 * in URL-safe base64. The file is read one block at a time, never whole. Each block is hashed by Web
 * Crypto where there is one (H5), else by the small JS SHA-1 (WeChat, React Native).
 */
import { toUrlSafeBase64 } from '../lib/base64';
import { sha1 } from './sha1';

export const QETAG_BLOCK_SIZE = 4 * 1024 * 1024;

const SMALL_PREFIX = 0x16;
const LARGE_PREFIX = 0x96;

/** Reads `length` bytes of the file from `position`. */
export type ReadRange = (position: number, length: number) => Promise<ArrayBuffer>;

/** SHA-1 of one block. */
export type BlockHasher = (block: Uint8Array) => Promise<Uint8Array>;

export const jsBlockHasher: BlockHasher = async (block) => sha1(block);

interface SubtleLike {
  digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer>;
}

/** Web Crypto's SHA-1 where the platform has it (a browser in a secure context), else the JS one. */
export function defaultBlockHasher(): BlockHasher {
  const subtle = (globalThis as { crypto?: { subtle?: SubtleLike } }).crypto?.subtle;
  if (!subtle || typeof subtle.digest !== 'function') return jsBlockHasher;
  return async (block) => {
    try {
      return new Uint8Array(await subtle.digest('SHA-1', block));
    } catch {
      return sha1(block);
    }
  };
}

function withPrefix(prefix: number, digest: Uint8Array): string {
  const bytes = new Uint8Array(1 + digest.length);
  bytes[0] = prefix;
  bytes.set(digest, 1);
  return toUrlSafeBase64(bytes);
}

/** The qetag of a file of `size` bytes, read through `read` one 4 MiB block at a time. */
export async function qetagOf(
  size: number,
  read: ReadRange,
  hashBlock: BlockHasher = defaultBlockHasher(),
): Promise<string> {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError('qetag: size must be a whole number of bytes');
  const blocks = Math.max(1, Math.ceil(size / QETAG_BLOCK_SIZE));
  const digests: Uint8Array[] = [];
  for (let index = 0; index < blocks; index++) {
    const position = index * QETAG_BLOCK_SIZE;
    const length = Math.min(QETAG_BLOCK_SIZE, size - position);
    const block = length > 0 ? new Uint8Array(await read(position, length)) : new Uint8Array(0);
    if (block.length !== length) throw new Error(`qetag: read ${block.length} of ${length} bytes at ${position}`);
    digests.push(await hashBlock(block));
  }
  if (digests.length === 1) return withPrefix(SMALL_PREFIX, digests[0] as Uint8Array);
  const joined = new Uint8Array(digests.length * 20);
  for (const [index, digest] of digests.entries()) joined.set(digest, index * 20);
  return withPrefix(LARGE_PREFIX, await hashBlock(joined));
}

/**
 * Qiniu's qetag, the `hash` / `$(etag)` of every Kodo object: SHA-1 over 4 MiB blocks. Up to one block
 * it is 0x16 + sha1(data); beyond, 0x96 + sha1(sha1(block1) + sha1(block2) + ...). URL-safe base64.
 * Anyone can compute it, so clients and the server can spot duplicates before an upload.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';

export const QETAG_BLOCK_SIZE = 4 * 1024 * 1024;

const SMALL_PREFIX = 0x16;
const LARGE_PREFIX = 0x96;

function toUrlSafeBase64(bytes: Buffer): string {
  return bytes.toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

/** Incremental qetag: feed chunks of any size with update(), then read digest() once. */
export class QetagHasher {
  private blockHash: Hash = createHash('sha1');
  private blockFill = 0;
  private readonly blockDigests: Buffer[] = [];
  private finished = false;
  size = 0;

  update(chunk: Uint8Array): this {
    if (this.finished) throw new Error('qetag: update() after digest()');
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(QETAG_BLOCK_SIZE - this.blockFill, chunk.length - offset);
      this.blockHash.update(chunk.subarray(offset, offset + take));
      this.blockFill += take;
      offset += take;
      if (this.blockFill === QETAG_BLOCK_SIZE) {
        this.blockDigests.push(this.blockHash.digest());
        this.blockHash = createHash('sha1');
        this.blockFill = 0;
      }
    }
    this.size += chunk.length;
    return this;
  }

  digest(): string {
    return qetagOfBlocks(this.blocks());
  }

  /** Finishes: the SHA-1 of each 4 MiB block, a trailing partial block (or the empty input) counted too. */
  blocks(): Buffer[] {
    if (this.finished) throw new Error('qetag: digest() called twice');
    this.finished = true;
    if (this.blockFill > 0 || this.blockDigests.length === 0) this.blockDigests.push(this.blockHash.digest());
    return this.blockDigests;
  }
}

/** The qetag of a file from the SHA-1 of each of its 4 MiB blocks, in order (the last one may be partial). */
export function qetagOfBlocks(blocks: readonly Buffer[]): string {
  if (blocks.length === 1) return toUrlSafeBase64(Buffer.concat([Buffer.from([SMALL_PREFIX]), blocks[0] as Buffer]));
  const outer = createHash('sha1');
  for (const d of blocks) outer.update(d);
  return toUrlSafeBase64(Buffer.concat([Buffer.from([LARGE_PREFIX]), outer.digest()]));
}

/** qetag of bytes already in memory. */
export function qetag(data: Uint8Array): string {
  return new QetagHasher().update(data).digest();
}

/** qetag of a file, read as a stream (memory stays at one chunk whatever the size). */
export async function qetagFile(file: string): Promise<string> {
  const hasher = new QetagHasher();
  for await (const chunk of createReadStream(file)) hasher.update(chunk as Buffer);
  return hasher.digest();
}

/** A pass-through stream that hashes what flows through it; read `digest()` after it ends. */
export class QetagStream extends Transform {
  private readonly hasher = new QetagHasher();
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hasher.update(chunk);
    callback(null, chunk);
  }
  get size(): number {
    return this.hasher.size;
  }
  digest(): string {
    return this.hasher.digest();
  }
}

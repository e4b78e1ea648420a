import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HashThread } from './hash-thread.js';
import { allocatedBatches, HASH_BATCH_BYTES, HashingFileWriter } from './hashing-writer.js';
import { QETAG_BLOCK_SIZE, QetagHasher, qetag, qetagOfBlocks } from './qetag.js';

const thread = new HashThread();
let dir: string;
let files = 0;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'xiaojia-hashing-'));
});
afterAll(async () => {
  await thread.terminate();
  await rm(dir, { recursive: true, force: true });
});

function chunked(data: Buffer, step: number): Readable {
  return Readable.from(
    (function* () {
      for (let at = 0; at < data.length; at += step) yield data.subarray(at, at + step);
    })(),
  );
}

/** Writes `data` in chunks of `step` into a new file (after `prefix`, when given) and returns what it holds. */
async function writeThrough(data: Buffer, step: number, md5: boolean, prefix = Buffer.alloc(0), own = thread) {
  const file = path.join(dir, `f${files++}`);
  await writeFile(file, prefix);
  const handle = await open(file, 'r+');
  try {
    const writer = new HashingFileWriter(handle, prefix.length, md5, own);
    await pipeline(chunked(data, step), writer);
    return { digests: writer.digests(), onDisk: await readFile(file) };
  } finally {
    await handle.close();
  }
}

describe('HashingFileWriter', () => {
  it('writes every byte at its place and gives the qetag blocks and MD5 of the main-thread hasher', async () => {
    const sizes = [0, 1, HASH_BATCH_BYTES - 1, HASH_BATCH_BYTES, QETAG_BLOCK_SIZE, QETAG_BLOCK_SIZE + 1];
    sizes.push(2 * QETAG_BLOCK_SIZE + HASH_BATCH_BYTES + 12_345);
    for (const size of sizes) {
      const data = randomBytes(size);
      for (const step of [65_536, 1_000_003]) {
        const { digests, onDisk } = await writeThrough(data, step, true);
        expect(digests.blocks, `size ${size} step ${step}`).toEqual(new QetagHasher().update(data).blocks());
        expect(qetagOfBlocks(digests.blocks)).toBe(qetag(data));
        expect(digests.md5?.toString('hex')).toBe(createHash('md5').update(data).digest('hex'));
        expect(onDisk.equals(data)).toBe(true);
      }
    }
  });

  it('starts at the offset it is given, leaving what is before untouched, and skips MD5 unless asked', async () => {
    const prefix = randomBytes(3 * HASH_BATCH_BYTES + 17);
    const data = randomBytes(6 * HASH_BATCH_BYTES + 5);
    const { digests, onDisk } = await writeThrough(data, 4096, false, prefix);
    expect(digests.md5).toBeNull();
    expect(qetagOfBlocks(digests.blocks)).toBe(qetag(data));
    expect(onDisk.equals(Buffer.concat([prefix, data]))).toBe(true);
  });

  it('keeps writers running at the same time apart', async () => {
    const inputs = [randomBytes(5 * HASH_BATCH_BYTES), randomBytes(9 * HASH_BATCH_BYTES + 7), randomBytes(10)];
    const results = await Promise.all(inputs.map((data, i) => writeThrough(data, 30_000 + i * 7_919, true)));
    results.forEach(({ digests, onDisk }, i) => {
      const data = inputs[i] as Buffer;
      expect(qetagOfBlocks(digests.blocks)).toBe(qetag(data));
      expect(digests.md5?.equals(createHash('md5').update(data).digest())).toBe(true);
      expect(onDisk.equals(data)).toBe(true);
    });
  });

  it('reuses its batches: two rounds of twelve uploads at once allocate no more than one round holds', async () => {
    const inputs = Array.from({ length: 12 }, (_, i) => randomBytes(4 * HASH_BATCH_BYTES + i));
    const before = allocatedBatches();
    for (let round = 0; round < 2; round++) {
      const results = await Promise.all(inputs.map((data) => writeThrough(data, 65_536, false)));
      results.forEach(({ onDisk }, i) => {
        expect(onDisk.equals(inputs[i] as Buffer)).toBe(true);
      });
    }
    // Three batches per writer at most (one filling, two in flight); 120 if none were ever reused.
    expect(allocatedBatches() - before).toBeLessThanOrEqual(12 * 3);
  });

  it('closes only once its writes are done when destroyed half-way, and the next writer is right', async () => {
    const file = path.join(dir, 'destroyed');
    const handle = await open(file, 'w+');
    const writer = new HashingFileWriter(handle, 0, true, thread);
    writer.write(randomBytes(3 * HASH_BATCH_BYTES + 3));
    const closed = new Promise((resolve) => writer.on('close', resolve));
    writer.destroy();
    await closed;
    await handle.close();
    expect(() => writer.digests()).toThrow(/before it finished/);

    const data = randomBytes(HASH_BATCH_BYTES + 1);
    const { digests } = await writeThrough(data, 65_536, false);
    expect(qetagOfBlocks(digests.blocks)).toBe(qetag(data));
  });

  it('fails with the disk’s error when a write fails, instead of hanging', async () => {
    const file = path.join(dir, 'read-only');
    await writeFile(file, '');
    const handle = await open(file, 'r');
    try {
      const writer = new HashingFileWriter(handle, 0, false, thread);
      await expect(pipeline(chunked(randomBytes(8 * HASH_BATCH_BYTES), 65_536), writer)).rejects.toThrow(/EBADF/);
    } finally {
      await handle.close();
    }
  });

  it('fails the writers in progress when the thread dies, and starts a new thread for the next', async () => {
    const own = new HashThread();
    const file = path.join(dir, 'thread-died');
    const handle = await open(file, 'w+');
    try {
      const writer = new HashingFileWriter(handle, 0, false, own);
      // More batches than a writer holds: one waiting for the thread is let go when it dies.
      const piped = pipeline(chunked(randomBytes(8 * HASH_BATCH_BYTES), 65_536), writer);
      await own.terminate();
      await expect(piped).rejects.toThrow(/hash thread stopped/);
    } finally {
      await handle.close();
    }
    const data = randomBytes(HASH_BATCH_BYTES * 2 + 9);
    const { digests } = await writeThrough(data, 65_536, false, undefined, own);
    expect(qetagOfBlocks(digests.blocks)).toBe(qetag(data));
    await own.terminate();
  });
});

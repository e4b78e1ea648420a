import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { qetag as serverQetag } from '../../../api/src/storage/qetag';
import { defaultBlockHasher, jsBlockHasher, QETAG_BLOCK_SIZE, qetagOf, type ReadRange } from './qetag';
import { Sha1, sha1 } from './sha1';

function bytes(length: number, seed = 1): Uint8Array {
  const data = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    data[i] = x >>> 24;
  }
  return data;
}

/** A file read in ranges, recording each read's length. */
function reader(data: Uint8Array) {
  const reads: number[] = [];
  const read: ReadRange = async (position, length) => {
    reads.push(length);
    return data.slice(position, position + length).buffer;
  };
  return { read, reads };
}

describe('sha1 (pure JS)', () => {
  it("matches Node's SHA-1 at every padding edge and whatever the chunking", () => {
    for (const length of [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 70_001]) {
      const data = bytes(length, length + 7);
      const expected = createHash('sha1').update(data).digest('hex');
      expect(Buffer.from(sha1(data)).toString('hex')).toBe(expected);
      const hasher = new Sha1();
      for (let at = 0; at < length; at += 13) hasher.update(data.subarray(at, at + 13));
      expect(Buffer.from(hasher.digest()).toString('hex')).toBe(expected);
    }
    expect(Buffer.from(sha1(new TextEncoder().encode('abc'))).toString('hex')).toBe(
      'a9993e364706816aba3e25717850c26c9cd0d89d',
    );
  });
});

describe('qetag on the device', () => {
  it("equals the server's qetag on the same bytes, with the JS SHA-1 and with Web Crypto's", async () => {
    const sizes = [0, 1, 1000, QETAG_BLOCK_SIZE - 1, QETAG_BLOCK_SIZE, QETAG_BLOCK_SIZE + 1, 9 * 1024 * 1024 + 123];
    for (const size of sizes) {
      const data = bytes(size, size);
      const expected = serverQetag(data);
      expect(await qetagOf(size, reader(data).read, jsBlockHasher)).toBe(expected);
      expect(await qetagOf(size, reader(data).read, defaultBlockHasher())).toBe(expected);
    }
  });

  it("gives Qiniu's published reference values", async () => {
    expect(await qetagOf(0, reader(new Uint8Array(0)).read, jsBlockHasher)).toBe('Fto5o-5ea0sNMlW_75VgGJCv2AcJ');
    const etag = new TextEncoder().encode('etag');
    expect(await qetagOf(4, reader(etag).read, jsBlockHasher)).toBe('FpLiADEaVoALPkdb8tJEJyRTXoe_');
    const zeros = new Uint8Array(5 * 1024 * 1024);
    expect(await qetagOf(zeros.length, reader(zeros).read, jsBlockHasher)).toBe('lrMhp7oU8rzWSRlmUeGJ73Q2pVa-');
  });

  it('reads the file in 4 MiB blocks, never whole', async () => {
    const data = bytes(9 * 1024 * 1024 + 5);
    const { read, reads } = reader(data);
    await qetagOf(data.length, read, jsBlockHasher);
    expect(reads).toEqual([QETAG_BLOCK_SIZE, QETAG_BLOCK_SIZE, 1024 * 1024 + 5]);
  });

  it('fails on a short read instead of naming the wrong content', async () => {
    await expect(qetagOf(10, async () => new ArrayBuffer(4), jsBlockHasher)).rejects.toThrow(/read 4 of 10/);
  });
});

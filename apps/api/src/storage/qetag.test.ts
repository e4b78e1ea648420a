import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { QETAG_BLOCK_SIZE, QetagHasher, QetagStream, qetag, qetagFile } from './qetag.js';

describe('qetag', () => {
  // Known answers published in Qiniu's own SDK tests.
  it('matches Qiniu reference values', () => {
    expect(qetag(Buffer.alloc(0))).toBe('Fto5o-5ea0sNMlW_75VgGJCv2AcJ');
    expect(qetag(Buffer.from('etag'))).toBe('FpLiADEaVoALPkdb8tJEJyRTXoe_');
    expect(qetag(Buffer.alloc(5 * 1024 * 1024, 0))).toBe('lrMhp7oU8rzWSRlmUeGJ73Q2pVa-');
  });

  it('uses the single-block form up to exactly 4 MiB and the block-list form beyond', () => {
    const exact = Buffer.alloc(QETAG_BLOCK_SIZE, 7);
    const sha = createHash('sha1').update(exact).digest();
    const expected = Buffer.concat([Buffer.from([0x16]), sha]).toString('base64url');
    expect(qetag(exact)).toBe(expected);
    expect(qetag(exact).startsWith('F')).toBe(true);

    const over = Buffer.alloc(QETAG_BLOCK_SIZE + 1, 7);
    const blocks = [over.subarray(0, QETAG_BLOCK_SIZE), over.subarray(QETAG_BLOCK_SIZE)];
    const outer = createHash('sha1');
    for (const b of blocks) outer.update(createHash('sha1').update(b).digest());
    expect(qetag(over)).toBe(Buffer.concat([Buffer.from([0x96]), outer.digest()]).toString('base64url'));
    expect(qetag(over).startsWith('l')).toBe(true);
  });

  it('gives the same answer whatever the chunking', () => {
    const data = Buffer.alloc(9 * 1024 * 1024 + 123);
    for (let i = 0; i < data.length; i++) data[i] = (i * 31 + (i >> 11)) & 0xff;
    const whole = qetag(data);
    for (const step of [1000, 65_536, QETAG_BLOCK_SIZE - 1, QETAG_BLOCK_SIZE + 17]) {
      const hasher = new QetagHasher();
      for (let at = 0; at < data.length; at += step) hasher.update(data.subarray(at, at + step));
      expect(hasher.size).toBe(data.length);
      expect(hasher.digest()).toBe(whole);
    }
  });

  it('hashes files and streams without changing the bytes', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'qetag-'));
    try {
      const data = Buffer.alloc(6 * 1024 * 1024, 3);
      const file = path.join(dir, 'f.bin');
      await writeFile(file, data);
      expect(await qetagFile(file)).toBe(qetag(data));

      const through = new QetagStream();
      const seen: Buffer[] = [];
      await pipeline(
        Readable.from([data.subarray(0, 100), data.subarray(100)]),
        through,
        new Writable({
          write(chunk: Buffer, _enc, cb) {
            seen.push(chunk);
            cb();
          },
        }),
      );
      expect(Buffer.concat(seen).equals(data)).toBe(true);
      expect(through.size).toBe(data.length);
      expect(through.digest()).toBe(qetag(data));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses to be used after digest', () => {
    const hasher = new QetagHasher().update(Buffer.from('x'));
    hasher.digest();
    expect(() => hasher.update(Buffer.from('y'))).toThrow(/after digest/);
    expect(() => hasher.digest()).toThrow(/twice/);
  });
});

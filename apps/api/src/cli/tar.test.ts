import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTar, TarWriter } from './tar.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'xiaojia-tar-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A source that hands its bytes over in several chunks, as a file stream does. */
const chunked = (bytes: Buffer, size = 700) =>
  Readable.from(
    Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size)),
  );

describe('TarWriter', () => {
  it('writes many entries that read back byte for byte, without piling listeners on the file', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const file = path.join(dir, 'many.tar');
      const tar = new TarWriter(file);
      const entries = Array.from({ length: 40 }, (_, i) => ({
        name: `photos/u1/${i}.jpg`,
        bytes: Buffer.alloc(1000 + i * 37, i),
      }));
      for (const { name, bytes } of entries) await tar.add(name, bytes.length, chunked(bytes));
      await tar.finish();

      const read: { name: string; bytes: Buffer }[] = [];
      for await (const entry of readTar(file)) read.push({ name: entry.name, bytes: await entry.read() });
      expect(read.map((entry) => entry.name)).toEqual(entries.map((entry) => entry.name));
      expect(read.every((entry, i) => entry.bytes.equals(entries[i]?.bytes ?? Buffer.alloc(0)))).toBe(true);
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('refuses a source that delivers more or fewer bytes than announced', async () => {
    const tar = new TarWriter(path.join(dir, 'bad.tar'));
    await expect(tar.add('grew.jpg', 10, chunked(Buffer.alloc(25), 5))).rejects.toThrow(/grew while being archived/);
    await tar.destroy();
    const other = new TarWriter(path.join(dir, 'short.tar'));
    await expect(other.add('shrank.jpg', 10, chunked(Buffer.alloc(4)))).rejects.toThrow(/changed size .*\(4 of 10\)/);
    await other.destroy();
  });

  it('abandons an archive whose file is still being opened: closed before it resolves, nothing left after', async () => {
    const file = path.join(dir, 'early.tar');
    const tar = new TarWriter(file);
    // Destroyed at once, before the file stream has opened its file.
    await tar.destroy();
    rmSync(file, { force: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(existsSync(file)).toBe(false);
    await tar.destroy();
  });

  it('tells the next write that the file could not be opened (already there), rather than throwing uncaught', async () => {
    const file = path.join(dir, 'taken.tar');
    writeFileSync(file, 'not mine');
    const tar = new TarWriter(file);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await expect(tar.addBuffer('a.txt', Buffer.from('a'))).rejects.toThrow(/EEXIST/);
    await tar.destroy();
    expect(readFileSync(file, 'utf8')).toBe('not mine');
  });
});

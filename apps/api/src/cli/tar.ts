/**
 * Just enough of the POSIX ustar format for backups and home exports: regular files written one after
 * another, each a 512-byte header plus its bytes padded to 512, ending with two zero blocks. The result
 * opens with any `tar`. Sizes of 8 GiB and more use GNU's base-256 size field. Bytes stream from their
 * source to a file or any writable (an HTTP response), waiting whenever it is full.
 */

import { once } from 'node:events';
import { createReadStream, createWriteStream, WriteStream } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const BLOCK = 512;
const OCTAL_SIZE_MAX = 8 ** 11 - 1;

/** What one file of `size` bytes takes in the archive: its header and its bytes padded to a block. */
export const tarEntryBytes = (size: number) => BLOCK + Math.ceil(size / BLOCK) * BLOCK;
/** The end marker after the last entry. */
export const TAR_END_BYTES = 2 * BLOCK;

function writeString(header: Buffer, text: string, offset: number, length: number): void {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length > length) throw new Error(`tar: "${text}" does not fit in ${length} bytes`);
  bytes.copy(header, offset);
}

function writeOctal(header: Buffer, value: number, offset: number, length: number): void {
  writeString(header, `${value.toString(8).padStart(length - 1, '0')}\0`, offset, length);
}

function writeSize(header: Buffer, size: number): void {
  if (size <= OCTAL_SIZE_MAX) {
    writeOctal(header, size, 124, 12);
    return;
  }
  // GNU base-256: high bit set on the first byte, then the value big-endian.
  header.fill(0, 124, 136);
  header[124] = 0x80;
  let rest = BigInt(size);
  for (let i = 135; i > 124; i--) {
    header[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
}

function readSize(header: Buffer): number {
  if ((header[124] ?? 0) & 0x80) {
    let value = 0n;
    for (let i = 125; i < 136; i++) value = (value << 8n) | BigInt(header[i] ?? 0);
    return Number(value);
  }
  return Number.parseInt(header.toString('latin1', 124, 136).replace(/\0.*$/, '').trim() || '0', 8);
}

function headerFor(name: string, size: number, mode: number, mtime: Date): Buffer {
  const header = Buffer.alloc(BLOCK);
  // Names longer than 100 bytes go into the ustar prefix field, split at a slash.
  let prefix = '';
  let base = name;
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/', 155);
    if (cut <= 0 || Buffer.byteLength(name.slice(cut + 1)) > 100) throw new Error(`tar: path too long: ${name}`);
    prefix = name.slice(0, cut);
    base = name.slice(cut + 1);
  }
  writeString(header, base, 0, 100);
  writeOctal(header, mode & 0o7777, 100, 8);
  writeOctal(header, 0, 108, 8);
  writeOctal(header, 0, 116, 8);
  writeSize(header, size);
  writeOctal(header, Math.floor(mtime.getTime() / 1000), 136, 12);
  header.fill(0x20, 148, 156);
  header[156] = 0x30; // '0': regular file
  writeString(header, 'ustar\0', 257, 6);
  writeString(header, '00', 263, 2);
  writeString(header, prefix, 345, 155);
  let sum = 0;
  for (const byte of header) sum += byte;
  writeString(header, `${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return header;
}

function checksumOk(header: Buffer): boolean {
  const stored = Number.parseInt(header.toString('latin1', 148, 156).replace(/[\0 ]+$/g, ''), 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (header[i] ?? 0);
  return sum === stored;
}

/** Resolves once `out` wants more bytes; rejects if it errs or closes first (a client that went away). */
function drained(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', onError);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => settle();
    const onClose = () => settle(new Error('tar: the destination closed'));
    const onError = (error: Error) => settle(error);
    out.on('drain', onDrain);
    out.on('close', onClose);
    out.on('error', onError);
  });
}

/**
 * Appends files to a tar being written to a new file (given its path) or to any writable. `finish()`
 * writes the end marker and ends the output (a file is also synced to disk).
 */
export class TarWriter {
  private readonly out: Writable;
  /** The destination's failure (a file that could not be opened or written), told by the next write. */
  private failure: Error | null = null;

  constructor(destination: string | Writable) {
    this.out =
      typeof destination === 'string' ? createWriteStream(destination, { flags: 'wx', mode: 0o600 }) : destination;
    // A file stream opens its file later, on its own: a failure then must not go unheard (uncaught).
    this.out.on('error', (error: Error) => {
      this.failure ??= error;
    });
  }

  private async write(chunk: Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.out.destroyed) throw new Error('tar: the destination closed');
    if (!this.out.write(chunk)) await drained(this.out);
  }

  /** Adds a file whose bytes come from `source`, which must deliver exactly `size` bytes. */
  async add(
    name: string,
    size: number,
    source: Readable,
    options: { mode?: number; mtime?: Date; observe?: (chunk: Buffer) => void } = {},
  ): Promise<void> {
    await this.write(headerFor(name, size, options.mode ?? 0o600, options.mtime ?? new Date()));
    let written = 0;
    // Not pipeline(..., { end: false }): into a file that stays open it leaves its listeners on the file,
    // a few more for every entry of a backup that may hold tens of thousands.
    for await (const chunk of source as AsyncIterable<Buffer>) {
      written += chunk.length;
      if (written > size) throw new Error(`tar: ${name} grew while being archived`);
      options.observe?.(chunk);
      await this.write(chunk);
    }
    if (written !== size) throw new Error(`tar: ${name} changed size while being archived (${written} of ${size})`);
    const pad = (BLOCK - (size % BLOCK)) % BLOCK;
    if (pad > 0) await this.write(Buffer.alloc(pad));
  }

  async addBuffer(name: string, bytes: Buffer, mode = 0o600): Promise<void> {
    await this.add(name, bytes.length, Readable.from([bytes]), { mode });
  }

  async finish(): Promise<void> {
    await this.write(Buffer.alloc(TAR_END_BYTES));
    this.out.end();
    await once(this.out, 'finish');
    if (!(this.out instanceof WriteStream)) return;
    const handle = await open(this.out.path, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /**
   * Abandons the archive; resolves once the destination is closed, so the caller may then remove the
   * partial file (a file stream may still be opening it: removed before, it would be created after).
   */
  async destroy(): Promise<void> {
    if (this.out.closed) return;
    const closed = once(this.out, 'close');
    this.out.destroy();
    await closed;
  }
}

export interface TarEntry {
  name: string;
  size: number;
  mode: number;
  /** Streams this entry's bytes into `file` (created with `mode`, must not exist). */
  extractTo(file: string, observe?: (chunk: Buffer) => void): Promise<void>;
  /** This entry's bytes in memory (small entries only). */
  read(): Promise<Buffer>;
}

/** Walks a tar's regular files in order; directories and other entry types are refused. */
export async function* readTar(file: string): AsyncGenerator<TarEntry> {
  const handle: FileHandle = await open(file, 'r');
  try {
    const { size: total } = await handle.stat();
    let offset = 0;
    const header = Buffer.alloc(BLOCK);
    while (offset + BLOCK <= total) {
      const { bytesRead } = await handle.read(header, 0, BLOCK, offset);
      if (bytesRead !== BLOCK) throw new Error('tar: truncated header');
      if (header.every((b) => b === 0)) return;
      if (!checksumOk(header)) throw new Error(`tar: bad header checksum at byte ${offset}; the file is damaged`);
      const type = String.fromCharCode(header[156] ?? 0);
      const base = header.toString('utf8', 0, 100).replace(/\0.*$/s, '');
      const prefix = header.toString('utf8', 345, 500).replace(/\0.*$/s, '');
      const name = prefix ? `${prefix}/${base}` : base;
      const size = readSize(header);
      const mode = Number.parseInt(header.toString('latin1', 100, 108).replace(/\0.*$/, '').trim() || '600', 8);
      if (type !== '0' && type !== '\0') throw new Error(`tar: unexpected entry type "${type}" for ${name}`);
      const start = offset + BLOCK;
      if (start + size > total) throw new Error(`tar: ${name} is cut short; the file is truncated`);
      yield {
        name,
        size,
        mode,
        async extractTo(target, observe) {
          const source = size === 0 ? Readable.from([]) : createReadStream(file, { start, end: start + size - 1 });
          const tap = new Transform({
            transform(chunk: Buffer, _encoding, callback) {
              observe?.(chunk);
              callback(null, chunk);
            },
          });
          await pipeline(source, tap, createWriteStream(target, { flags: 'wx', mode }));
        },
        async read() {
          const bytes = Buffer.alloc(size);
          await handle.read(bytes, 0, size, start);
          return bytes;
        },
      };
      offset = start + Math.ceil(size / BLOCK) * BLOCK;
    }
    throw new Error('tar: no end marker; the file is truncated');
  } finally {
    await handle.close();
  }
}

/**
 * The S3 peer's objects: bytes stream through a meter (size limit, MD5 for the ETag, SHA-256 for a signed
 * payload) into a temp file, renamed into place only once every check passed; facts kept in memory (the
 * peer serves tests and benches, it does not persist across restarts).
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UNSIGNED_PAYLOAD } from '../../s3/sigv4.js';
import { S3PeerError } from './auth.js';
import { type NoOverwrite, refuseOverwrite } from './overwrite.js';

export interface S3Object {
  size: number;
  /** Hex MD5, as S3 answers it for a single PUT (quoted on the wire). */
  etag: string;
  contentType: string;
  file: string;
}

export interface WriteOptions {
  /** Bytes past this refuse the upload (EntityTooLarge). */
  maxBytes: number;
  minBytes?: number;
  /** The signed x-amz-content-sha256: the body must hash to it, unless UNSIGNED-PAYLOAD. */
  payloadHash?: string;
  contentType: string;
  /** Refuse when the key exists (checked again just before the rename), answered as the guard's provider does. */
  noOverwrite: NoOverwrite;
}

class Meter extends Transform {
  size = 0;
  readonly md5 = createHash('md5');
  readonly sha256 = createHash('sha256');
  constructor(private readonly maxBytes: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      callback(new S3PeerError(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size'));
      return;
    }
    this.md5.update(chunk);
    this.sha256.update(chunk);
    callback(null, chunk);
  }
}

/** Bytes received into a temp file, checked but not yet an object. */
export interface Received {
  file: string;
  size: number;
  md5: Buffer;
}

export class S3Objects {
  private readonly objects = new Map<string, S3Object>();

  constructor(private readonly dir: string) {}

  private id(bucket: string, key: string) {
    return `${bucket}\n${key}`;
  }

  get(bucket: string, key: string): S3Object | undefined {
    return this.objects.get(this.id(bucket, key));
  }

  /** The keys `bucket` holds under `prefix`, sorted (what tests look at; the peer implements no listing). */
  keys(bucket: string, prefix = ''): string[] {
    const start = this.id(bucket, prefix);
    return [...this.objects.keys()]
      .filter((id) => id.startsWith(start))
      .map((id) => id.slice(bucket.length + 1))
      .sort();
  }

  /** The object's bytes, or the inclusive range `start`..`end` of them. */
  read(object: S3Object, range?: { start: number; end: number }): Readable {
    return createReadStream(object.file, range);
  }

  /**
   * Streams `body` into a temp file through the meter: size limits and the signed payload hash checked.
   * The caller makes it an object (write, multipart completion) or a part; on a refusal nothing is left.
   */
  async receive(body: Readable, options: Omit<WriteOptions, 'contentType' | 'noOverwrite'>): Promise<Received> {
    await mkdir(this.dir, { recursive: true });
    const file = this.tempFile();
    const meter = new Meter(options.maxBytes);
    try {
      await pipeline(body, meter, createWriteStream(file));
      if (meter.size < (options.minBytes ?? 0)) {
        throw new S3PeerError(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size');
      }
      const sha = meter.sha256.digest('hex');
      if (options.payloadHash && options.payloadHash !== UNSIGNED_PAYLOAD && options.payloadHash !== sha) {
        throw new S3PeerError(
          400,
          'XAmzContentSHA256Mismatch',
          "The provided 'x-amz-content-sha256' header does not match what was computed.",
        );
      }
    } catch (error) {
      await rm(file, { force: true });
      throw error;
    }
    return { file, size: meter.size, md5: meter.md5.digest() };
  }

  tempFile(): string {
    return path.join(this.dir, randomUUID());
  }

  async write(bucket: string, key: string, body: Readable, options: WriteOptions): Promise<S3Object> {
    if (options.noOverwrite && this.objects.has(this.id(bucket, key))) throw refuseOverwrite(options.noOverwrite);
    const received = await this.receive(body, options);
    return this.adopt(
      bucket,
      key,
      {
        file: received.file,
        size: received.size,
        etag: received.md5.toString('hex'),
        contentType: options.contentType,
      },
      options.noOverwrite,
    );
  }

  /** Makes a checked temp file the object at `key` (the no-overwrite guard checked again at this last moment). */
  async adopt(bucket: string, key: string, object: S3Object, noOverwrite: NoOverwrite): Promise<S3Object> {
    if (noOverwrite && this.objects.has(this.id(bucket, key))) {
      await rm(object.file, { force: true });
      throw refuseOverwrite(noOverwrite);
    }
    const previous = this.objects.get(this.id(bucket, key));
    this.objects.set(this.id(bucket, key), object);
    if (previous) await rm(previous.file, { force: true });
    return object;
  }

  async delete(bucket: string, key: string): Promise<void> {
    const object = this.objects.get(this.id(bucket, key));
    this.objects.delete(this.id(bucket, key));
    if (object) await rm(object.file, { force: true });
  }
}

/**
 * uploadPart: the bytes of one part stream through a meter (size, md5, qetag blocks) to disk, never held
 * whole in memory. A part the size of the upload's stride goes straight into its slot of the assembly
 * file; any other part into a file of its own. It is recorded only once every byte is written, and the
 * token's fsizeLimit counts every part of the upload, stored or arriving, the moment it is exceeded.
 */
import { type FileHandle, open, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { HashingFileWriter } from '../../hashing-writer.js';
import { qetagOfBlocks } from '../../qetag.js';
import { newFileId, syncDirectory } from '../context.js';
import { KODO, KodoError } from '../errors.js';
import type { PutPolicy } from '../policy.js';
import { assemblyFile, PART_MAX_BYTES, type ResumableContext, uploadDir } from './context.js';
import type { UploadRow } from './registry.js';

export function tooLarge(): KodoError {
  return new KodoError(KODO.tooLarge, 'file exceeds the size limit of the upload token');
}

/** The most bytes the whole upload may hold. */
export function uploadLimit(rc: ResumableContext, policy: PutPolicy): number {
  return Math.min(policy.fsizeLimit ?? Number.POSITIVE_INFINITY, rc.store.maxUploadBytes);
}

/**
 * One pass over the part's bytes: size and limits here; the qetag's SHA-1 blocks and MD5 (only when the
 * client sent Content-MD5: the qiniu SDK always does and checks the answer's md5; our clients do not) on
 * the hashing thread, which was the main thread's largest cost per byte. (WebCrypto's SHA-1 on the thread
 * pool was tried first: twice the CPU per byte, its own copy of every 4 MiB block, and it lost.)
 */
class PartMeter extends HashingFileWriter {
  size = 0;

  constructor(
    handle: FileHandle,
    start: number,
    private readonly overLimit: (size: number) => boolean,
    withMd5: boolean,
  ) {
    super(handle, start, withMd5);
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.size += chunk.length;
    if (this.size > PART_MAX_BYTES) {
      callback(new KodoError(KODO.tooLarge, 'part exceeds the 1 GiB limit'));
      return;
    }
    if (this.overLimit(this.size)) {
      callback(tooLarge());
      return;
    }
    super._write(chunk, encoding, callback);
  }
}

/**
 * Streams the request body through the meter into its file; on a refusal the rest of the body is drained.
 * Settles only once the meter is done with the file (it may still be writing when it fails).
 */
function receive(req: IncomingMessage, meter: PartMeter): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      req.unpipe(meter);
      // Let the client finish sending so it reads the answer; the bytes are discarded.
      req.resume();
      meter.once('close', () => reject(error));
      meter.destroy();
    };
    req.on('close', () => {
      if (!req.complete) fail(new KodoError(KODO.badRequest, 'upload aborted by the client'));
    });
    meter.on('error', fail);
    meter.on('finish', () => {
      if (settled) return;
      settled = true;
      resolve();
    });
    req.pipe(meter);
  });
}

/** Content-MD5 as the SDK sends it (hex) or as RFC 1864 has it (base64). */
function md5Matches(header: string, digest: Buffer): boolean {
  const value = header.trim();
  return value.toLowerCase() === digest.toString('hex') || value === digest.toString('base64');
}

export async function putPart(
  rc: ResumableContext,
  req: IncomingMessage,
  upload: UploadRow,
  policy: PutPolicy,
  partNumber: number,
): Promise<{ etag: string; md5: string }> {
  const { registry, inFlight, store } = rc;
  const id = upload.upload_id;
  const header = req.headers['content-length'];
  const declared = header === undefined ? null : Number(header);
  if (declared !== null && !(Number.isSafeInteger(declared) && declared >= 0)) {
    throw new KodoError(KODO.badRequest, 'invalid Content-Length');
  }
  if (declared !== null && declared > PART_MAX_BYTES) {
    throw new KodoError(KODO.tooLarge, 'part exceeds the 1 GiB limit');
  }
  const contentMd5 = req.headers['content-md5'] as string | undefined;
  const limit = uploadLimit(rc, policy);
  const stored = registry.storedBytes(id, partNumber);
  if (declared !== null && stored + inFlight.othersBytes(id, null) + declared > limit) throw tooLarge();

  // The first part with a known length sets the stride; parts of that length (or shorter: the last one)
  // go to their slot unless another request is writing that slot right now.
  const stride = declared && declared > 0 ? (upload.stride ?? registry.claimStride(id, declared)) : null;
  const inStride =
    stride !== null &&
    declared !== null &&
    declared > 0 &&
    declared <= stride &&
    !inFlight.strideSlotBusy(id, partNumber);
  const entry = inFlight.start(id, partNumber, inStride);
  const ownFile = inStride ? null : `p${partNumber}-${newFileId()}`;
  try {
    if (inStride) {
      // Its slot is about to be overwritten: what was there is no longer a stored part.
      const previous = registry.part(id, partNumber);
      if (previous && previous.file === null) registry.dropPart(id, partNumber);
    }
    const file = inStride ? assemblyFile(store, id) : path.join(uploadDir(store, id), ownFile as string);
    const handle = inStride ? await open(file, 'r+') : await open(file, 'wx', 0o600);
    let meter: PartMeter;
    try {
      const start = inStride ? (partNumber - 1) * (stride as number) : 0;
      meter = new PartMeter(
        handle,
        start,
        (size) => {
          entry.bytes = size;
          return stored + inFlight.othersBytes(id, entry) + size > limit;
        },
        contentMd5 !== undefined,
      );
      await receive(req, meter);
      // A part is listed (and counted on at complete, whose etag comes from these hashes) only once its
      // bytes are on disk.
      await handle.datasync();
    } finally {
      await handle.close();
    }
    if (ownFile) await syncDirectory(uploadDir(store, id));
    if (declared !== null && meter.size !== declared) {
      throw new KodoError(KODO.badRequest, 'part is shorter than its Content-Length');
    }
    const { blocks, md5 } = meter.digests();
    if (md5 && contentMd5 !== undefined && !md5Matches(contentMd5, md5))
      throw new KodoError(KODO.badRequest, 'Content-MD5 not match');
    // Parts recorded meanwhile by other requests count too.
    if (registry.storedBytes(id, partNumber) + meter.size > limit) throw tooLarge();
    const row = {
      upload_id: id,
      part_number: partNumber,
      size: meter.size,
      etag: qetagOfBlocks(blocks),
      md5: md5?.toString('hex') ?? '',
      put_time: Math.floor(store.clock.now().getTime() / 1000),
      file: ownFile,
      blocks: Buffer.concat(blocks),
    };
    const previous = registry.recordPart(row);
    if (previous === 'gone') throw new KodoError(KODO.noSuchEntry, 'no such uploadId');
    if (previous?.file) await rm(path.join(uploadDir(store, id), previous.file), { force: true });
    return { etag: row.etag, md5: row.md5 };
  } catch (error) {
    if (ownFile) await rm(path.join(uploadDir(store, id), ownFile), { force: true });
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      // The upload's folder went away under us: aborted or swept.
      throw new KodoError(KODO.noSuchEntry, 'no such uploadId');
    }
    throw error;
  } finally {
    inFlight.end(id, entry);
  }
}

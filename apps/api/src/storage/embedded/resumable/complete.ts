/**
 * completeMultipartUpload: the listed parts (ascending, each with the etag uploadPart answered) become
 * the object. When they are exactly the stride slots 1..n of the assembly file, that file is cut to size
 * and renamed into place: no byte is copied. Otherwise the parts are streamed, in order, into a new file.
 * The object is indexed only once its file is whole, so a crash at any point lists nothing half-made.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rm, truncate } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { QETAG_BLOCK_SIZE, QetagStream, qetagFile, qetagOfBlocks } from '../../qetag.js';
import { newFileId, syncFileData, WRITE_BUFFER_BYTES } from '../context.js';
import { KODO, KodoError } from '../errors.js';
import { resolveMime, SNIFF_BYTES } from '../mime.js';
import { placeObject } from '../place.js';
import { mimeRefusal, type PutPolicy } from '../policy.js';
import { assemblyFile, PART_MIN_BYTES, PART_NUMBER_MAX, type ResumableContext, uploadDir } from './context.js';
import { tooLarge, uploadLimit } from './part.js';
import type { PartRow, UploadRow } from './registry.js';
import { resetAssembly } from './sweep.js';

export const zCompleteBody = z.object({
  parts: z
    .array(z.object({ partNumber: z.number().int().min(1).max(PART_NUMBER_MAX), etag: z.string().min(1).max(200) }))
    .min(1)
    .max(PART_NUMBER_MAX),
  fname: z.string().max(1024).optional(),
  mimeType: z.string().max(200).nullish(),
  customVars: z.record(z.string(), z.unknown()).nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
});
export type CompleteBody = z.infer<typeof zCompleteBody>;

/** Where a part's bytes are: its own file, or a range of the assembly file. */
function partSource(rc: ResumableContext, upload: UploadRow, part: PartRow): { file: string; start: number } {
  if (part.file) return { file: path.join(uploadDir(rc.store, upload.upload_id), part.file), start: 0 };
  return { file: assemblyFile(rc.store, upload.upload_id), start: (part.part_number - 1) * (upload.stride as number) };
}

/** The first SNIFF_BYTES of the object, read across parts. */
async function readHead(rc: ResumableContext, upload: UploadRow, parts: PartRow[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let have = 0;
  for (const part of parts) {
    if (have >= SNIFF_BYTES) break;
    const { file, start } = partSource(rc, upload, part);
    const want = Math.min(SNIFF_BYTES - have, part.size);
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.alloc(want);
      const { bytesRead } = await handle.read(buffer, 0, want, start);
      chunks.push(buffer.subarray(0, bytesRead));
      have += bytesRead;
    } finally {
      await handle.close();
    }
  }
  return Buffer.concat(chunks);
}

/** The stored parts the body names, checked as Kodo checks them. */
function chosenParts(rc: ResumableContext, upload: UploadRow, body: CompleteBody): PartRow[] {
  const stored = new Map(rc.registry.parts(upload.upload_id).map((p) => [p.part_number, p]));
  const chosen: PartRow[] = [];
  let previous = 0;
  for (const { partNumber, etag } of body.parts) {
    if (partNumber <= previous) throw new KodoError(KODO.badRequest, 'parts must be in ascending order of partNumber');
    previous = partNumber;
    const part = stored.get(partNumber);
    if (!part) throw new KodoError(KODO.badRequest, `invalid part: part ${partNumber} was not uploaded`);
    if (part.etag !== etag)
      throw new KodoError(KODO.badRequest, `invalid part: etag of part ${partNumber} does not match`);
    chosen.push(part);
  }
  chosen.slice(0, -1).forEach((part) => {
    if (part.size < PART_MIN_BYTES) {
      throw new KodoError(KODO.badRequest, `part ${part.part_number} is smaller than 1 MiB and not the last part`);
    }
  });
  return chosen;
}

/** Slots 1..n of the assembly file, every one full but the last: the file is already the object. */
function isStrideLayout(upload: UploadRow, parts: PartRow[]): boolean {
  if (upload.stride === null) return false;
  return parts.every(
    (part, i) =>
      part.file === null &&
      part.part_number === i + 1 &&
      (i === parts.length - 1 ? part.size <= (upload.stride as number) : part.size === upload.stride),
  );
}

/** Streams the parts in order into a new file, hashing on the way. */
async function concatenate(rc: ResumableContext, upload: UploadRow, parts: PartRow[], target: string) {
  const hasher = new QetagStream();
  const out = createWriteStream(target, { flags: 'wx', mode: 0o600, highWaterMark: WRITE_BUFFER_BYTES });
  const source = async function* () {
    for (const part of parts) {
      const { file, start } = partSource(rc, upload, part);
      if (part.size === 0) continue;
      yield* createReadStream(file, { start, end: start + part.size - 1, highWaterMark: 1024 * 1024 });
    }
  };
  await pipeline(source, hasher, out);
  await syncFileData(target);
  return hasher.digest();
}

export async function completeUpload(
  rc: ResumableContext,
  upload: UploadRow,
  policy: PutPolicy,
  addsOnly: boolean,
  body: CompleteBody,
): Promise<string> {
  const { registry, store } = rc;
  const id = upload.upload_id;
  const parts = chosenParts(rc, upload, body);
  const size = parts.reduce((sum, p) => sum + p.size, 0);
  if (size > uploadLimit(rc, policy)) throw tooLarge();
  if (policy.fsizeMin !== undefined && size < policy.fsizeMin) {
    throw new KodoError(KODO.forbidden, 'file is smaller than the fsizeMin of the upload token');
  }
  if (rc.inFlight.count(id) > 0) {
    throw new KodoError(KODO.badRequest, 'parts of this upload are still being received; complete once they are done');
  }
  if (addsOnly && store.catalog.get(upload.key)) throw new KodoError(KODO.fileExists, 'file exists');
  const mimeType = resolveMime(body.mimeType ?? '', policy.detectMime ?? 0, await readHead(rc, upload, parts));
  const refused = mimeRefusal(policy.mimeLimit, mimeType);
  if (refused) throw refused;
  if (!registry.beginCompleting(id)) throw new KodoError(KODO.noSuchEntry, 'no such uploadId');

  const stride = isStrideLayout(upload, parts);
  const target = stride ? assemblyFile(store, id) : path.join(uploadDir(store, id), `assembled-${newFileId()}`);
  let etag: string;
  try {
    if (stride) {
      // Parts past the last listed one are dropped, as Kodo drops parts a complete does not name.
      await truncate(target, size);
      const aligned = parts.slice(0, -1).every((p) => p.size % QETAG_BLOCK_SIZE === 0);
      etag = aligned ? qetagOfBlocks(parts.flatMap((p) => splitBlocks(p.blocks))) : await qetagFile(target);
    } else {
      etag = await concatenate(rc, upload, parts, target);
    }
  } catch (error) {
    if (!stride) await rm(target, { force: true });
    registry.reopen(id);
    throw error;
  }
  const vars = new Map<string, string>();
  for (const [name, value] of Object.entries(body.customVars ?? {})) {
    if (name.startsWith('x:') && value != null) vars.set(name, String(value));
  }
  try {
    const answer = await placeObject(store, {
      file: target,
      key: upload.key,
      size,
      etag,
      md5: '',
      mimeType,
      fname: body.fname ?? '',
      vars,
      policy,
      addsOnly,
    });
    registry.remove(id);
    await rm(uploadDir(store, id), { recursive: true, force: true });
    return answer;
  } catch (error) {
    // The assembly file may be gone (renamed, then refused by insertOnly): its parts no longer exist.
    if (stride) await resetAssembly(rc, id);
    else {
      await rm(target, { force: true });
      registry.reopen(id);
    }
    throw error;
  }
}

function splitBlocks(blob: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < blob.length; i += 20) out.push(blob.subarray(i, i + 20));
  return out;
}

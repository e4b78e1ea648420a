/**
 * The last step of every upload (form or resumable): a fully written, fully checked file is renamed into
 * the data directory and indexed under its key, and the client's answer is rendered from the token's
 * returnBody. A file renamed in but not indexed (a crash in between) is an orphan the start-up sweep removes.
 */
import { randomUUID } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ObjectRecord } from './catalog.js';
import { discardVersion, ensureDataDir, newFileId, putTimeNow, type StoreContext, syncDirectory } from './context.js';
import { KODO, KodoError } from './errors.js';
import { isProcessableImage } from './mime.js';
import type { PutPolicy } from './policy.js';
import { magicLookup, renderReturnBody } from './returnbody.js';
import { loadSharp } from './sharp.js';

async function imageFacts(
  file: string,
  mime: string,
): Promise<{ width: number; height: number; format: string } | null> {
  if (!isProcessableImage(mime)) return null;
  try {
    const sharp = await loadSharp();
    const meta = await sharp(file).metadata();
    if (!meta.width || !meta.height) return null;
    return { width: meta.width, height: meta.height, format: meta.format === 'heif' ? 'heic' : meta.format };
  } catch {
    return null;
  }
}

export interface PlacedObject {
  /** The finished file; renamed away on success (the caller removes it on failure). */
  file: string;
  key: string;
  size: number;
  etag: string;
  /** '' when the store does not know it (a resumable upload: Kodo promises md5 only for direct uploads). */
  md5: string;
  mimeType: string;
  fname: string;
  /** `x:*` variables for the returnBody. */
  vars: Map<string, string>;
  policy: PutPolicy;
  addsOnly: boolean;
}

/** Renames `object.file` into place and indexes it; answers the returnBody text. */
export async function placeObject(ctx: StoreContext, object: PlacedObject): Promise<string> {
  const { policy } = object;
  const image = await imageFacts(object.file, object.mimeType);
  const fileId = newFileId();
  const record: ObjectRecord = {
    key: object.key,
    file: fileId,
    fsize: object.size,
    hash: object.etag,
    md5: object.md5,
    mimeType: object.mimeType,
    putTime: putTimeNow(ctx),
    width: image?.width ?? null,
    height: image?.height ?? null,
    endUser: policy.endUser ?? null,
  };
  let placed: string | null = await ensureDataDir(ctx.paths, fileId);
  try {
    await rename(object.file, placed);
    // The answer says the object is stored: its name must survive a power cut before the index points at it.
    await syncDirectory(path.dirname(placed));
    if (object.addsOnly) {
      if (!ctx.catalog.insert(record)) throw new KodoError(KODO.fileExists, 'file exists');
    } else {
      const previous = ctx.catalog.put(record);
      if (previous) await discardVersion(ctx, previous);
    }
    placed = null;
  } finally {
    if (placed) await rm(placed, { force: true });
  }
  const facts = {
    bucket: ctx.bucket,
    key: object.key,
    etag: object.etag,
    fsize: object.size,
    mimeType: object.mimeType,
    fname: object.fname,
    endUser: record.endUser,
    uuid: randomUUID(),
    image,
    vars: object.vars,
  };
  return policy.returnBody
    ? renderReturnBody(policy.returnBody, magicLookup(facts))
    : JSON.stringify({ hash: object.etag, key: object.key });
}

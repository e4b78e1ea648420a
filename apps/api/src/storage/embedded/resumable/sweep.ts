/**
 * Housekeeping of resumable uploads: uploads past their expireAt are deleted with their parts (at start-up
 * and then hourly), and at start-up an upload a crash caught while completing is made truthful again — its
 * parts are what its files still hold, so listParts answers what a client can resume from.
 */
import { readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { nowSeconds } from '../context.js';
import { assemblyFile, type ResumableContext, uploadDir, uploadsRoot } from './context.js';

/** Files no record points at are only removed once this old: the request writing them may still be running. */
const STRAY_AGE_MS = 60 * 60 * 1000;

async function removeIfStale(file: string, now: number): Promise<boolean> {
  try {
    if (now - (await stat(file)).mtimeMs < STRAY_AGE_MS) return false;
    await rm(file, { recursive: true, force: true });
    return true;
  } catch {
    return false;
  }
}

/** The assembly file is gone or cut short: the parts it held are no longer stored. */
export async function resetAssembly(rc: ResumableContext, uploadId: string): Promise<void> {
  rc.registry.forgetAssembly(uploadId);
  await writeFile(assemblyFile(rc.store, uploadId), '', { mode: 0o600 });
}

/** Deletes expired uploads; answers how many. */
export async function sweepExpiredUploads(rc: ResumableContext): Promise<number> {
  const expired = rc.registry.expired(nowSeconds(rc.store));
  for (const id of expired) {
    rc.registry.remove(id);
    await rm(uploadDir(rc.store, id), { recursive: true, force: true });
  }
  if (expired.length > 0) rc.store.logger.info({ removed: expired.length }, 'embedded store: swept expired uploads');
  return expired.length;
}

/** At start-up, before any request: completes cut short, folders and part files nothing points at. */
export async function repairUploads(rc: ResumableContext, wallNow: number): Promise<void> {
  const { registry } = rc;
  for (const upload of registry.completing()) {
    const assembly = await stat(assemblyFile(rc.store, upload.upload_id)).catch(() => null);
    if (!assembly) {
      await resetAssembly(rc, upload.upload_id);
      continue;
    }
    // A stride complete had cut the file to the object's size: slots past it are gone.
    for (const part of registry.parts(upload.upload_id)) {
      if (part.file === null && (part.part_number - 1) * (upload.stride ?? 0) + part.size > assembly.size) {
        registry.dropPart(upload.upload_id, part.part_number);
      }
    }
    registry.reopen(upload.upload_id);
  }
  const known = registry.allIds();
  const root = uploadsRoot(rc.store);
  for (const entry of await readdir(root).catch(() => [] as string[])) {
    const dir = path.join(root, entry);
    if (!known.has(entry)) {
      await removeIfStale(dir, wallNow);
      continue;
    }
    const recorded = registry.partFiles(entry);
    for (const file of await readdir(dir).catch(() => [] as string[])) {
      if (file !== 'assembly' && !recorded.has(file)) await removeIfStale(path.join(dir, file), wallNow);
    }
  }
}

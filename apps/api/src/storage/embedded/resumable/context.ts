/**
 * What the resumable-upload handlers share: the registry, each upload's folder, and the parts being
 * received right now (in memory: bytes in flight count toward the token's fsizeLimit, and a stride slot
 * being written is not given to a second writer).
 */
import path from 'node:path';
import type { StoreContext } from '../context.js';
import type { UploadRegistry } from './registry.js';

/** Kodo v2: part numbers 1..10000, parts of 1 MiB to 1 GiB (the last one may be smaller). */
export const PART_NUMBER_MAX = 10_000;
export const PART_MIN_BYTES = 1024 * 1024;
export const PART_MAX_BYTES = 1024 * 1024 * 1024;
/** Kodo keeps an uploadId for 7 days. */
export const UPLOAD_LIFETIME_SECONDS = 7 * 24 * 60 * 60;

interface InFlight {
  partNumber: number;
  bytes: number;
  /** Writing into the assembly file's slot of this part number. */
  inStride: boolean;
}

export class PartsInFlight {
  private readonly byUpload = new Map<string, Set<InFlight>>();

  start(uploadId: string, partNumber: number, inStride: boolean): InFlight {
    const entry: InFlight = { partNumber, bytes: 0, inStride };
    let set = this.byUpload.get(uploadId);
    if (!set) {
      set = new Set();
      this.byUpload.set(uploadId, set);
    }
    set.add(entry);
    return entry;
  }

  end(uploadId: string, entry: InFlight): void {
    const set = this.byUpload.get(uploadId);
    set?.delete(entry);
    if (set?.size === 0) this.byUpload.delete(uploadId);
  }

  /** Bytes received so far by the other parts of this upload. */
  othersBytes(uploadId: string, self: InFlight | null): number {
    let total = 0;
    for (const entry of this.byUpload.get(uploadId) ?? []) if (entry !== self) total += entry.bytes;
    return total;
  }

  strideSlotBusy(uploadId: string, partNumber: number): boolean {
    for (const entry of this.byUpload.get(uploadId) ?? []) {
      if (entry.inStride && entry.partNumber === partNumber) return true;
    }
    return false;
  }

  count(uploadId: string): number {
    return this.byUpload.get(uploadId)?.size ?? 0;
  }
}

export interface ResumableContext {
  store: StoreContext;
  registry: UploadRegistry;
  inFlight: PartsInFlight;
}

export function uploadsRoot(store: StoreContext): string {
  return path.join(store.paths.root, 'multipart');
}

export function uploadDir(store: StoreContext, uploadId: string): string {
  return path.join(uploadsRoot(store), uploadId);
}

/** Parts that fit the stride, at (partNumber - 1) × stride; truncated and renamed into place on complete. */
export function assemblyFile(store: StoreContext, uploadId: string): string {
  return path.join(uploadDir(store, uploadId), 'assembly');
}

/**
 * The background sweep each server instance runs every few minutes: expired trash and failed purges,
 * stale upload grants, expired sessions and old sign-in attempts. Every part is safe when several instances
 * run it at once (purges are claimed row by row, deletes are idempotent).
 */
import { UploadsRepository } from '../repositories/uploads.js';
import type { AppDeps } from '../trpc/context.js';
import { AuthService } from './auth.js';
import { PhotosService } from './photos.js';

/** Upload grants this long past their expiry can no longer be confirmed by anyone: their rows go. */
const STALE_GRANT_MS = 24 * 3600 * 1000;

export interface HousekeepingResult {
  /** Trash past retention marked for purge, purged, and purges that failed (retried next time). */
  expired: number;
  purged: number;
  failed: number;
  grants: number;
  sessions: number;
  attempts: number;
}

/** One pass of the sweep; `origin` is this instance's own address (the embedded store's deletes). */
export async function housekeeping(deps: AppDeps, origin: string): Promise<HousekeepingResult> {
  const trash = await new PhotosService(deps).sweep(origin);
  const staleBefore = new Date(deps.clock.now().getTime() - STALE_GRANT_MS).toISOString();
  const grants = await new UploadsRepository(deps.db).deleteStale(staleBefore);
  const auth = await new AuthService(deps).sweep();
  return { ...trash, grants, ...auth };
}

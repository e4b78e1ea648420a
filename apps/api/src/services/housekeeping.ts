/**
 * The background sweep each server instance runs every few minutes: expired trash and failed purges,
 * S3 multipart uploads left unfinished, stale upload grants, expired sessions, old sign-in attempts, the
 * last rows of deleted homes whose photos have all been purged, contests' results once voting ends,
 * image checks still to send, and community snapshots to delete or still to make. Every part is safe when several instances
 * run it at once (purges are claimed row by row, deletes are idempotent).
 */
import { UploadsRepository } from '../repositories/uploads.js';
import type { AppDeps } from '../trpc/context.js';
import { AuthService } from './auth.js';
import { ChallengesService } from './community/challenges.js';
import { MediaChecks } from './community/media-checks.js';
import { WorkSnapshots } from './community/snapshots.js';
import { HomesService } from './homes.js';
import { PhotosService } from './photos.js';
import { UploadPartsService } from './upload-parts.js';

/** Upload grants this long past their expiry can no longer be confirmed by anyone: their rows go. */
const STALE_GRANT_MS = 24 * 3600 * 1000;

export interface HousekeepingResult {
  /** Trash past retention marked for purge, purged, and purges that failed (retried next time). */
  expired: number;
  purged: number;
  failed: number;
  grants: number;
  /** S3 multipart uploads left open past their row's expiry, aborted. */
  multipart: number;
  sessions: number;
  attempts: number;
  /** Deleted homes whose photos are all purged, now removed for good. */
  homes: number;
  /** Community: contests whose results were published, image checks sent to WeChat. */
  challengeResults: number;
  mediaChecks: number;
  /** Community snapshots deleted (retired, or left by a failed publish) and made (works from before 0015). */
  snapshotsDeleted: number;
  snapshotsMade: number;
}

/** One pass of the sweep; `origin` is this instance's own address (the embedded store's deletes). */
export async function housekeeping(deps: AppDeps, origin: string): Promise<HousekeepingResult> {
  const trash = await new PhotosService(deps).sweep(origin);
  // Before stale rows go: an open multipart upload is found through its row.
  const multipart = await new UploadPartsService(deps).abortExpired();
  const staleBefore = new Date(deps.clock.now().getTime() - STALE_GRANT_MS).toISOString();
  const grants = await new UploadsRepository(deps.db).deleteStale(staleBefore);
  const auth = await new AuthService(deps).sweep();
  // After the purges (they queue their photos' community snapshots) and before the homes' bindings go.
  const snapshots = await new WorkSnapshots(deps).sweep(origin);
  // After the purges above: a deleted home goes once its last photo has left the bucket.
  const homes = await new HomesService(deps).removeDeletedHomes();
  const challengeResults = await new ChallengesService(deps).publishDueResults();
  const mediaChecks = await new MediaChecks(deps).dispatch();
  return { ...trash, grants, multipart, ...auth, homes, challengeResults, mediaChecks, ...snapshots };
}

/** The 30-day rule as the trash shows it, and what a purge's answer means for the user. */
import { TRASH_RETENTION_DAYS } from '@xiaojia/shared';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Days (started ones count) until the server's sweep deletes a photo trashed at `deletedAt`: 30 right
 * after trashing, 1 on its last day, 0 once overdue (the sweep runs every few minutes: "today").
 */
export function daysUntilPurge(deletedAt: string, now: Date): number {
  const trashedAt = Date.parse(deletedAt);
  if (Number.isNaN(trashedAt)) return TRASH_RETENTION_DAYS;
  const left = TRASH_RETENTION_DAYS - (now.getTime() - trashedAt) / DAY_MS;
  return Math.max(0, Math.min(TRASH_RETENTION_DAYS, Math.ceil(left)));
}

export type PurgeOutcome =
  | { key: 'trash.purged'; params: { count: number } }
  | { key: 'trash.purgedPending'; params: { count: number; pending: number } };

/**
 * photos.purge answers `{ count, pending }`: `pending` were hidden at once but storage did not confirm
 * the delete yet (the server's sweep retries them). Both leave the trash; only the message differs.
 */
export function purgeOutcome(result: { count: number; pending: number }): PurgeOutcome {
  if (result.pending > 0) {
    return { key: 'trash.purgedPending', params: { count: result.count, pending: result.pending } };
  }
  return { key: 'trash.purged', params: { count: result.count } };
}

/** Days until the first of these trashed photos goes; null for none (or none with a trash date). */
export function soonestPurge(photos: readonly { deletedAt: string | null }[], now: Date): number | null {
  let soonest: number | null = null;
  for (const photo of photos) {
    if (!photo.deletedAt) continue;
    const days = daysUntilPurge(photo.deletedAt, now);
    if (soonest === null || days < soonest) soonest = days;
  }
  return soonest;
}

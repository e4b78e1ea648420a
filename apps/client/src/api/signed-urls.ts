/**
 * Answers that carry signed URLs (photo pages: urlsExpireAt) go stale when the URLs expire, not after a
 * fixed time: a list left open for hours must still show every thumbnail. These say when to fetch again.
 */
import { useCallback, useRef } from 'react';

/** However long the URLs last, a list shown is fetched again after this long (and timers stay in range). */
const REFRESH_MAX_MS = 30 * 60_000;

/**
 * Milliseconds until an answer fetched at `fetchedAt` whose URLs expire at `expiresAt` should be fetched
 * again: a fifth of the URLs' life before they expire (at most 5 min before), no sooner than in a second,
 * no later than in half an hour. 0 when there is no answer yet.
 */
export function refreshDelay(expiresAt: string | undefined, fetchedAt: number, now = Date.now()): number {
  if (expiresAt === undefined) return 0;
  const expires = Date.parse(expiresAt);
  if (Number.isNaN(expires)) return 1000;
  const margin = Math.min(5 * 60_000, Math.max(0, expires - fetchedAt) / 5);
  return Math.min(REFRESH_MAX_MS, Math.max(1000, expires - margin - now));
}

/** The soonest expiry of several pages' URLs (undefined for none). */
export function soonestExpiry(pages: readonly { urlsExpireAt: string }[] | undefined): string | undefined {
  let soonest: string | undefined;
  for (const page of pages ?? []) if (soonest === undefined || page.urlsExpireAt < soonest) soonest = page.urlsExpireAt;
  return soonest;
}

/** A thumbnail failing again within this time does not fetch its list again (one bad image, no storm). */
export const RETRY_AFTER_MS = 30_000;

/**
 * For an image's onError: fetches its list again (URLs expired while the phone slept), at most once per
 * RETRY_AFTER_MS however many images fail.
 */
export function useRefetchOnImageError(refetch: () => unknown): () => void {
  const lastRetry = useRef(0);
  return useCallback(() => {
    if (Date.now() - lastRetry.current < RETRY_AFTER_MS) return;
    lastRetry.current = Date.now();
    void refetch();
  }, [refetch]);
}

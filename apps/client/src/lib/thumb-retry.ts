/**
 * A thumbnail that fails to load anyway (its signed URL expired while the phone slept, the list was
 * re-signed too late) fetches the list it came from again: once a while per list, so one image that is
 * broken for good cannot make a storm of requests. One piece for every list of thumbnails: the timeline's
 * parts, the photo lists (albums, trash, children) and the feed.
 */
import { useCallback, useRef } from 'react';
import { RETRY_AFTER_MS } from '../api/signed-urls';

/** `refetch` for `key`, unless `key` was retried less than RETRY_AFTER_MS before `now`. */
export type ThumbRetry = (key: string, refetch: () => unknown) => void;

/** The rule, kept outside React for tests: `clock` is the time source. */
export function thumbRetry(clock: () => number = Date.now): ThumbRetry {
  const last = new Map<string, number>();
  return (key, refetch) => {
    const now = clock();
    const at = last.get(key);
    if (at !== undefined && now - at < RETRY_AFTER_MS) return;
    last.set(key, now);
    void refetch();
  };
}

/** One ThumbRetry for the component's life. */
export function useThumbRetry(): ThumbRetry {
  const retry = useRef<ThumbRetry | null>(null);
  return useCallback<ThumbRetry>((key, refetch) => {
    retry.current ??= thumbRetry();
    retry.current(key, refetch);
  }, []);
}

/** For a component showing one list: an image's onError fetches it again, under the same rule. */
export function useRefetchOnImageError(refetch: () => unknown): () => void {
  const retry = useThumbRetry();
  return useCallback(() => retry('list', refetch), [retry, refetch]);
}

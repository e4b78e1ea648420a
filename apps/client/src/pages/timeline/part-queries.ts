/**
 * One query per part of the timeline (parts.ts): photos.list over the part's range. A run of days is
 * fetched on its own; a piece of a large day continues after the last photo of the piece before it, whose
 * answer (in the cache, or fetched first when the scrubber landed in the middle of the day) gives the
 * keyset cursor. Each answer is fetched again before its signed URLs expire, and forgotten PART_GC_MS
 * after its part left the window.
 */
import type { QueryClient } from '@tanstack/react-query';
import { PHOTO_PAGE_MAX, type Photo } from '@xiaojia/shared';
import type { useTRPCClient } from '../../api/query';
import { refreshDelay } from '../../api/signed-urls';
import { PART_PHOTOS_MAX, type TimelinePart } from './parts';

/** Parts out of view are forgotten this long after they left (coming back sooner costs nothing). */
export const PART_GC_MS = 15_000;
/**
 * Pages of a run of days asked for at most: the buckets counted at most PART_PHOTOS_MAX photos in it, so
 * this is for photos added since (until the buckets are fetched again and the parts cut anew).
 */
const RUN_PAGES_MAX = 5;

export interface PartPhotos {
  items: Photo[];
  urlsExpireAt: string;
  /** Where the next piece of the same day starts (pieces only; null when the day ends here). */
  nextCursor: string | null;
}

export interface TimelineScope {
  homeId: string;
  onlyMine: boolean;
}

type Api = ReturnType<typeof useTRPCClient>;

const resignDelay = (query: { state: { data: PartPhotos | undefined; dataUpdatedAt: number } }) =>
  refreshDelay(query.state.data?.urlsExpireAt, query.state.dataUpdatedAt);

/** Query keys and options for the parts of one scope; `prefix` is photos.list's path, so photo changes reach them. */
export function partQueries(api: Api, queryClient: QueryClient, scope: TimelineScope, prefix: readonly unknown[]) {
  const range = (part: TimelinePart) => ({ ...scope, since: part.since, until: part.until });
  const key = (part: TimelinePart) => [...prefix, { part: { ...range(part), piece: part.piece?.index ?? null } }];

  async function fetchPiece(part: TimelinePart, signal: AbortSignal): Promise<PartPhotos> {
    let cursor: string | undefined;
    const after = part.piece?.after;
    if (after) {
      const before = await queryClient.ensureQueryData(options(after));
      if (!before.nextCursor) return { items: [], urlsExpireAt: before.urlsExpireAt, nextCursor: null };
      cursor = before.nextCursor;
    }
    const answer = await api.photos.list.query({ ...range(part), limit: PART_PHOTOS_MAX, cursor }, { signal });
    return { items: answer.items, urlsExpireAt: answer.urlsExpireAt, nextCursor: answer.nextCursor };
  }

  async function fetchRun(part: TimelinePart, signal: AbortSignal): Promise<PartPhotos> {
    const items: Photo[] = [];
    let urlsExpireAt = '';
    let cursor: string | undefined;
    for (let page = 0; page < RUN_PAGES_MAX; page += 1) {
      const answer = await api.photos.list.query({ ...range(part), limit: PHOTO_PAGE_MAX, cursor }, { signal });
      items.push(...answer.items);
      if (!urlsExpireAt || answer.urlsExpireAt < urlsExpireAt) urlsExpireAt = answer.urlsExpireAt;
      if (!answer.nextCursor) break;
      cursor = answer.nextCursor;
    }
    return { items, urlsExpireAt, nextCursor: null };
  }

  function options(part: TimelinePart) {
    return {
      queryKey: key(part),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        part.piece ? fetchPiece(part, signal) : fetchRun(part, signal),
      gcTime: PART_GC_MS,
      staleTime: resignDelay,
      refetchInterval: resignDelay,
      refetchOnWindowFocus: true,
    };
  }

  return { key, options };
}

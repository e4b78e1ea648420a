/**
 * The timeline's data: photos.buckets maps the whole library, and each month near the viewport is one
 * query of its photos (photos.list between the month's bounds). Months that leave the viewport are let go
 * (their photos garbage-collected a few seconds later) but keep their real height, so memory and the
 * page's weight stay flat however far one scrolls, and nothing moves when a month comes back.
 *
 * Thumbnail URLs are signed and expire: a month is fetched again before its page's urlsExpireAt, and a
 * thumbnail that fails to load anyway (a phone asleep for hours) fetches its month again, once a while.
 */
import { type QueryClient, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { PHOTO_PAGE_MAX, type Photo } from '@xiaojia/shared';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTRPC, useTRPCClient } from '../../api/query';
import { RETRY_AFTER_MS, refreshDelay } from '../../api/signed-urls';
import { gridMetrics, usePageViewport } from '../../components/PhotoGrid';
import { usePageShown } from '../../components/PhotoGrid/page-scroll';
import {
  anchorShift,
  averageAspect,
  layoutTimeline,
  type MonthSpan,
  monthSpans,
  monthsInWindow,
  utcOffsetMinutes,
} from './months';

/** A month of more photos than this shows its newest ones (50 pages of the largest size). */
const MONTH_PAGES_MAX = 50;
/** Months out of view are forgotten this long after they left (coming back sooner costs nothing). */
const MONTH_GC_MS = 15_000;

export interface MonthPhotos {
  items: Photo[];
  urlsExpireAt: string;
}

const resignDelay = (query: { state: { data: MonthPhotos | undefined; dataUpdatedAt: number } }) =>
  refreshDelay(query.state.data?.urlsExpireAt, query.state.dataUpdatedAt);

interface TimelineScope {
  homeId: string;
  onlyMine: boolean;
}

export function useTimeline(scope: TimelineScope, gridId: string, layoutKey: unknown) {
  const trpc = useTRPC();
  const api = useTRPCClient();
  const queryClient = useQueryClient();
  const [offset] = useState(() => utcOffsetMinutes());
  const buckets = useQuery(
    trpc.photos.buckets.queryOptions({ homeId: scope.homeId, onlyMine: scope.onlyMine, utcOffsetMinutes: offset }),
  );
  const months = useMemo(() => monthSpans(buckets.data?.months ?? [], offset), [buckets.data, offset]);
  const viewport = usePageViewport(gridId, layoutKey);
  const [metrics] = useState(() => gridMetrics());

  const monthKey = useCallback(
    (span: MonthSpan) => [
      ...trpc.photos.list.pathKey(),
      { month: { homeId: scope.homeId, onlyMine: scope.onlyMine, since: span.since, until: span.until } },
    ],
    [trpc, scope.homeId, scope.onlyMine],
  );
  const [wanted, setWanted] = useState<readonly MonthSpan[]>([]);
  const monthQueries = useQueries({
    queries: wanted.map((span) => ({
      queryKey: monthKey(span),
      queryFn: async ({ signal }: { signal: AbortSignal }): Promise<MonthPhotos> => {
        const items: Photo[] = [];
        let urlsExpireAt = '';
        let cursor: string | undefined;
        for (let page = 0; page < MONTH_PAGES_MAX; page += 1) {
          const answer = await api.photos.list.query(
            {
              homeId: scope.homeId,
              onlyMine: scope.onlyMine,
              since: span.since,
              until: span.until,
              limit: PHOTO_PAGE_MAX,
              cursor,
            },
            { signal },
          );
          items.push(...answer.items);
          if (!urlsExpireAt || answer.urlsExpireAt < urlsExpireAt) urlsExpireAt = answer.urlsExpireAt;
          if (!answer.nextCursor) break;
          cursor = answer.nextCursor;
        }
        return { items, urlsExpireAt };
      },
      gcTime: MONTH_GC_MS,
      staleTime: resignDelay,
      refetchInterval: resignDelay,
      refetchOnWindowFocus: true,
    })),
    // Re-run only when a month's answer or state changed, so the layout below is not redone every render.
    combine: (results) => ({ data: results.map((result) => result.data), pending: results.some((r) => r.isPending) }),
  });

  const loaded = useMemo(() => {
    const map = new Map<string, Photo[]>();
    monthQueries.data.forEach((data, i) => {
      const span = wanted[i];
      if (span && data) map.set(span.month, data.items);
    });
    return map;
  }, [wanted, monthQueries.data]);

  // Real heights of months seen, reused while they are not loaded (for this width and this count).
  const known = useRef(new Map<string, { count: number; height: number }>());
  const layout = useMemo(() => {
    const aspect = averageAspect(loaded.values());
    const laid = layoutTimeline(months, loaded, metrics, aspect, (span) => {
      const seen = known.current.get(span.month);
      return seen && seen.count === span.count ? seen.height : undefined;
    });
    return { ...laid, months: months.map((span) => span.month) };
  }, [months, loaded, metrics]);
  // Remembered after the render that laid them out, for the layouts that come after.
  useEffect(() => {
    months.forEach((span, i) => {
      if (loaded.has(span.month)) known.current.set(span.month, { count: span.count, height: layout.heights[i] ?? 0 });
    });
  }, [layout, months, loaded]);

  // Keep the photos in view still when months above them change height.
  const previous = useRef(layout);
  useLayoutEffect(() => {
    const shift = anchorShift(previous.current, layout, viewport.scrollTop() - viewport.gridTop());
    previous.current = layout;
    if (shift !== 0) viewport.scrollBy(shift);
  }, [layout, viewport]);

  useEffect(() => {
    const next = monthsInWindow(layout, viewport.window).flatMap((i) => (months[i] ? [months[i]] : []));
    setWanted((current) =>
      current.length === next.length && current.every((span, i) => span === next[i]) ? current : next,
    );
  }, [layout, viewport.window, months]);

  // Coming back to the page (or the app, or the browser tab) refreshes what went stale meanwhile.
  usePageShown(() => void refetchStale(queryClient, trpc.photos.pathKey()));

  const retried = useRef(new Map<string, number>());
  const onThumbError = useCallback(
    (photo: Photo) => {
      const at = Date.parse(photo.sortAt);
      const span = months.find((candidate) => at >= Date.parse(candidate.since) && at < Date.parse(candidate.until));
      if (!span) return;
      const last = retried.current.get(span.month) ?? 0;
      if (Date.now() - last < RETRY_AFTER_MS) return;
      retried.current.set(span.month, Date.now());
      void queryClient.invalidateQueries({ queryKey: monthKey(span), exact: true });
    },
    [months, monthKey, queryClient],
  );

  const photos = useMemo(() => [...loaded.values()].flat(), [loaded]);
  return { buckets, months, layout, viewport, photos, onThumbError, loadingMonths: monthQueries.pending };
}

function refetchStale(queryClient: QueryClient, queryKey: readonly unknown[]) {
  return queryClient.refetchQueries({ queryKey, stale: true, type: 'active' });
}

/**
 * The timeline's data: photos.buckets maps the whole library, cut into parts of at most PART_PHOTOS_MAX
 * photos (parts.ts), and each part near the viewport is one query of its photos (part-queries.ts). Parts
 * that leave the viewport are let go (their photos garbage-collected a few seconds later) but keep their
 * real height, so memory and the page's weight stay flat however far one scrolls and however large the
 * months there are, and nothing moves when a part comes back.
 *
 * Thumbnail URLs are signed and expire: a part is fetched again before its page's urlsExpireAt, and a
 * thumbnail that fails to load anyway (a phone asleep for hours) fetches its part again, once a while.
 */
import { type QueryClient, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Photo } from '@xiaojia/shared';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTRPC, useTRPCClient } from '../../api/query';
import { gridMetrics, usePageViewport } from '../../components/PhotoGrid';
import { usePageShown } from '../../components/PhotoGrid/page-scroll';
import { useThumbRetry } from '../../lib/thumb-retry';
import { anchorShift, averageAspect, layoutTimeline, partsInWindow, utcOffsetMinutes } from './months';
import { partQueries, type TimelineScope } from './part-queries';
import { type TimelinePart, timelineParts } from './parts';

export function useTimeline(scope: TimelineScope, gridId: string, layoutKey: unknown) {
  const trpc = useTRPC();
  const api = useTRPCClient();
  const queryClient = useQueryClient();
  const { homeId, onlyMine } = scope;
  const [offset] = useState(() => utcOffsetMinutes());
  const buckets = useQuery(trpc.photos.buckets.queryOptions({ homeId, onlyMine, utcOffsetMinutes: offset }));
  const parts = useMemo(() => timelineParts(buckets.data?.months ?? [], offset), [buckets.data, offset]);
  const viewport = usePageViewport(gridId, layoutKey);
  const [metrics] = useState(() => gridMetrics());

  const queries = useMemo(
    () => partQueries(api, queryClient, { homeId, onlyMine }, trpc.photos.list.pathKey()),
    [api, queryClient, homeId, onlyMine, trpc],
  );
  const [wanted, setWanted] = useState<readonly TimelinePart[]>([]);
  const partAnswers = useQueries({
    queries: wanted.map((part) => queries.options(part)),
    // Re-run only when a part's answer or state changed, so the layout below is not redone every render.
    combine: (results) => ({ data: results.map((result) => result.data), pending: results.some((r) => r.isPending) }),
  });

  const loaded = useMemo(() => {
    const map = new Map<string, Photo[]>();
    partAnswers.data.forEach((data, i) => {
      const part = wanted[i];
      if (part && data) map.set(part.key, data.items);
    });
    return map;
  }, [wanted, partAnswers.data]);

  // Real heights of parts seen, reused while they are not loaded (for this width and this count).
  const known = useRef(new Map<string, { count: number; height: number }>());
  const layout = useMemo(() => {
    const aspect = averageAspect(loaded.values());
    return layoutTimeline(parts, loaded, metrics, aspect, (part) => {
      const seen = known.current.get(part.key);
      return seen && seen.count === part.count ? seen.height : undefined;
    });
  }, [parts, loaded, metrics]);
  // Remembered after the render that laid them out, for the layouts that come after.
  useEffect(() => {
    parts.forEach((part, i) => {
      if (loaded.has(part.key)) known.current.set(part.key, { count: part.count, height: layout.heights[i] ?? 0 });
    });
  }, [layout, parts, loaded]);

  // Keep the photos in view still when parts above them change height.
  const previous = useRef(layout);
  useLayoutEffect(() => {
    const shift = anchorShift(previous.current, layout, viewport.scrollTop() - viewport.gridTop());
    previous.current = layout;
    if (shift !== 0) viewport.scrollBy(shift);
  }, [layout, viewport]);

  useEffect(() => {
    const next = partsInWindow(layout, viewport.window).flatMap((i) => (parts[i] ? [parts[i]] : []));
    setWanted((current) =>
      current.length === next.length && current.every((part, i) => part === next[i]) ? current : next,
    );
  }, [layout, viewport.window, parts]);

  // Coming back to the page (or the app, or the browser tab) refreshes what went stale meanwhile.
  usePageShown(() => void refetchStale(queryClient, trpc.photos.pathKey()));

  const retry = useThumbRetry();
  const onThumbError = useCallback(
    (photo: Photo) => {
      const part = wanted.find((candidate) => loaded.get(candidate.key)?.some((item) => item.id === photo.id));
      if (part) retry(part.key, () => queryClient.invalidateQueries({ queryKey: queries.key(part), exact: true }));
    },
    [wanted, loaded, queries, queryClient, retry],
  );

  const photos = useMemo(() => [...loaded.values()].flat(), [loaded]);
  return { buckets, parts, layout, viewport, photos, onThumbError, loadingParts: partAnswers.pending };
}

function refetchStale(queryClient: QueryClient, queryKey: readonly unknown[]) {
  return queryClient.refetchQueries({ queryKey, stale: true, type: 'active' });
}

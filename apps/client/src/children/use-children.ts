/**
 * The home's children, from one cached children.list query per home (every day header, the viewer and the
 * children's screens read the same answer; invalidations.childrenChanged refreshes it), and the ages they
 * show on a day.
 */
import { useQuery } from '@tanstack/react-query';
import type { Child, HomeRole } from '@xiaojia/shared';
import { useCallback } from 'react';
import { useTRPC } from '../api/query';
import { useT } from '../i18n';
import { agesOn } from '../lib/child-age';

/** Children, milestones and growth records: what the server's `contribute` allows (owner and members). */
export const canEditChildren = (role: HomeRole | undefined): boolean => role === 'owner' || role === 'member';

/** Profiles change rarely: the list is kept for 5 minutes before it is asked again. */
const CHILDREN_STALE_MS = 5 * 60_000;

export function useChildren(homeId: string) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.children.list.queryOptions({ homeId }), staleTime: CHILDREN_STALE_MS });
}

const NO_CHILDREN: readonly Child[] = [];

/**
 * `(day, compact) => "宝宝 3个月12天" | null` for the grid's day headers; null while there are no children
 * (or they have not loaded, or failed: the headers simply show their dates).
 */
export function useDayAges(homeId: string): (day: string, compact: boolean) => string | null {
  const t = useT();
  const children = useChildren(homeId).data?.items ?? NO_CHILDREN;
  return useCallback(
    (day: string, compact: boolean) =>
      children.length === 0 ? null : agesOn(children, day, t, compact ? { compact: true } : {}),
    [children, t],
  );
}

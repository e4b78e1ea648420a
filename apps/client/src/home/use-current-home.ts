/**
 * `useCurrentHome()`: the home this device shows, the user's homes (with their role in each) and a way to
 * switch. Every screen that shows a home's things takes `homeId` from here; tRPC's query keys include the
 * input, so each home has its own cache. homes.list is one shared query, so every screen agrees.
 */
import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Home, HomeList, HomeRole } from '@xiaojia/shared';
import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import { useTRPC } from '../api/query';
import { appCodeOf } from '../i18n/errors';
import { currentHomeStore, isHomeScopedKey, pickCurrentHome } from './current-home';

export interface CurrentHome {
  /** The current home; null while loading, on failure, or when the user is in no home at all. */
  home: Home | null;
  /** Every home the user is in, in join order. */
  homes: readonly Home[];
  homeId: string | undefined;
  /** The user's role in the current home. */
  role: HomeRole | undefined;
  /** Makes another of the user's homes current (remembered on this device). */
  switchTo(id: string): Promise<void>;
  /** homes.list or the stored choice is still loading. */
  isPending: boolean;
  /** homes.list failed (null otherwise). */
  error: unknown;
  refetch(): void;
  /** Loaded, and the user is in no home (they left or were removed from every one). */
  noHome: boolean;
}

type HomesKey = readonly unknown[];

/**
 * Makes `home` current: remembered on this device, added to the cached homes.list when the cache does not
 * know it yet (a home just joined or created), and that home's cached answers refreshed.
 */
export async function makeHomeCurrent(
  queryClient: QueryClient,
  homesListKey: HomesKey,
  home: Home | string,
): Promise<void> {
  if (typeof home !== 'string') {
    queryClient.setQueryData<HomeList>(homesListKey, (list) =>
      list && !list.items.some((item) => item.id === home.id) ? { items: [...list.items, home] } : list,
    );
  }
  const id = typeof home === 'string' ? home : home.id;
  await currentHomeStore.set(id);
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: homesListKey }),
    queryClient.invalidateQueries({ predicate: (query) => isHomeScopedKey(query.queryKey, id) }),
  ]);
}

/** `makeHomeCurrent` bound to this app's query client: e.g. after accepting an invite or creating a home. */
export function useMakeHomeCurrent(): (home: Home | string) => Promise<void> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback((home) => makeHomeCurrent(queryClient, trpc.homes.list.queryKey(), home), [queryClient, trpc]);
}

/** Codes a home-scoped call answers once the user is no longer in that home (removed, or home deleted). */
const HOME_GONE_CODES = new Set(['NOT_FOUND', 'FORBIDDEN']);

export function useCurrentHome(): CurrentHome {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.homes.list.queryOptions());
  const stored = useSyncExternalStore(currentHomeStore.subscribe, currentHomeStore.peek);
  useEffect(() => {
    if (stored === undefined) void currentHomeStore.load();
  }, [stored]);

  const homes = list.data?.items ?? EMPTY;
  const home = stored === undefined || !list.data ? null : pickCurrentHome(homes, stored);
  const homeId = home?.id;

  // The stored home is gone: remember the one shown instead, once the list is fresh.
  useEffect(() => {
    if (stored === undefined || !list.isSuccess || list.isFetching) return;
    if ((home?.id ?? null) !== stored) void currentHomeStore.set(home?.id ?? null);
  }, [stored, home, list.isSuccess, list.isFetching]);

  // A refusal for the current home may mean the user was removed from it: ask again which homes they have.
  useEffect(() => {
    if (!homeId) return;
    return queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || event.action.type !== 'error') return;
      if (!isHomeScopedKey(event.query.queryKey, homeId)) return;
      const code = appCodeOf(event.action.error);
      if (code && HOME_GONE_CODES.has(code)) void queryClient.invalidateQueries(trpc.homes.list.queryFilter());
    });
  }, [homeId, queryClient, trpc]);

  const switchTo = useCallback(
    (id: string) => makeHomeCurrent(queryClient, trpc.homes.list.queryKey(), id),
    [queryClient, trpc],
  );
  const { refetch } = list;
  return useMemo(
    () => ({
      home,
      homes,
      homeId,
      role: home?.role,
      switchTo,
      isPending: stored === undefined || list.isPending,
      error: list.error,
      refetch: () => void refetch(),
      noHome: stored !== undefined && list.isSuccess && homes.length === 0,
    }),
    [home, homes, homeId, switchTo, stored, list.isPending, list.error, list.isSuccess, refetch],
  );
}

const EMPTY: readonly Home[] = [];

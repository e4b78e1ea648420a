/**
 * What a change makes stale, said once: every page refreshes through these after its mutations instead of
 * naming query paths itself, so a screen cannot forget that, say, photos coming and going change album
 * counts and covers. Each returns when the active queries it marked have been fetched again.
 */
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTRPC } from './query';

type AppTRPC = ReturnType<typeof useTRPC>;

export function invalidations(queryClient: QueryClient, trpc: AppTRPC) {
  const albumsChanged = () => queryClient.invalidateQueries(trpc.albums.pathFilter());
  return {
    /** Albums made, renamed, re-covered or deleted: their lists and pages. */
    albumsChanged,
    /** Photos uploaded, trashed, restored, purged, readable again or not: every list, and the albums they are in. */
    photosChanged: () =>
      Promise.all([queryClient.invalidateQueries(trpc.photos.pathFilter()), albumsChanged()]).then(() => undefined),
    /** Members, roles, names or owners of homes: the member lists and the user's homes. */
    homesChanged: () =>
      Promise.all([
        queryClient.invalidateQueries(trpc.homes.members.pathFilter()),
        queryClient.invalidateQueries(trpc.homes.list.pathFilter()),
      ]).then(() => undefined),
    /** An invite made or withdrawn. */
    invitesChanged: () => queryClient.invalidateQueries(trpc.invites.list.pathFilter()),
    /** A device signed out. */
    devicesChanged: () => queryClient.invalidateQueries(trpc.auth.devices.pathFilter()),
    /** A child added, edited or deleted: the profiles (every day header's ages), their milestones, today's card. */
    childrenChanged: () =>
      Promise.all([
        queryClient.invalidateQueries(trpc.children.pathFilter()),
        queryClient.invalidateQueries(trpc.milestones.pathFilter()),
        queryClient.invalidateQueries(trpc.memories.pathFilter()),
      ]).then(() => undefined),
    /** A milestone tagged, edited or deleted: the child's list and the photo's. */
    milestonesChanged: () => queryClient.invalidateQueries(trpc.milestones.pathFilter()),
    /** A growth record added, edited or deleted. */
    growthChanged: () => queryClient.invalidateQueries(trpc.growth.pathFilter()),
  };
}

export type Invalidations = ReturnType<typeof invalidations>;

/** The invalidations for the app's query client. */
export function useInvalidate(): Invalidations {
  const queryClient = useQueryClient();
  const trpc = useTRPC();
  return useMemo(() => invalidations(queryClient, trpc), [queryClient, trpc]);
}

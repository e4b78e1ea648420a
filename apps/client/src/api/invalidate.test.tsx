import { QueryClient } from '@tanstack/react-query';
import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { scriptedApi } from '../../test/support/screen';
import { useInvalidate } from './invalidate';
import { QueryProvider } from './query';

/** Which cached queries each invalidation marks stale, by path ("photos.list"). */
function staleAfter(change: keyof ReturnType<typeof useInvalidate>): string[] {
  const queryClient = new QueryClient();
  for (const path of [
    'photos.list',
    'photos.get',
    'albums.list',
    'albums.get',
    'homes.list',
    'homes.members',
    'invites.list',
    'auth.devices',
    'auth.me',
    'children.list',
    'milestones.list',
    'milestones.forPhoto',
    'growth.list',
    'memories.today',
  ]) {
    queryClient.setQueryData([path.split('.'), { type: 'query' }], {});
  }
  const { client } = scriptedApi({});
  const { result } = renderHook(useInvalidate, {
    wrapper: ({ children }) => (
      <QueryProvider client={client} queryClient={queryClient}>
        {children}
      </QueryProvider>
    ),
  });
  void result.current[change]();
  return queryClient
    .getQueryCache()
    .findAll({ stale: true })
    .map((query) => (query.queryKey[0] as string[]).join('.'))
    .sort();
}

describe('cache invalidations', () => {
  it('marks stale what each change touches, and nothing else', () => {
    expect(staleAfter('photosChanged')).toEqual(['albums.get', 'albums.list', 'photos.get', 'photos.list']);
    expect(staleAfter('albumsChanged')).toEqual(['albums.get', 'albums.list']);
    expect(staleAfter('homesChanged')).toEqual(['homes.list', 'homes.members']);
    expect(staleAfter('invitesChanged')).toEqual(['invites.list']);
    expect(staleAfter('devicesChanged')).toEqual(['auth.devices']);
  });

  it("refreshes the children's profiles with their milestones and today's card, milestones and growth alone", () => {
    expect(staleAfter('childrenChanged')).toEqual([
      'children.list',
      'memories.today',
      'milestones.forPhoto',
      'milestones.list',
    ]);
    expect(staleAfter('milestonesChanged')).toEqual(['milestones.forPhoto', 'milestones.list']);
    expect(staleAfter('growthChanged')).toEqual(['growth.list']);
  });
});

import { QueryClient } from '@tanstack/react-query';
import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { id } from '../../test/support/ids';
import { scriptedApi } from '../../test/support/screen';
import { type Invalidations, useInvalidate } from './invalidate';

import { QueryProvider } from './query';

const H1 = id('h1');
const P1 = id('p1');
const P2 = id('p2');
const W1 = id('w1');
const W2 = id('w2');

/** Cached queries as tRPC keys them: path, input (some name one photo), query or infinite. */
const CACHED: readonly [path: string, input: object | undefined, type: 'query' | 'infinite'][] = [
  ['photos.list', undefined, 'query'],
  ['photos.get', undefined, 'query'],
  ['albums.list', undefined, 'query'],
  ['albums.get', undefined, 'query'],
  ['homes.list', undefined, 'query'],
  ['homes.members', undefined, 'query'],
  ['invites.list', undefined, 'query'],
  ['auth.devices', undefined, 'query'],
  ['auth.me', undefined, 'query'],
  ['children.list', undefined, 'query'],
  ['milestones.list', undefined, 'query'],
  ['milestones.forPhoto', undefined, 'query'],
  ['growth.list', undefined, 'query'],
  ['memories.today', undefined, 'query'],
  ['likes.forPhoto', { homeId: H1, photoId: P1 }, 'query'],
  ['likes.forPhoto', { homeId: H1, photoId: P2 }, 'query'],
  ['comments.list', { homeId: H1, photoId: P1, limit: 30 }, 'infinite'],
  ['comments.list', { homeId: H1, photoId: P2, limit: 30 }, 'infinite'],
  ['activity.list', { homeId: H1, limit: 20 }, 'infinite'],
  ['activity.unread', { homeId: H1 }, 'query'],
  ['feeds.latest', { limit: 20 }, 'infinite'],
  ['feeds.following', { limit: 20 }, 'infinite'],
  ['works.mine', { limit: 20 }, 'infinite'],
  ['works.get', { workId: W1 }, 'query'],
  ['works.get', { workId: W2 }, 'query'],
  ['works.comments', { workId: W1, limit: 20 }, 'infinite'],
  ['works.comments', { workId: W2, limit: 20 }, 'infinite'],
  ['profiles.get', { userId: H1 }, 'query'],
  ['profiles.followers', { userId: H1, limit: 20 }, 'infinite'],
  ['profiles.me', undefined, 'query'],
];

/** Which cached queries an invalidation marks stale: "path" or, for a photo's own, "path:photoId". */
function staleAfter(change: (invalidate: Invalidations) => Promise<unknown>): string[] {
  const queryClient = new QueryClient();
  for (const [path, input, type] of CACHED) {
    queryClient.setQueryData([path.split('.'), { ...(input ? { input } : {}), type }], {});
  }
  const { client } = scriptedApi({});
  const { result } = renderHook(useInvalidate, {
    wrapper: ({ children }) => (
      <QueryProvider client={client} queryClient={queryClient}>
        {children}
      </QueryProvider>
    ),
  });
  void change(result.current);
  return queryClient
    .getQueryCache()
    .findAll({ stale: true })
    .map((query) => {
      const path = (query.queryKey[0] as string[]).join('.');
      const input = (query.queryKey[1] as { input?: { photoId?: string; workId?: string } }).input;
      if (input?.workId) return `${path}:${input.workId === W1 ? 'w1' : 'w2'}`;
      return input?.photoId ? `${path}:${input.photoId === P1 ? 'p1' : 'p2'}` : path;
    })
    .sort();
}

describe('cache invalidations', () => {
  it('marks stale what each change touches, and nothing else', () => {
    expect(staleAfter((i) => i.photosChanged())).toEqual([
      'activity.list',
      'activity.unread',
      'albums.get',
      'albums.list',
      'photos.get',
      'photos.list',
    ]);
    expect(staleAfter((i) => i.albumsChanged())).toEqual(['albums.get', 'albums.list']);
    expect(staleAfter((i) => i.homesChanged())).toEqual(['homes.list', 'homes.members']);
    expect(staleAfter((i) => i.invitesChanged())).toEqual(['invites.list']);
    expect(staleAfter((i) => i.devicesChanged())).toEqual(['auth.devices']);
    expect(staleAfter((i) => i.feedChanged())).toEqual(['activity.list', 'activity.unread']);
  });

  it("refreshes one photo's likes and comments, with the feed, and leaves the other photos' alone", () => {
    const p1 = { homeId: H1, photoId: P1 };
    expect(staleAfter((i) => i.likesChanged(p1))).toEqual(['activity.list', 'activity.unread', 'likes.forPhoto:p1']);
    // A new comment changes the photo's line too (its comment count).
    expect(staleAfter((i) => i.commentsChanged(p1))).toEqual([
      'activity.list',
      'activity.unread',
      'comments.list:p1',
      'likes.forPhoto:p1',
    ]);
  });

  it("refreshes the children's profiles with their milestones, today's card and the feed; milestones with the feed; growth alone", () => {
    expect(staleAfter((i) => i.childrenChanged())).toEqual([
      'activity.list',
      'activity.unread',
      'children.list',
      'memories.today',
      'milestones.forPhoto',
      'milestones.list',
    ]);
    expect(staleAfter((i) => i.milestonesChanged())).toEqual([
      'activity.list',
      'activity.unread',
      'milestones.forPhoto',
      'milestones.list',
    ]);
    expect(staleAfter((i) => i.growthChanged())).toEqual(['growth.list']);
  });

  it("refreshes the community's feeds, works and profiles as works, likes, comments and follows change", () => {
    expect(staleAfter((i) => i.worksChanged())).toEqual([
      'feeds.following',
      'feeds.latest',
      'profiles.get',
      'works.get:w1',
      'works.get:w2',
      'works.mine',
    ]);
    expect(staleAfter((i) => i.workLikesChanged())).toEqual(['feeds.following', 'feeds.latest', 'works.mine']);
    // One work's comments and count; the other work's stay.
    expect(staleAfter((i) => i.workCommentsChanged(W1))).toEqual([
      'feeds.following',
      'feeds.latest',
      'works.comments:w1',
      'works.get:w1',
    ]);
    expect(staleAfter((i) => i.followsChanged())).toEqual([
      'feeds.following',
      'profiles.followers',
      'profiles.get',
      'profiles.me',
      'works.get:w1',
      'works.get:w2',
    ]);
    expect(staleAfter((i) => i.profileChanged())).toEqual(['profiles.followers', 'profiles.get', 'profiles.me']);
  });
});

/**
 * What a change makes stale, said once: every page refreshes through these after its mutations instead of
 * naming query paths itself, so a screen cannot forget that, say, photos coming and going change album
 * counts and covers. Each returns when the active queries it marked have been fetched again.
 */
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTRPC } from './query';

type AppTRPC = ReturnType<typeof useTRPC>;

/** One photo of one home: what a like or a comment changes. */
export interface PhotoRef {
  homeId: string;
  photoId: string;
}

export function invalidations(queryClient: QueryClient, trpc: AppTRPC) {
  const albumsChanged = () => queryClient.invalidateQueries(trpc.albums.pathFilter());
  const feedChanged = () => queryClient.invalidateQueries(trpc.activity.pathFilter());
  const likesChanged = ({ homeId, photoId }: PhotoRef) =>
    Promise.all([queryClient.invalidateQueries(trpc.likes.forPhoto.queryFilter({ homeId, photoId })), feedChanged()]);
  return {
    /** Albums made, renamed, re-covered or deleted: their lists and pages. */
    albumsChanged,
    /** Photos uploaded, trashed, restored, purged, readable again or not: every list, the albums they are in, and the feed's grids. */
    photosChanged: () =>
      Promise.all([queryClient.invalidateQueries(trpc.photos.pathFilter()), albumsChanged(), feedChanged()]).then(
        () => undefined,
      ),
    /** Someone did something the feed shows, or looked at it: its pages and the tab's unread count. */
    feedChanged,
    /** A photo liked or unliked: its line under the viewer (likers, count) and the feed. */
    likesChanged: (photo: PhotoRef) => likesChanged(photo).then(() => undefined),
    /** A comment added or deleted: the photo's comments, its line (the comment count) and the feed. */
    commentsChanged: (photo: PhotoRef) =>
      Promise.all([
        queryClient.invalidateQueries(trpc.comments.list.infiniteQueryFilter(photo)),
        likesChanged(photo),
      ]).then(() => undefined),
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
    /**
     * A child added, edited or deleted: the profiles (every day header's ages), their milestones, today's
     * card, and the feed (its milestone entries name the child).
     */
    childrenChanged: () =>
      Promise.all([
        queryClient.invalidateQueries(trpc.children.pathFilter()),
        queryClient.invalidateQueries(trpc.milestones.pathFilter()),
        queryClient.invalidateQueries(trpc.memories.pathFilter()),
        feedChanged(),
      ]).then(() => undefined),
    /** A milestone tagged, edited or deleted: the child's list and the photo's, and the feed that tells of it. */
    milestonesChanged: () =>
      Promise.all([queryClient.invalidateQueries(trpc.milestones.pathFilter()), feedChanged()]).then(() => undefined),
    /** A growth record added, edited or deleted. */
    growthChanged: () => queryClient.invalidateQueries(trpc.growth.pathFilter()),
    /**
     * A message sent, a request answered, a conversation read: the conversation list, its history, the
     * conversation with that user, and the unread count on the caller's community self.
     */
    conversationsChanged: () =>
      Promise.all([
        queryClient.invalidateQueries(trpc.messages.pathFilter()),
        queryClient.invalidateQueries(trpc.profiles.me.pathFilter()),
      ]).then(() => undefined),
    /** Someone blocked or unblocked: the block list, and the conversations (a blocked thread says so). */
    blocksChanged: () =>
      Promise.all([
        queryClient.invalidateQueries(trpc.blocks.pathFilter()),
        queryClient.invalidateQueries(trpc.messages.pathFilter()),
        // A profile says whether the caller blocked its owner (blockedByMe).
        queryClient.invalidateQueries(trpc.profiles.get.pathFilter()),
      ]).then(() => undefined),
    /** A challenge made, edited, entered or voted on: the lists and the challenge's page. */
    challengesChanged: () => queryClient.invalidateQueries(trpc.challenges.pathFilter()),
    /**
     * An admin decided an item, resolved a report, hid a work or suspended someone: the queue, the reports,
     * and what the decision shows or hides (works and feeds, comments, messages).
     */
    moderationChanged: () =>
      Promise.all([
        queryClient.invalidateQueries(trpc.moderation.pathFilter()),
        queryClient.invalidateQueries(trpc.reports.pathFilter()),
        queryClient.invalidateQueries(trpc.works.pathFilter()),
        queryClient.invalidateQueries(trpc.feeds.pathFilter()),
      ]).then(() => undefined),
    /**
     * A work published, edited or taken down: every feed (a tag's, an author's, one's own), the work's page
     * and the profiles whose counts it changes.
     */
    worksChanged: () =>
      Promise.all([
        queryClient.invalidateQueries(trpc.feeds.pathFilter()),
        queryClient.invalidateQueries(trpc.works.mine.pathFilter()),
        queryClient.invalidateQueries(trpc.works.get.pathFilter()),
        queryClient.invalidateQueries(trpc.profiles.get.pathFilter()),
      ]).then(() => undefined),
    /** A work liked or unliked: the feeds' counts on its card (the page itself took the server's answer). */
    workLikesChanged: () =>
      Promise.all([
        queryClient.invalidateQueries(trpc.feeds.pathFilter()),
        queryClient.invalidateQueries(trpc.works.mine.pathFilter()),
      ]).then(() => undefined),
    /** A comment added or deleted on a work: its comments and its count, on its page and its card. */
    workCommentsChanged: (workId: string) =>
      Promise.all([
        queryClient.invalidateQueries(trpc.works.comments.infiniteQueryFilter({ workId })),
        queryClient.invalidateQueries(trpc.works.get.queryFilter({ workId })),
        queryClient.invalidateQueries(trpc.feeds.pathFilter()),
      ]).then(() => undefined),
    /** The caller followed or unfollowed someone: profiles' counts and lists, the following feed, works' authors. */
    followsChanged: () =>
      Promise.all([
        queryClient.invalidateQueries(trpc.profiles.pathFilter()),
        queryClient.invalidateQueries(trpc.feeds.following.pathFilter()),
        queryClient.invalidateQueries(trpc.works.get.pathFilter()),
      ]).then(() => undefined),
    /** The caller's bio changed: their profile. */
    profileChanged: () => queryClient.invalidateQueries(trpc.profiles.pathFilter()),
  };
}

export type Invalidations = ReturnType<typeof invalidations>;

/** The invalidations for the app's query client. */
export function useInvalidate(): Invalidations {
  const queryClient = useQueryClient();
  const trpc = useTRPC();
  return useMemo(() => invalidations(queryClient, trpc), [queryClient, trpc]);
}

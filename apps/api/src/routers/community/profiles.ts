/** 维扣图元's profiles and follows. */
import {
  zCommunityMe,
  zFollowListInput,
  zFollowPage,
  zFollowResult,
  zProfile,
  zUpdateProfileInput,
  zUserRef,
} from '@xiaojia/shared';
import { PeopleService } from '../../services/community/people.js';
import { authedProcedure, router } from '../../trpc/init.js';

export const profilesRouter = router({
  /** The caller as the community sees them (admin, suspension, unread messages). */
  me: authedProcedure.output(zCommunityMe).query(({ ctx }) => new PeopleService(ctx.deps).me(ctx.user.id)),
  get: authedProcedure
    .input(zUserRef)
    .output(zProfile)
    .query(({ ctx, input }) => new PeopleService(ctx.deps).profile(ctx.user.id, input.userId)),
  update: authedProcedure
    .input(zUpdateProfileInput)
    .output(zProfile)
    .mutation(({ ctx, input }) => new PeopleService(ctx.deps).setBio(ctx.user.id, input.bio)),
  followers: authedProcedure
    .input(zFollowListInput)
    .output(zFollowPage)
    .query(({ ctx, input }) => new PeopleService(ctx.deps).list(ctx.user.id, 'followers', input)),
  following: authedProcedure
    .input(zFollowListInput)
    .output(zFollowPage)
    .query(({ ctx, input }) => new PeopleService(ctx.deps).list(ctx.user.id, 'following', input)),
});

export const followsRouter = router({
  follow: authedProcedure
    .input(zUserRef)
    .output(zFollowResult)
    .mutation(({ ctx, input }) => new PeopleService(ctx.deps).follow(ctx.user.id, input.userId)),
  unfollow: authedProcedure
    .input(zUserRef)
    .output(zFollowResult)
    .mutation(({ ctx, input }) => new PeopleService(ctx.deps).unfollow(ctx.user.id, input.userId)),
});

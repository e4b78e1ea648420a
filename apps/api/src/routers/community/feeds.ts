/** 维扣图元's feeds: keyset pages of published works. */
import { zAuthorFeedInput, zFeedInput, zTagFeedInput, zWorkPage } from '@xiaojia/shared';
import { FeedsService } from '../../services/community/feeds.js';
import { authedProcedure, router } from '../../trpc/init.js';

const feed = authedProcedure.output(zWorkPage);

export const feedsRouter = router({
  latest: feed
    .input(zFeedInput)
    .query(({ ctx, input }) => new FeedsService(ctx.deps, ctx.req.origin).latest(ctx.user.id, input)),
  hot: feed
    .input(zFeedInput)
    .query(({ ctx, input }) => new FeedsService(ctx.deps, ctx.req.origin).hot(ctx.user.id, input)),
  tag: feed
    .input(zTagFeedInput)
    .query(({ ctx, input }) => new FeedsService(ctx.deps, ctx.req.origin).byTag(ctx.user.id, input)),
  /** Works of the people the caller follows, newest first. */
  following: feed
    .input(zFeedInput)
    .query(({ ctx, input }) => new FeedsService(ctx.deps, ctx.req.origin).following(ctx.user.id, input)),
  /** One author's published works (their profile). */
  author: feed
    .input(zAuthorFeedInput)
    .query(({ ctx, input }) => new FeedsService(ctx.deps, ctx.req.origin).byAuthor(ctx.user.id, input)),
});

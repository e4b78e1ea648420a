/** 维扣图元's works: publish from the caller's home, edit, unpublish, a work's page, likes, comments, share cards. */
import {
  zAuthOk,
  zCount,
  zFeedInput,
  zLikeResult,
  zMyWorkPage,
  zPublishWorkInput,
  zShareCard,
  zUpdateWorkInput,
  zWork,
  zWorkComment,
  zWorkCommentInput,
  zWorkCommentPage,
  zWorkCommentRef,
  zWorkCommentsInput,
  zWorkRef,
} from '@xiaojia/shared';
import { WorkCommentsService } from '../../services/community/comments.js';
import { FeedsService } from '../../services/community/feeds.js';
import { WorkLikesService } from '../../services/community/likes.js';
import { WorksService } from '../../services/community/works.js';
import { authedProcedure, homeProcedure, router } from '../../trpc/init.js';

export const worksRouter = router({
  /** Publish photos the caller uploaded to the home (homeId) as one work; pending under pre-review. */
  publish: homeProcedure('view')
    .input(zPublishWorkInput)
    .output(zWork)
    .mutation(({ ctx, input }) => new WorksService(ctx.deps).publish(ctx.member, input, ctx.req.origin)),
  /** The author edits title, description, tags, EXIF shown and place; back through review. */
  update: authedProcedure
    .input(zUpdateWorkInput)
    .output(zWork)
    .mutation(({ ctx, input }) => new WorksService(ctx.deps).update(ctx.user.id, input, ctx.req.origin)),
  /** The author takes it down: gone from every feed, tag, profile and page at once. */
  unpublish: authedProcedure
    .input(zWorkRef)
    .output(zAuthOk)
    .mutation(({ ctx, input }) => new WorksService(ctx.deps).unpublish(ctx.user.id, input.workId, ctx.req.origin)),
  /** The caller's own works in every state (pending, refused with the reason, unpublished), newest first. */
  mine: authedProcedure
    .input(zFeedInput)
    .output(zMyWorkPage)
    .query(({ ctx, input }) => new FeedsService(ctx.deps, ctx.req.origin).mine(ctx.user.id, input)),
  /** A work's page (a non-published work only to its author). */
  get: authedProcedure
    .input(zWorkRef)
    .output(zWork)
    .query(({ ctx, input }) => new WorksService(ctx.deps).get(ctx.user.id, input.workId, ctx.req.origin)),
  shareCard: authedProcedure
    .input(zWorkRef)
    .output(zShareCard)
    .query(({ ctx, input }) => new WorksService(ctx.deps).shareCard(ctx.user.id, input.workId, ctx.req.origin)),
  like: authedProcedure
    .input(zWorkRef)
    .output(zLikeResult)
    .mutation(({ ctx, input }) => new WorkLikesService(ctx.deps).like(ctx.user.id, input.workId)),
  unlike: authedProcedure
    .input(zWorkRef)
    .output(zLikeResult)
    .mutation(({ ctx, input }) => new WorkLikesService(ctx.deps).unlike(ctx.user.id, input.workId)),
  /** Comment, or reply to a top-level comment (parentId). */
  comment: authedProcedure
    .input(zWorkCommentInput)
    .output(zWorkComment)
    .mutation(({ ctx, input }) => new WorkCommentsService(ctx.deps).add(ctx.user.id, input)),
  /** Answers how many comments went (the comment and its replies). */
  deleteComment: authedProcedure
    .input(zWorkCommentRef)
    .output(zCount)
    .mutation(({ ctx, input }) => new WorkCommentsService(ctx.deps).remove(ctx.user.id, input.commentId)),
  /** Top-level comments oldest first, each with its first replies. */
  comments: authedProcedure
    .input(zWorkCommentsInput)
    .output(zWorkCommentPage)
    .query(({ ctx, input }) => new WorkCommentsService(ctx.deps).list(ctx.user.id, input)),
});

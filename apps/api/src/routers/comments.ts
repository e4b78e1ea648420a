import {
  zAddCommentInput,
  zComment,
  zCommentPage,
  zCommentRefInput,
  zCount,
  zListCommentsInput,
} from '@xiaojia/shared';
import { CommentsService } from '../services/comments.js';
import { homeProcedure, router } from '../trpc/init.js';

export const commentsRouter = router({
  /** One photo's comments, oldest first. */
  list: homeProcedure('view')
    .input(zListCommentsInput)
    .output(zCommentPage)
    .query(({ ctx, input }) => new CommentsService(ctx.deps).list(ctx.member, input)),
  add: homeProcedure('view')
    .input(zAddCommentInput)
    .output(zComment)
    .mutation(({ ctx, input }) => new CommentsService(ctx.deps).add(ctx.member, input)),
  /** The author deletes their own comment; the owner deletes any. */
  delete: homeProcedure('view')
    .input(zCommentRefInput)
    .output(zCount)
    .mutation(({ ctx, input }) => new CommentsService(ctx.deps).delete(ctx.member, input.commentId)),
});

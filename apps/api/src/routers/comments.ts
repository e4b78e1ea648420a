import { zAddCommentInput, zComment, zCommentPage, zCommentRefInput, zCount, zListCommentsInput } from '@xiaojia/shared';
import { AppError } from '../errors.js';
import { homeProcedure, router } from '../trpc/init.js';

const notBuilt = (): never => {
  throw new AppError('INTERNAL', 'comments: contract only, the service lands next');
};

export const commentsRouter = router({
  /** One photo's comments, oldest first. */
  list: homeProcedure('view').input(zListCommentsInput).output(zCommentPage).query(notBuilt),
  add: homeProcedure('view').input(zAddCommentInput).output(zComment).mutation(notBuilt),
  /** The author deletes their own comment; the owner deletes any. */
  delete: homeProcedure('view').input(zCommentRefInput).output(zCount).mutation(notBuilt),
});

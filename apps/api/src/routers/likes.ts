import { zPhotoRefInput, zPhotoSocial, zSetLikeInput } from '@xiaojia/shared';
import { AppError } from '../errors.js';
import { homeProcedure, router } from '../trpc/init.js';

const notBuilt = (): never => {
  throw new AppError('INTERNAL', 'likes: contract only, the service lands next');
};

export const likesRouter = router({
  /** Likes and the comment count of one photo: the viewer's line under it. */
  forPhoto: homeProcedure('view').input(zPhotoRefInput).output(zPhotoSocial).query(notBuilt),
  /** Like or unlike (idempotent); answers the photo's line as it now is. */
  set: homeProcedure('view').input(zSetLikeInput).output(zPhotoSocial).mutation(notBuilt),
});

import { zPhotoRefInput, zPhotoSocial, zSetLikeInput } from '@xiaojia/shared';
import { LikesService } from '../services/likes.js';
import { homeProcedure, router } from '../trpc/init.js';

export const likesRouter = router({
  /** Likes and the comment count of one photo: the viewer's line under it. */
  forPhoto: homeProcedure('view')
    .input(zPhotoRefInput)
    .output(zPhotoSocial)
    .query(({ ctx, input }) => new LikesService(ctx.deps).forPhoto(ctx.member, input.photoId)),
  /** Like or unlike (idempotent); answers the photo's line as it now is. */
  set: homeProcedure('view')
    .input(zSetLikeInput)
    .output(zPhotoSocial)
    .mutation(({ ctx, input }) => new LikesService(ctx.deps).set(ctx.member, input)),
});

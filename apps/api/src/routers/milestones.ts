import {
  zCount,
  zCreateMilestoneInput,
  zListMilestonesInput,
  zMilestone,
  zMilestonePage,
  zMilestoneRefInput,
  zPhotoMilestones,
  zPhotoMilestonesInput,
  zUpdateMilestoneInput,
} from '@xiaojia/shared';
import { MilestonesService } from '../services/milestones.js';
import { homeProcedure, router } from '../trpc/init.js';

export const milestonesRouter = router({
  /** One child's milestones in date order, oldest first. */
  list: homeProcedure('view')
    .input(zListMilestonesInput)
    .output(zMilestonePage)
    .query(({ ctx, input }) => new MilestonesService(ctx.deps).list(ctx.member, input, ctx.req.origin)),
  /** The milestones tagged on one photo (the viewer's info). */
  forPhoto: homeProcedure('view')
    .input(zPhotoMilestonesInput)
    .output(zPhotoMilestones)
    .query(({ ctx, input }) => new MilestonesService(ctx.deps).forPhoto(ctx.member, input.photoId)),
  create: homeProcedure('contribute')
    .input(zCreateMilestoneInput)
    .output(zMilestone)
    .mutation(({ ctx, input }) => new MilestonesService(ctx.deps).create(ctx.member, input, ctx.req.origin)),
  update: homeProcedure('contribute')
    .input(zUpdateMilestoneInput)
    .output(zMilestone)
    .mutation(({ ctx, input }) => new MilestonesService(ctx.deps).update(ctx.member, input, ctx.req.origin)),
  delete: homeProcedure('contribute')
    .input(zMilestoneRefInput)
    .output(zCount)
    .mutation(({ ctx, input }) => new MilestonesService(ctx.deps).delete(ctx.member, input.milestoneId)),
});

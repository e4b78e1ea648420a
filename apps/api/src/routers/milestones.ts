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
import { AppError } from '../errors.js';
import { homeProcedure, router } from '../trpc/init.js';

const notBuilt = (): never => {
  throw new AppError('INTERNAL', 'milestones: contract only, the service lands next');
};

export const milestonesRouter = router({
  /** One child's milestones in date order, oldest first. */
  list: homeProcedure('view').input(zListMilestonesInput).output(zMilestonePage).query(notBuilt),
  /** The milestones tagged on one photo (the viewer's info). */
  forPhoto: homeProcedure('view').input(zPhotoMilestonesInput).output(zPhotoMilestones).query(notBuilt),
  create: homeProcedure('contribute').input(zCreateMilestoneInput).output(zMilestone).mutation(notBuilt),
  update: homeProcedure('contribute').input(zUpdateMilestoneInput).output(zMilestone).mutation(notBuilt),
  delete: homeProcedure('contribute').input(zMilestoneRefInput).output(zCount).mutation(notBuilt),
});

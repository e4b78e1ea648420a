import {
  zAddGrowthInput,
  zChildRefInput,
  zCount,
  zGrowthList,
  zGrowthRecord,
  zGrowthRefInput,
  zUpdateGrowthInput,
} from '@xiaojia/shared';
import { GrowthService } from '../services/growth.js';
import { homeProcedure, router } from '../trpc/init.js';

export const growthRouter = router({
  /** All of one child's height, weight and head records, oldest first. */
  list: homeProcedure('view')
    .input(zChildRefInput)
    .output(zGrowthList)
    .query(({ ctx, input }) => new GrowthService(ctx.deps).list(ctx.member, input.childId)),
  add: homeProcedure('contribute')
    .input(zAddGrowthInput)
    .output(zGrowthRecord)
    .mutation(({ ctx, input }) => new GrowthService(ctx.deps).add(ctx.member, input)),
  update: homeProcedure('contribute')
    .input(zUpdateGrowthInput)
    .output(zGrowthRecord)
    .mutation(({ ctx, input }) => new GrowthService(ctx.deps).update(ctx.member, input)),
  delete: homeProcedure('contribute')
    .input(zGrowthRefInput)
    .output(zCount)
    .mutation(({ ctx, input }) => new GrowthService(ctx.deps).delete(ctx.member, input.recordId)),
});

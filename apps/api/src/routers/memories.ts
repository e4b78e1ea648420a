import { zMemories, zMemoriesInput } from '@xiaojia/shared';
import { MemoriesService } from '../services/memories.js';
import { homeProcedure, router } from '../trpc/init.js';

export const memoriesRouter = router({
  /** "那年今日": photos from this local day in earlier years, and the children's occasions today. */
  today: homeProcedure('view')
    .input(zMemoriesInput)
    .output(zMemories)
    .query(({ ctx, input }) => new MemoriesService(ctx.deps).today(ctx.member, input, ctx.req.origin)),
});

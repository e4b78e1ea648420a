import { zChild, zChildList, zChildRefInput, zCount, zCreateChildInput, zUpdateChildInput } from '@xiaojia/shared';
import { ChildrenService } from '../services/children.js';
import { homeProcedure, router } from '../trpc/init.js';

export const childrenRouter = router({
  /** The home's children, oldest first, with signed avatar thumbnails. */
  list: homeProcedure('view')
    .output(zChildList)
    .query(({ ctx }) => new ChildrenService(ctx.deps).list(ctx.member, ctx.req.origin)),
  create: homeProcedure('contribute')
    .input(zCreateChildInput)
    .output(zChild)
    .mutation(({ ctx, input }) => new ChildrenService(ctx.deps).create(ctx.member, input, ctx.req.origin)),
  update: homeProcedure('contribute')
    .input(zUpdateChildInput)
    .output(zChild)
    .mutation(({ ctx, input }) => new ChildrenService(ctx.deps).update(ctx.member, input, ctx.req.origin)),
  /** Deletes the child with its milestones and growth records (never a photo). */
  delete: homeProcedure('contribute')
    .input(zChildRefInput)
    .output(zCount)
    .mutation(({ ctx, input }) => new ChildrenService(ctx.deps).delete(ctx.member, input.childId)),
});

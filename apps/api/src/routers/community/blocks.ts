/** Blocks (services/community/blocks.ts). */
import { zBlockListInput, zBlockPage, zUserRef } from '@xiaojia/shared';
import { BlocksService } from '../../services/community/blocks.js';
import { authedProcedure, router } from '../../trpc/init.js';

export const blocksRouter = router({
  block: authedProcedure
    .input(zUserRef)
    .mutation(({ ctx, input }) => new BlocksService(ctx.deps).block(ctx.user.id, input.userId)),
  unblock: authedProcedure
    .input(zUserRef)
    .mutation(({ ctx, input }) => new BlocksService(ctx.deps).unblock(ctx.user.id, input.userId)),
  list: authedProcedure
    .input(zBlockListInput)
    .output(zBlockPage)
    .query(({ ctx, input }) => new BlocksService(ctx.deps).list(ctx.user.id, input)),
});

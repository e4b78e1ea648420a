/** Blocks (services/community/blocks.ts). */
import { zAuthOk, zBlockListInput, zBlockPage, zUnblocked, zUserRef } from '@xiaojia/shared';
import { BlocksService } from '../../services/community/blocks.js';
import { authedProcedure, router } from '../../trpc/init.js';

export const blocksRouter = router({
  block: authedProcedure
    .input(zUserRef)
    .output(zAuthOk)
    .mutation(({ ctx, input }) => new BlocksService(ctx.deps).block(ctx.user.id, input.userId)),
  unblock: authedProcedure
    .input(zUserRef)
    .output(zUnblocked)
    .mutation(({ ctx, input }) => new BlocksService(ctx.deps).unblock(ctx.user.id, input.userId)),
  list: authedProcedure
    .input(zBlockListInput)
    .output(zBlockPage)
    .query(({ ctx, input }) => new BlocksService(ctx.deps).list(ctx.user.id, input)),
});

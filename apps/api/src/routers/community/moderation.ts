/** Admins' review queue, decisions, take-downs and suspensions (services/community/moderation.ts). */
import {
  zHideWorkInput,
  zModerationDecideInput,
  zModerationQueue,
  zModerationQueueInput,
  zSuspendInput,
  zUserRef,
} from '@xiaojia/shared';
import { ModerationService } from '../../services/community/moderation.js';
import { adminProcedure, router } from '../../trpc/init.js';

export const moderationRouter = router({
  queue: adminProcedure
    .input(zModerationQueueInput)
    .output(zModerationQueue)
    .query(({ ctx, input }) => new ModerationService(ctx.deps).queue(input)),
  decide: adminProcedure
    .input(zModerationDecideInput)
    .mutation(({ ctx, input }) => new ModerationService(ctx.deps).decide(ctx.admin, input)),
  hideWork: adminProcedure
    .input(zHideWorkInput)
    .mutation(({ ctx, input }) => new ModerationService(ctx.deps).hideWork(input)),
  suspend: adminProcedure
    .input(zSuspendInput)
    .mutation(({ ctx, input }) => new ModerationService(ctx.deps).suspend(ctx.admin, input)),
  unsuspend: adminProcedure
    .input(zUserRef)
    .mutation(({ ctx, input }) => new ModerationService(ctx.deps).unsuspend(input.userId)),
});

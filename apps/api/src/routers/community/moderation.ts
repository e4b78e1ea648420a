/** Admins' review queue, decisions, take-downs and suspensions (services/community/moderation.ts). */
import {
  zAuthOk,
  zHideWorkInput,
  zModerationDecideInput,
  zModerationDecision,
  zModerationQueue,
  zModerationQueueInput,
  zSuspendInput,
  zSuspension,
  zSuspensionLifted,
  zUserRef,
} from '@xiaojia/shared';
import { ModerationService } from '../../services/community/moderation.js';
import { adminProcedure, router } from '../../trpc/init.js';

export const moderationRouter = router({
  queue: adminProcedure
    .input(zModerationQueueInput)
    .output(zModerationQueue)
    .query(({ ctx, input }) => new ModerationService(ctx.deps).queue(input, ctx.req.origin)),
  decide: adminProcedure
    .input(zModerationDecideInput)
    .output(zModerationDecision)
    .mutation(({ ctx, input }) => new ModerationService(ctx.deps).decide(ctx.admin, input)),
  hideWork: adminProcedure
    .input(zHideWorkInput)
    .output(zAuthOk)
    .mutation(({ ctx, input }) => new ModerationService(ctx.deps).hideWork(input, ctx.req.origin)),
  suspend: adminProcedure
    .input(zSuspendInput)
    .output(zSuspension)
    .mutation(({ ctx, input }) => new ModerationService(ctx.deps).suspend(ctx.admin, input)),
  unsuspend: adminProcedure
    .input(zUserRef)
    .output(zSuspensionLifted)
    .mutation(({ ctx, input }) => new ModerationService(ctx.deps).unsuspend(input.userId)),
});

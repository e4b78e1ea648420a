import { zAccountDeletion, zAccountDeletionSummary, zDeleteAccountInput } from '@xiaojia/shared';
import { AccountDeletionService } from '../services/account-deletion.js';
import { authedProcedure, router } from '../trpc/init.js';

export const accountRouter = router({
  /** What deleting the caller's account would do to each of their homes, and how to confirm it. */
  deletion: authedProcedure
    .output(zAccountDeletionSummary)
    .query(({ ctx }) => new AccountDeletionService(ctx.deps).summary(ctx.user)),
  /**
   * Deletes the caller's account (ACCOUNT_OWNS_SHARED_HOME while they own a home others are in): confirmed
   * with the password (WRONG_PASSWORD, counted toward the sign-in lockout) or, without one, the display name.
   */
  delete: authedProcedure
    .input(zDeleteAccountInput)
    .output(zAccountDeletion)
    .mutation(({ ctx, input }) => new AccountDeletionService(ctx.deps).delete(ctx.user, input, ctx.req.origin)),
});

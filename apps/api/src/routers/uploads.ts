import { zConfirmUploadInput, zConfirmUploadResult, zCreateUploadsInput, zUploadTickets } from '@xiaojia/shared';
import { UploadsService } from '../services/uploads.js';
import { authedProcedure, router } from '../trpc/init.js';

export const uploadsRouter = router({
  /** One ticket per file: a grant to POST it straight to storage, or "you already have this photo". */
  create: authedProcedure
    .input(zCreateUploadsInput)
    .output(zUploadTickets)
    .mutation(async ({ ctx, input }) => ({
      tickets: await new UploadsService(ctx.deps).create(ctx.user, input, ctx.req.origin),
    })),
  confirm: authedProcedure
    .input(zConfirmUploadInput)
    .output(zConfirmUploadResult)
    .mutation(({ ctx, input }) => new UploadsService(ctx.deps).confirm(ctx.user, input, ctx.req.origin)),
});

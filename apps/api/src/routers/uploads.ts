import { zConfirmUploadInput, zConfirmUploadResult, zCreateUploadsInput, zUploadTickets } from '@xiaojia/shared';
import { UploadsService } from '../services/uploads.js';
import { homeProcedure, router } from '../trpc/init.js';

export const uploadsRouter = router({
  /** One ticket per file: a grant to POST it straight to storage, or "you already have this photo". */
  create: homeProcedure('contribute')
    .input(zCreateUploadsInput)
    .output(zUploadTickets)
    .mutation(async ({ ctx, input }) => ({
      tickets: await new UploadsService(ctx.deps).create(ctx.member, input, ctx.req.origin),
    })),
  confirm: homeProcedure('contribute')
    .input(zConfirmUploadInput)
    .output(zConfirmUploadResult)
    .mutation(({ ctx, input }) => new UploadsService(ctx.deps).confirm(ctx.member, input, ctx.req.origin)),
});

import {
  zAbortPartsInput,
  zCompletePartsInput,
  zConfirmUploadInput,
  zConfirmUploadResult,
  zCreateUploadsInput,
  zSignedParts,
  zSignPartsInput,
  zUploadTickets,
} from '@xiaojia/shared';
import { z } from 'zod';
import { AppError } from '../errors.js';
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
  // CONTRACT STUBS (branch `contract` only, replaced by the s3-server work): typed shapes for the client.
  signParts: homeProcedure('contribute')
    .input(zSignPartsInput)
    .output(zSignedParts)
    .mutation((): never => {
      throw new AppError('INTERNAL', 'contract stub');
    }),
  completeParts: homeProcedure('contribute')
    .input(zCompletePartsInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation((): never => {
      throw new AppError('INTERNAL', 'contract stub');
    }),
  abortParts: homeProcedure('contribute')
    .input(zAbortPartsInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation((): never => {
      throw new AppError('INTERNAL', 'contract stub');
    }),
});

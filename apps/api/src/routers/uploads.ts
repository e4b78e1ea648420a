import {
  zAbortPartsInput,
  zCompletePartsInput,
  zConfirmUploadInput,
  zConfirmUploadResult,
  zCreateUploadsInput,
  zListedParts,
  zListPartsInput,
  zOk,
  zSignedParts,
  zSignPartsInput,
  zUploadTickets,
} from '@xiaojia/shared';
import { UploadPartsService } from '../services/upload-parts.js';
import { UploadTicketsService } from '../services/upload-tickets.js';
import { UploadsService } from '../services/uploads.js';
import { homeProcedure, router } from '../trpc/init.js';

export const uploadsRouter = router({
  /** One ticket per file: a grant to POST it straight to storage, or "you already have this photo". */
  create: homeProcedure('contribute')
    .input(zCreateUploadsInput)
    .output(zUploadTickets)
    .mutation(async ({ ctx, input }) => ({
      tickets: await new UploadTicketsService(ctx.deps).create(ctx.member, input, ctx.req.origin),
    })),
  confirm: homeProcedure('contribute')
    .input(zConfirmUploadInput)
    .output(zConfirmUploadResult)
    .mutation(({ ctx, input }) => new UploadsService(ctx.deps).confirm(ctx.member, input, ctx.req.origin)),
  /** S3 multipart: presigned PUT URLs for a batch of the upload's parts. */
  signParts: homeProcedure('contribute')
    .input(zSignPartsInput)
    .output(zSignedParts)
    .mutation(({ ctx, input }) => new UploadPartsService(ctx.deps).signParts(ctx.member, input, ctx.req.origin)),
  /** S3 multipart: join the parts (then confirm as for any upload). */
  completeParts: homeProcedure('contribute')
    .input(zCompletePartsInput)
    .output(zOk)
    .mutation(({ ctx, input }) => new UploadPartsService(ctx.deps).completeParts(ctx.member, input, ctx.req.origin)),
  /** S3 multipart, after a reopen: the parts the bucket holds (a qiniu-v2 plan lists its own: BAD_INPUT). */
  listParts: homeProcedure('contribute')
    .input(zListPartsInput)
    .output(zListedParts)
    .query(({ ctx, input }) => new UploadPartsService(ctx.deps).listParts(ctx.member, input, ctx.req.origin)),
  abortParts: homeProcedure('contribute')
    .input(zAbortPartsInput)
    .output(zOk)
    .mutation(({ ctx, input }) => new UploadPartsService(ctx.deps).abortParts(ctx.member, input, ctx.req.origin)),
});

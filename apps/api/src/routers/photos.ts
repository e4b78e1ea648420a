import { zCount, zGetPhotoInput, zIdBatch, zListPhotosInput, zPhotoDetail, zPhotoPage } from '@xiaojia/shared';
import { z } from 'zod';
import { PhotosService } from '../services/photos.js';
import { authedProcedure, router } from '../trpc/init.js';

export const photosRouter = router({
  list: authedProcedure
    .input(zListPhotosInput)
    .output(zPhotoPage)
    .query(({ ctx, input }) => new PhotosService(ctx.deps).list(ctx.user, input, ctx.req.origin)),
  get: authedProcedure
    .input(zGetPhotoInput)
    .output(zPhotoDetail)
    .query(({ ctx, input }) => new PhotosService(ctx.deps).get(ctx.user, input, ctx.req.origin)),
  trash: authedProcedure
    .input(zIdBatch)
    .output(zCount)
    .mutation(({ ctx, input }) => new PhotosService(ctx.deps).trash(ctx.user, input)),
  restore: authedProcedure
    .input(zIdBatch)
    .output(zCount)
    .mutation(({ ctx, input }) => new PhotosService(ctx.deps).restore(ctx.user, input)),
  /** Delete forever; `pending` are gone from every list and retried in the background. */
  purge: authedProcedure
    .input(zIdBatch)
    .output(zCount.extend({ pending: z.number().int().nonnegative() }))
    .mutation(({ ctx, input }) => new PhotosService(ctx.deps).purge(ctx.user, input, ctx.req.origin)),
});

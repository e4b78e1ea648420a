import {
  type PhotoPage,
  zCount,
  zGetPhotoInput,
  zIdBatch,
  zListPhotosInput,
  zPhotoBuckets,
  zPhotoBucketsInput,
  zPhotoDetail,
  zPurgeResult,
} from '@xiaojia/shared';
import { PhotosService } from '../services/photos.js';
import { homeProcedure, router } from '../trpc/init.js';

export const photosRouter = router({
  /**
   * The timeline's hot path answers without tRPC's runtime output check: re-parsing 100 photos was about 4%
   * of the request's CPU and kept the list under its throughput target (BENCHMARKS.md, 1a and 1f). The page
   * is built field by field by PhotoViews.dto, typed as PhotoPage, and photos.test.ts holds answers to
   * zPhotoPage exactly (no field more or less). Every other procedure keeps its .output().
   */
  list: homeProcedure('view')
    .input(zListPhotosInput)
    .query(({ ctx, input }): Promise<PhotoPage> => new PhotosService(ctx.deps).list(ctx.member, input, ctx.req.origin)),
  /** Photos per local day, months newest first: the date scrubber sizes and jumps the timeline with it. */
  buckets: homeProcedure('view')
    .input(zPhotoBucketsInput)
    .output(zPhotoBuckets)
    .query(({ ctx, input }) => new PhotosService(ctx.deps).buckets(ctx.member, input)),
  get: homeProcedure('view')
    .input(zGetPhotoInput)
    .output(zPhotoDetail)
    .query(({ ctx, input }) => new PhotosService(ctx.deps).get(ctx.member, input, ctx.req.origin)),
  trash: homeProcedure('contribute')
    .input(zIdBatch)
    .output(zCount)
    .mutation(({ ctx, input }) => new PhotosService(ctx.deps).trash(ctx.member, input)),
  restore: homeProcedure('contribute')
    .input(zIdBatch)
    .output(zCount)
    .mutation(({ ctx, input }) => new PhotosService(ctx.deps).restore(ctx.member, input)),
  /** Delete forever; `pending` are gone from every list and retried in the background. */
  purge: homeProcedure('contribute')
    .input(zIdBatch)
    .output(zPurgeResult)
    .mutation(({ ctx, input }) => new PhotosService(ctx.deps).purge(ctx.member, input, ctx.req.origin)),
});

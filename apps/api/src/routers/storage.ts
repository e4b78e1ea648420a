import { zBindStorageInput, zStorageStatus } from '@xiaojia/shared';
import { StorageService } from '../services/storage.js';
import { homeProcedure, router } from '../trpc/init.js';

export const storageRouter = router({
  status: homeProcedure('view')
    .output(zStorageStatus)
    .query(({ ctx }) => new StorageService(ctx.deps).status(ctx.member)),
  /** Bind (or rebind with rotated keys) a Qiniu or S3 bucket, verified by real calls before it is saved. */
  bind: homeProcedure('own')
    .input(zBindStorageInput)
    .output(zStorageStatus)
    .mutation(({ ctx, input }) => new StorageService(ctx.deps).bind(ctx.member, input, ctx.req.origin)),
  unbind: homeProcedure('own')
    .output(zStorageStatus)
    .mutation(({ ctx }) => new StorageService(ctx.deps).unbind(ctx.member)),
});

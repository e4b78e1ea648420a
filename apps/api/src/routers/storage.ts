import { zBindStorageInput, zStorageStatus } from '@xiaojia/shared';
import { StorageService } from '../services/storage.js';
import { authedProcedure, router } from '../trpc/init.js';

export const storageRouter = router({
  status: authedProcedure.output(zStorageStatus).query(({ ctx }) => new StorageService(ctx.deps).status(ctx.user)),
  /** Bind (or rebind with rotated keys) a Qiniu bucket, verified by real calls before it is saved. */
  bind: authedProcedure
    .input(zBindStorageInput)
    .output(zStorageStatus)
    .mutation(({ ctx, input }) => new StorageService(ctx.deps).bind(ctx.user, input)),
  unbind: authedProcedure.output(zStorageStatus).mutation(({ ctx }) => new StorageService(ctx.deps).unbind(ctx.user)),
});

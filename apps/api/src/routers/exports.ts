import { zExportLink } from '@xiaojia/shared';
import { EXPORT_CAPABILITY, ExportsService } from '../services/exports.js';
import { homeProcedure, router } from '../trpc/init.js';

export const exportsRouter = router({
  /**
   * A short-lived link (EXPORT_LINK_SECONDS) that downloads the home as one tar of every original and a
   * metadata.json, with the archive's exact size. Anyone in the home may export it.
   */
  create: homeProcedure(EXPORT_CAPABILITY)
    .output(zExportLink)
    .mutation(({ ctx }) => new ExportsService(ctx.deps).createLink(ctx.member, ctx.req.origin)),
});

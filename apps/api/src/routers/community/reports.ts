/** Reports: anyone signed in files one; admins list and resolve them. */
import {
  zAuthOk,
  zReportCreated,
  zReportCreateInput,
  zReportListInput,
  zReportPage,
  zReportResolveInput,
} from '@xiaojia/shared';
import { ReportsService } from '../../services/community/reports.js';
import { adminProcedure, authedProcedure, router } from '../../trpc/init.js';

export const reportsRouter = router({
  create: authedProcedure
    .input(zReportCreateInput)
    .output(zReportCreated)
    .mutation(({ ctx, input }) => new ReportsService(ctx.deps).create(ctx.user.id, input)),
  list: adminProcedure
    .input(zReportListInput)
    .output(zReportPage)
    .query(({ ctx, input }) => new ReportsService(ctx.deps).list(input, ctx.req.origin)),
  resolve: adminProcedure
    .input(zReportResolveInput)
    .output(zAuthOk)
    .mutation(({ ctx, input }) => new ReportsService(ctx.deps).resolve(ctx.admin, input)),
});

import {
  zAuthOk,
  zCreatedInvite,
  zCreateInviteInput,
  zHome,
  zInviteCodeInput,
  zInviteList,
  zInvitePreview,
  zInviteRefInput,
  zInviteWxaCodeInput,
  zWxaCode,
} from '@xiaojia/shared';
import { AuthService } from '../services/auth.js';
import { InvitesService } from '../services/invites.js';
import { authedProcedure, homeProcedure, publicProcedure, router } from '../trpc/init.js';

export const invitesRouter = router({
  /** The owner invites (members too, when the owner allows it). The code is only ever answered here. */
  create: homeProcedure('invite')
    .input(zCreateInviteInput)
    .output(zCreatedInvite)
    .mutation(({ ctx, input }) => new InvitesService(ctx.deps).create(ctx.member, input)),
  list: homeProcedure('invite')
    .output(zInviteList)
    .query(({ ctx }) => new InvitesService(ctx.deps).list(ctx.member)),
  revoke: homeProcedure('invite')
    .input(zInviteRefInput)
    .output(zAuthOk)
    .mutation(async ({ ctx, input }) => {
      await new InvitesService(ctx.deps).revoke(ctx.member, input.inviteId);
      return { ok: true as const };
    }),
  /** A WeChat 小程序码 that opens the join page with this invite (WECHAT_NOT_CONFIGURED without WeChat). */
  miniProgramCode: homeProcedure('invite')
    .input(zInviteWxaCodeInput)
    .output(zWxaCode)
    .query(({ ctx, input }) => new InvitesService(ctx.deps).miniProgramCode(ctx.member, input.code)),
  /**
   * What a code shows before joining (home name, inviter, role), signed in or not. Expired, revoked, used-up
   * and unknown codes each answer their own code; look-ups are rate-limited per address.
   */
  preview: publicProcedure
    .input(zInviteCodeInput)
    .output(zInvitePreview)
    .query(async ({ ctx, input }) => {
      const user = ctx.req.token ? await new AuthService(ctx.deps).authenticate(ctx.req.token).catch(() => null) : null;
      return new InvitesService(ctx.deps).preview(input.code, ctx.req.ip, user);
    }),
  accept: authedProcedure
    .input(zInviteCodeInput)
    .output(zHome)
    .mutation(({ ctx, input }) => new InvitesService(ctx.deps).accept(ctx.user, input.code, ctx.req.ip)),
});

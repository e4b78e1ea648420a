import {
  zAuthOk,
  zAuthResult,
  zChangePasswordInput,
  zChangePasswordResult,
  zDeviceList,
  zLinkWechatInput,
  zListDevicesInput,
  zMe,
  zRevokeDeviceInput,
  zSetDisplayNameInput,
  zSignInInput,
  zSignUpInput,
  zWechatSignInInput,
} from '@xiaojia/shared';
import { AccountService } from '../services/account.js';
import { AuthService } from '../services/auth.js';
import { DevicesService } from '../services/devices.js';
import { authedProcedure, publicProcedure, router } from '../trpc/init.js';

export const authRouter = router({
  /** Creates a password account and signs this device in. */
  signUp: publicProcedure
    .input(zSignUpInput)
    .output(zAuthResult)
    .mutation(({ ctx, input }) => new AuthService(ctx.deps).signUp(input, ctx.req)),
  /** Password sign-in (H5, app); LOCKED_OUT with details.retryAfterSeconds after repeated failures. */
  signIn: publicProcedure
    .input(zSignInInput)
    .output(zAuthResult)
    .mutation(({ ctx, input }) => new AuthService(ctx.deps).signIn(input, ctx.req)),
  /** Mini-program sign-in with the `Taro.login()` code; creates the account on first use. */
  signInWithWechat: publicProcedure
    .input(zWechatSignInInput)
    .output(zAuthResult)
    .mutation(({ ctx, input }) => new AuthService(ctx.deps).signInWithWechat(input.code, input.device, ctx.req)),
  /** Attaches the caller's WeChat identity so the mini-program signs in to this same account. */
  linkWechat: authedProcedure
    .input(zLinkWechatInput)
    .output(zMe)
    .mutation(({ ctx, input }) => new AuthService(ctx.deps).linkWechat(ctx.user, input.code)),
  /** Ends this device's session. */
  signOut: authedProcedure.output(zAuthOk).mutation(async ({ ctx }) => {
    await new AuthService(ctx.deps).signOut(ctx.user);
    return { ok: true as const };
  }),
  me: authedProcedure.output(zMe).query(({ ctx }) => new AuthService(ctx.deps).me(ctx.user)),
  /**
   * New password for a password account: WRONG_PASSWORD (details.attemptsLeft) for a wrong current one,
   * which counts toward the sign-in lockout; signs out every other device, keeps this one.
   */
  changePassword: authedProcedure
    .input(zChangePasswordInput)
    .output(zChangePasswordResult)
    .mutation(({ ctx, input }) => new AccountService(ctx.deps).changePassword(ctx.user, input)),
  /** Renames the caller (1–40 characters, trimmed). */
  setDisplayName: authedProcedure
    .input(zSetDisplayNameInput)
    .output(zMe)
    .mutation(({ ctx, input }) => new AccountService(ctx.deps).setDisplayName(ctx.user, input.displayName)),
  /** One page of the caller's signed-in devices, most recently used first. */
  devices: authedProcedure
    .input(zListDevicesInput)
    .output(zDeviceList)
    .query(({ ctx, input }) => new DevicesService(ctx.deps).list(ctx.user, input)),
  /** Signs one of the caller's devices out (NOT_FOUND for an id that is not theirs). */
  revokeDevice: authedProcedure
    .input(zRevokeDeviceInput)
    .output(zAuthOk)
    .mutation(async ({ ctx, input }) => {
      await new DevicesService(ctx.deps).revoke(ctx.user, input.id);
      return { ok: true as const };
    }),
});

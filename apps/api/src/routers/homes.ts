import {
  zAuthOk,
  zCreateHomeInput,
  zDeleteHomeInput,
  zHome,
  zHomeDeletion,
  zHomeList,
  zMemberPage,
  zMemberRefInput,
  zMembersInput,
  zSetRoleInput,
  zUpdateHomeInput,
} from '@xiaojia/shared';
import { HomesService } from '../services/homes.js';
import { authedProcedure, homeProcedure, router } from '../trpc/init.js';

const ok = { ok: true as const };

export const homesRouter = router({
  /** The caller's homes (their own and the ones they joined), with their role in each. */
  list: authedProcedure.output(zHomeList).query(({ ctx }) => new HomesService(ctx.deps).list(ctx.user)),
  get: homeProcedure('view')
    .output(zHome)
    .query(({ ctx }) => new HomesService(ctx.deps).get(ctx.member)),
  create: authedProcedure
    .input(zCreateHomeInput)
    .output(zHome)
    .mutation(({ ctx, input }) => new HomesService(ctx.deps).create(ctx.user, input.name)),
  /** Rename, or let members invite too. Owner only. */
  update: homeProcedure('own')
    .input(zUpdateHomeInput)
    .output(zHome)
    .mutation(({ ctx, input }) => new HomesService(ctx.deps).update(ctx.member, input)),
  /** Gone for everyone at once; its photos are purged from the bucket by the sweep; the bucket stays. */
  delete: homeProcedure('own')
    .input(zDeleteHomeInput)
    .output(zHomeDeletion)
    .mutation(({ ctx, input }) => new HomesService(ctx.deps).delete(ctx.member, input.confirmName)),
  members: homeProcedure('view')
    .input(zMembersInput)
    .output(zMemberPage)
    .query(({ ctx, input }) => new HomesService(ctx.deps).members(ctx.member, input)),
  setRole: homeProcedure('own')
    .input(zSetRoleInput)
    .output(zAuthOk)
    .mutation(async ({ ctx, input }) => {
      await new HomesService(ctx.deps).setRole(ctx.member, input.userId, input.role);
      return ok;
    }),
  /** The removed member loses the home at once; what they uploaded stays. */
  removeMember: homeProcedure('own')
    .input(zMemberRefInput)
    .output(zAuthOk)
    .mutation(async ({ ctx, input }) => {
      await new HomesService(ctx.deps).removeMember(ctx.member, input.userId);
      return ok;
    }),
  /** Anyone but the owner; the owner hands over first (transferOwnership) or deletes the home. */
  leave: homeProcedure('view')
    .output(zAuthOk)
    .mutation(async ({ ctx }) => {
      await new HomesService(ctx.deps).leave(ctx.member);
      return ok;
    }),
  transferOwnership: homeProcedure('own')
    .input(zMemberRefInput)
    .output(zHome)
    .mutation(({ ctx, input }) => new HomesService(ctx.deps).transferOwnership(ctx.member, input.userId)),
});

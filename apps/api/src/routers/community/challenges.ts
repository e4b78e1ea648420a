/** Contests (摄影挑战): admins make them, everyone enters and votes (services/community/challenges.ts). */
import {
  zChallenge,
  zChallengeCreateInput,
  zChallengeDetail,
  zChallengeEntered,
  zChallengeGetInput,
  zChallengeListInput,
  zChallengePage,
  zChallengeUpdateInput,
  zChallengeVote,
  zChallengeWorkInput,
} from '@xiaojia/shared';
import { ChallengesService } from '../../services/community/challenges.js';
import { adminProcedure, authedProcedure, router } from '../../trpc/init.js';

export const challengesRouter = router({
  create: adminProcedure
    .input(zChallengeCreateInput)
    .output(zChallenge)
    .mutation(({ ctx, input }) => new ChallengesService(ctx.deps).create(ctx.admin, input, ctx.req.origin)),
  update: adminProcedure
    .input(zChallengeUpdateInput)
    .output(zChallenge)
    .mutation(({ ctx, input }) => new ChallengesService(ctx.deps).update(input, ctx.req.origin)),
  list: authedProcedure
    .input(zChallengeListInput)
    .output(zChallengePage)
    .query(({ ctx, input }) => new ChallengesService(ctx.deps).list(input, ctx.req.origin)),
  get: authedProcedure
    .input(zChallengeGetInput)
    .output(zChallengeDetail)
    .query(({ ctx, input }) => new ChallengesService(ctx.deps).get(ctx.user.id, input, ctx.req.origin)),
  submit: authedProcedure
    .input(zChallengeWorkInput)
    .output(zChallengeEntered)
    .mutation(({ ctx, input }) => new ChallengesService(ctx.deps).submit(ctx.user.id, input)),
  vote: authedProcedure
    .input(zChallengeWorkInput)
    .output(zChallengeVote)
    .mutation(({ ctx, input }) => new ChallengesService(ctx.deps).vote(ctx.user.id, input, true)),
  unvote: authedProcedure
    .input(zChallengeWorkInput)
    .output(zChallengeVote)
    .mutation(({ ctx, input }) => new ChallengesService(ctx.deps).vote(ctx.user.id, input, false)),
});

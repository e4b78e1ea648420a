/** The one initTRPC of the server: error shape, base procedures. */
import { initTRPC, TRPCError } from '@trpc/server';
import { type AppErrorData, type ErrorCode, MAX_BATCH_CALLS, type TrpcCode, zHomeRef } from '@xiaojia/shared';
import { ZodError } from 'zod';
import { AppError } from '../errors.js';
import { CommunityAdminsRepository } from '../repositories/community/admins.js';
import { AuthService } from '../services/auth.js';
import { type Capability, HomeAccess } from '../services/home-access.js';
import type { Context } from './context.js';

const GENERIC_CODES: Partial<Record<TRPCError['code'], ErrorCode>> = {
  BAD_REQUEST: 'BAD_INPUT',
  PARSE_ERROR: 'BAD_INPUT',
  UNAUTHORIZED: 'UNAUTHENTICATED',
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  CONFLICT: 'CONFLICT',
  TOO_MANY_REQUESTS: 'RATE_LIMITED',
  // Only tRPC's own body limit (maxBodySize) raises this without an AppError: uploads go to the store.
  PAYLOAD_TOO_LARGE: 'REQUEST_TOO_LARGE',
  METHOD_NOT_SUPPORTED: 'BAD_INPUT',
};

function appErrorData(error: TRPCError): AppErrorData {
  const cause = error.cause;
  if (cause instanceof AppError) {
    return cause.details ? { appCode: cause.code, details: cause.details } : { appCode: cause.code };
  }
  if (cause instanceof ZodError) {
    return {
      appCode: 'BAD_INPUT',
      issues: cause.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message })),
    };
  }
  if (isBatchTooLarge(error)) return { appCode: 'BATCH_TOO_LARGE', details: { max: MAX_BATCH_CALLS } };
  return { appCode: GENERIC_CODES[error.code] ?? 'INTERNAL' };
}

/**
 * tRPC refuses a batch over `maxBatchSize` with a plain BAD_REQUEST whose message is the only sign of
 * why (@trpc/server 11, http/contentType.ts); server.test.ts keeps this in step with the installed tRPC.
 */
function isBatchTooLarge(error: TRPCError): boolean {
  return (
    error.code === 'BAD_REQUEST' && error.cause === undefined && error.message === 'Batch call exceeds maximum size'
  );
}

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const data = appErrorData(error);
    const internal = data.appCode === 'INTERNAL';
    return {
      code: shape.code,
      // Never send internals (SQL, paths, stack) to the client.
      message: internal ? 'Internal error' : error.cause instanceof ZodError ? 'Invalid input' : shape.message,
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, ...data },
    };
  },
});

/** Turns AppError thrown anywhere below into a TRPCError with the matching code. */
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    const mapped = new TRPCError({ code: cause.trpcCode as TrpcCode, message: cause.message, cause });
    return { ...result, error: mapped };
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;
export const publicProcedure = t.procedure.use(appErrors);

/**
 * A signed-in caller: resolves the bearer token to a session and puts `ctx.user = { id, sessionId }` on
 * the context (UNAUTHENTICATED / SESSION_EXPIRED otherwise). Slides the session's expiry.
 */
export const authedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const user = await new AuthService(ctx.deps).authenticate(ctx.req.token);
  return next({ ctx: { user } });
});

/**
 * A procedure on one home's things: takes `homeId` (merged into the procedure's own input), resolves the
 * caller's role there once, and refuses unless that role has `capability` (services/home-access.ts).
 * Services get `ctx.member = { userId, homeId, role }` and scope every query by its homeId.
 */
export function homeProcedure(capability: Capability) {
  return authedProcedure.input(zHomeRef).use(async ({ ctx, input, next }) => {
    const member = await new HomeAccess(ctx.deps).require(ctx.user, input.homeId, capability);
    return next({ ctx: { member } });
  });
}

/**
 * A community admin (community_admins, made with `xiaojia admin grant`): anyone else is refused with
 * COMMUNITY_NOT_ADMIN. Services get `ctx.admin = { userId }`.
 */
export const adminProcedure = authedProcedure.use(async ({ ctx, next }) => {
  if (!(await new CommunityAdminsRepository(ctx.deps.db).isAdmin(ctx.user.id))) {
    throw new AppError('COMMUNITY_NOT_ADMIN', 'Only community admins may do this');
  }
  return next({ ctx: { admin: { userId: ctx.user.id } } });
});

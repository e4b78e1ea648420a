import { zEcho, zEchoInput, zHealth } from '@xiaojia/shared';
import { publicProcedure, router } from '../trpc/init.js';
import { VERSION } from '../version.js';

export const healthRouter = router({
  /** Liveness plus version: the client's first call. */
  check: publicProcedure.output(zHealth).query(({ ctx }) => ({
    ok: true as const,
    name: 'xiaojia' as const,
    version: VERSION,
    time: ctx.deps.clock.now().toISOString(),
  })),
  /** Round trip with input validation, used by the client to prove its link end to end. */
  echo: publicProcedure
    .input(zEchoInput)
    .output(zEcho)
    .mutation(({ input, ctx }) => ({ text: input.text, at: ctx.deps.clock.now().toISOString() })),
});

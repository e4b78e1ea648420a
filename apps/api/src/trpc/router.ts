import { authRouter } from '../routers/auth.js';
import { healthRouter } from '../routers/health.js';
import { router } from './init.js';

export const appRouter = router({
  health: healthRouter,
  auth: authRouter,
});

/** The only thing the client imports from the API, as a type. */
export type AppRouter = typeof appRouter;

import { zMemories, zMemoriesInput } from '@xiaojia/shared';
import { AppError } from '../errors.js';
import { homeProcedure, router } from '../trpc/init.js';

const notBuilt = (): never => {
  throw new AppError('INTERNAL', 'memories: contract only, the service lands next');
};

export const memoriesRouter = router({
  /** "那年今日": photos from this local day in earlier years, and the children's occasions today. */
  today: homeProcedure('view').input(zMemoriesInput).output(zMemories).query(notBuilt),
});

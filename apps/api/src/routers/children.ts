import { zChild, zChildList, zChildRefInput, zCount, zCreateChildInput, zUpdateChildInput } from '@xiaojia/shared';
import { AppError } from '../errors.js';
import { homeProcedure, router } from '../trpc/init.js';

const notBuilt = (): never => {
  throw new AppError('INTERNAL', 'children: contract only, the service lands next');
};

export const childrenRouter = router({
  /** The home's children, oldest first, with signed avatar thumbnails. */
  list: homeProcedure('view').output(zChildList).query(notBuilt),
  create: homeProcedure('contribute').input(zCreateChildInput).output(zChild).mutation(notBuilt),
  update: homeProcedure('contribute').input(zUpdateChildInput).output(zChild).mutation(notBuilt),
  /** Deletes the child with its milestones and growth records (never a photo). */
  delete: homeProcedure('contribute').input(zChildRefInput).output(zCount).mutation(notBuilt),
});

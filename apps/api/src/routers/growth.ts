import {
  zAddGrowthInput,
  zChildRefInput,
  zCount,
  zGrowthList,
  zGrowthRecord,
  zGrowthRefInput,
  zUpdateGrowthInput,
} from '@xiaojia/shared';
import { AppError } from '../errors.js';
import { homeProcedure, router } from '../trpc/init.js';

const notBuilt = (): never => {
  throw new AppError('INTERNAL', 'growth: contract only, the service lands next');
};

export const growthRouter = router({
  /** All of one child's height, weight and head records, oldest first. */
  list: homeProcedure('view').input(zChildRefInput).output(zGrowthList).query(notBuilt),
  add: homeProcedure('contribute').input(zAddGrowthInput).output(zGrowthRecord).mutation(notBuilt),
  update: homeProcedure('contribute').input(zUpdateGrowthInput).output(zGrowthRecord).mutation(notBuilt),
  delete: homeProcedure('contribute').input(zGrowthRefInput).output(zCount).mutation(notBuilt),
});

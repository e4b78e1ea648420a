import { zActivityPage, zActivityUnread, zCount, zListActivityInput } from '@xiaojia/shared';
import { AppError } from '../errors.js';
import { homeProcedure, router } from '../trpc/init.js';

const notBuilt = (): never => {
  throw new AppError('INTERNAL', 'activity: contract only, the service lands next');
};

export const activityRouter = router({
  /** The home's feed (动态), newest first. */
  list: homeProcedure('view').input(zListActivityInput).output(zActivityPage).query(notBuilt),
  /** Entries by others since the caller last marked the feed seen: the tab's badge. */
  unread: homeProcedure('view').output(zActivityUnread).query(notBuilt),
  /** The caller has looked at the feed up to now. */
  markSeen: homeProcedure('view').output(zCount).mutation(notBuilt),
});

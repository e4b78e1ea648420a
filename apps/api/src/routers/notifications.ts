import { zNotificationSettings, zSubscribeInput } from '@xiaojia/shared';
import { AppError } from '../errors.js';
import { homeProcedure, router } from '../trpc/init.js';

const notBuilt = (): never => {
  throw new AppError('INTERNAL', 'notifications: contract only, the service lands next');
};

export const notificationsRouter = router({
  /** Whether WeChat subscribe messages can reach the caller from this home, and with which template. */
  settings: homeProcedure('view').output(zNotificationSettings).query(notBuilt),
  /** The caller accepted the template once more (wx.requestSubscribeMessage): one more message may go. */
  subscribe: homeProcedure('view').input(zSubscribeInput).output(zNotificationSettings).mutation(notBuilt),
});

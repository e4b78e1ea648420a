import { zNotificationSettings, zSubscribeInput } from '@xiaojia/shared';
import { NotificationsService } from '../services/notifications.js';
import { homeProcedure, router } from '../trpc/init.js';

export const notificationsRouter = router({
  /** Whether WeChat subscribe messages can reach the caller from this home, and with which template. */
  settings: homeProcedure('view')
    .output(zNotificationSettings)
    .query(({ ctx }) => new NotificationsService(ctx.deps).settings(ctx.member)),
  /** The caller accepted the template once more (wx.requestSubscribeMessage): one more message may go. */
  subscribe: homeProcedure('view')
    .input(zSubscribeInput)
    .output(zNotificationSettings)
    .mutation(({ ctx, input }) => new NotificationsService(ctx.deps).subscribe(ctx.member, input)),
});

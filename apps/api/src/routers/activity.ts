import { zActivityPage, zActivityUnread, zCount, zListActivityInput } from '@xiaojia/shared';
import { ActivityFeedService } from '../services/activity-feed.js';
import { homeProcedure, router } from '../trpc/init.js';

export const activityRouter = router({
  /** The home's feed (动态), newest first. */
  list: homeProcedure('view')
    .input(zListActivityInput)
    .output(zActivityPage)
    .query(({ ctx, input }) => new ActivityFeedService(ctx.deps).list(ctx.member, input, ctx.req.origin)),
  /** Entries by others since the caller last marked the feed seen: the tab's badge. */
  unread: homeProcedure('view')
    .output(zActivityUnread)
    .query(({ ctx }) => new ActivityFeedService(ctx.deps).unread(ctx.member)),
  /** The caller has looked at the feed up to now. */
  markSeen: homeProcedure('view')
    .output(zCount)
    .mutation(({ ctx }) => new ActivityFeedService(ctx.deps).markSeen(ctx.member)),
});

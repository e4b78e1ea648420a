import { accountRouter } from '../routers/account.js';
import { activityRouter } from '../routers/activity.js';
import { albumsRouter } from '../routers/albums.js';
import { authRouter } from '../routers/auth.js';
import { childrenRouter } from '../routers/children.js';
import { commentsRouter } from '../routers/comments.js';
import { blocksRouter } from '../routers/community/blocks.js';
import { challengesRouter } from '../routers/community/challenges.js';
import { feedsRouter } from '../routers/community/feeds.js';
import { messagesRouter } from '../routers/community/messages.js';
import { moderationRouter } from '../routers/community/moderation.js';
import { followsRouter, profilesRouter } from '../routers/community/profiles.js';
import { reportsRouter } from '../routers/community/reports.js';
import { tagsRouter } from '../routers/community/tags.js';
import { worksRouter } from '../routers/community/works.js';
import { exportsRouter } from '../routers/exports.js';
import { growthRouter } from '../routers/growth.js';
import { healthRouter } from '../routers/health.js';
import { homesRouter } from '../routers/homes.js';
import { invitesRouter } from '../routers/invites.js';
import { likesRouter } from '../routers/likes.js';
import { memoriesRouter } from '../routers/memories.js';
import { milestonesRouter } from '../routers/milestones.js';
import { notificationsRouter } from '../routers/notifications.js';
import { photosRouter } from '../routers/photos.js';
import { storageRouter } from '../routers/storage.js';
import { uploadsRouter } from '../routers/uploads.js';
import { router } from './init.js';

export const appRouter = router({
  health: healthRouter,
  auth: authRouter,
  account: accountRouter,
  homes: homesRouter,
  invites: invitesRouter,
  storage: storageRouter,
  uploads: uploadsRouter,
  photos: photosRouter,
  albums: albumsRouter,
  exports: exportsRouter,
  children: childrenRouter,
  milestones: milestonesRouter,
  growth: growthRouter,
  likes: likesRouter,
  comments: commentsRouter,
  activity: activityRouter,
  memories: memoriesRouter,
  notifications: notificationsRouter,
  // 维扣图元, the community (issue 17): works, discovery and people; moderation, messages and contests beside them.
  works: worksRouter,
  feeds: feedsRouter,
  tags: tagsRouter,
  profiles: profilesRouter,
  follows: followsRouter,
  moderation: moderationRouter,
  reports: reportsRouter,
  blocks: blocksRouter,
  messages: messagesRouter,
  challenges: challengesRouter,
});

/** The only thing the client imports from the API, as a type. */
export type AppRouter = typeof appRouter;

/**
 * What a family does together around the photos: likes (赞) and comments by every role, the home's activity
 * feed (动态) with its unread badge, "那年今日" memories, and WeChat subscribe-message notifications.
 */
import { z } from 'zod';
import { zId, zPage, zPageInput } from './common.js';
import { zLocalDate } from './dates.js';
import { UTC_OFFSET_MAX_MINUTES, zPhoto } from './photos.js';

// ---- likes and comments ---------------------------------------------------------------------------------

export const LIKERS_SHOWN_MAX = 20;

/** The viewer's line under a photo: who liked it, and how many comments it has. */
export const zPhotoSocial = z.object({
  likeCount: z.number().int().nonnegative(),
  likedByMe: z.boolean(),
  /** Names of the first likers, newest first ("奶奶、爸爸 赞了"). */
  likers: z.array(z.object({ userId: zId, displayName: z.string() })).max(LIKERS_SHOWN_MAX),
  commentCount: z.number().int().nonnegative(),
});
export type PhotoSocial = z.infer<typeof zPhotoSocial>;
export const zPhotoRefInput = z.object({ photoId: zId });
export const zSetLikeInput = z.object({ photoId: zId, liked: z.boolean() });

export const COMMENT_MAX_CHARS = 500;
export const COMMENT_PAGE_MAX = 50;
/** Letters, not control characters (a newline is allowed; at most a few in a row). */
export const zCommentText = z
  .string()
  .trim()
  .min(1, 'The comment is empty')
  .max(COMMENT_MAX_CHARS, `A comment has at most ${COMMENT_MAX_CHARS} characters`)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  .refine((v) => !/[\u0000-\u0009\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(v), 'Invalid characters')
  .transform((v) => v.replace(/\n{3,}/g, '\n\n'));

export const zComment = z.object({
  id: zId,
  photoId: zId,
  authorId: zId,
  /** The author's display name; a deleted account shows as the client's "已注销" (null). */
  authorName: z.string().nullable(),
  text: z.string(),
  createdAt: z.string(),
  /** The caller wrote it, or owns the home. */
  canDelete: z.boolean(),
});
export type Comment = z.infer<typeof zComment>;
/** A photo's comments, oldest first (a conversation reads downwards), keyset paged. */
export const zListCommentsInput = zPageInput(COMMENT_PAGE_MAX, 30).unwrap().extend({ photoId: zId });
export type ListCommentsInput = z.input<typeof zListCommentsInput>;
export const zCommentPage = zPage(zComment, COMMENT_PAGE_MAX);
export type CommentPage = z.infer<typeof zCommentPage>;
export const zAddCommentInput = z.object({ photoId: zId, text: zCommentText });
export const zCommentRefInput = z.object({ commentId: zId });

// ---- the activity feed ------------------------------------------------------------------------------------

/**
 * One entry of the feed. Things one member does in a row are one entry ("妈妈上传了 12 张照片",
 * "奶奶赞了 3 张照片"): an upload batch, likes, comments, milestones, and a member joining.
 */
export const ACTIVITY_KINDS = ['upload', 'like', 'comment', 'milestone', 'join'] as const;
export const zActivityKind = z.enum(ACTIVITY_KINDS);
export type ActivityKind = z.infer<typeof zActivityKind>;
/** The photos an entry shows as its small grid. */
export const ACTIVITY_PHOTOS_SHOWN = 9;
export const ACTIVITY_PAGE_MAX = 30;

export const zActivityPhoto = zPhoto.pick({ id: true, thumbUrl: true, thumbhash: true, width: true, height: true });
export type ActivityPhoto = z.infer<typeof zActivityPhoto>;

export const zActivity = z.object({
  id: zId,
  kind: zActivityKind,
  actorId: zId,
  /** Null for a deleted account. */
  actorName: z.string().nullable(),
  /** How many things the entry groups: photos uploaded or liked, comments, milestones. */
  count: z.number().int().positive(),
  /** The first photos it concerns (still in the library, not trashed), newest first. */
  photos: z.array(zActivityPhoto).max(ACTIVITY_PHOTOS_SHOWN),
  /** The latest comment's opening words, or the milestone's title key / custom title. */
  text: z.string().nullable(),
  /** The child a milestone belongs to. */
  childName: z.string().nullable(),
  /** When the entry started and when its latest part happened (the feed is newest first by this). */
  startedAt: z.string(),
  at: z.string(),
  /** Newer than the caller's last look at the feed, and not the caller's own. */
  unread: z.boolean(),
});
export type Activity = z.infer<typeof zActivity>;
export const zListActivityInput = zPageInput(ACTIVITY_PAGE_MAX, 20);
export type ListActivityInput = z.input<typeof zListActivityInput>;
export const zActivityPage = zPage(zActivity, ACTIVITY_PAGE_MAX).extend({ urlsExpireAt: z.string() });
export type ActivityPage = z.infer<typeof zActivityPage>;
/** Entries by others since the caller last opened the feed: the tab's badge (shown as "99+" above). */
export const ACTIVITY_UNREAD_MAX = 99;
export const zActivityUnread = z.object({
  count: z
    .number()
    .int()
    .nonnegative()
    .max(ACTIVITY_UNREAD_MAX + 1),
});
export type ActivityUnread = z.infer<typeof zActivityUnread>;

// ---- "那年今日" memories ------------------------------------------------------------------------------------

export const MEMORY_PHOTOS_PER_YEAR = 6;
export const MEMORY_YEARS_MAX = 30;
export const zMemoriesInput = z.object({
  /** The device's today, and its UTC offset in minutes: "this day" is a local calendar day. */
  today: zLocalDate,
  utcOffsetMinutes: z.number().int().min(-UTC_OFFSET_MAX_MINUTES).max(UTC_OFFSET_MAX_MINUTES),
});
export type MemoriesInput = z.input<typeof zMemoriesInput>;
export const zMemories = z.object({
  /** Earlier years with photos taken on today's month and day, most recent year first. */
  years: z
    .array(
      z.object({
        year: z.number().int(),
        yearsAgo: z.number().int().positive(),
        count: z.number().int().positive(),
        photos: z.array(zPhoto).min(1).max(MEMORY_PHOTOS_PER_YEAR),
      }),
    )
    .max(MEMORY_YEARS_MAX),
  /** Children who celebrate something today (a month-birthday, a birthday, 100 days): see childOccasion. */
  occasions: z
    .array(
      z.object({
        childId: zId,
        childName: z.string(),
        kind: z.enum(['months', 'years', 'days']),
        value: z.number().int().positive(),
      }),
    )
    .max(10),
  urlsExpireAt: z.string(),
});
export type Memories = z.infer<typeof zMemories>;

// ---- notifications ------------------------------------------------------------------------------------------

/** At most one "new photos" message per member per hour. */
export const NOTIFY_MIN_INTERVAL_MINUTES = 60;
/** WeChat grants one message per accepted one-time subscription; the server keeps at most this many. */
export const NOTIFY_CREDITS_MAX = 50;
export const zNotificationSettings = z.object({
  /** WeChat subscribe messages can be sent (WeChat and a template id are configured, the caller has WeChat). */
  available: z.boolean(),
  /** The template the client asks the user to subscribe to (wx.requestSubscribeMessage). */
  templateId: z.string().nullable(),
  /** Messages still granted by the caller's accepted subscriptions in this home. */
  credits: z.number().int().nonnegative(),
});
export type NotificationSettings = z.infer<typeof zNotificationSettings>;
/** The caller accepted the template in wx.requestSubscribeMessage: one more message may be sent. */
export const zSubscribeInput = z.object({ templateId: z.string().min(1).max(128) });

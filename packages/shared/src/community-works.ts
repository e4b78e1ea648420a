/**
 * 维扣图元's works half (issue 17): publishing works from a home's photos, feeds, profiles, likes,
 * comments, follows and share cards. The vocabulary and bounds are in community.ts.
 *
 * No answer here carries a home's id, a photo's id, an album, a filename or an original's URL: a work's
 * images have their own ids (work_photos.id) and only rounded-window signed URLs of a thumb or a preview.
 */
import { z } from 'zod';
import { zId, zPage, zPageInput } from './common.js';
import {
  BIO_MAX,
  COMMUNITY_COMMENT_MAX,
  COMMUNITY_PAGE_MAX,
  normalizeTag,
  TAG_MAX,
  WORK_DESCRIPTION_MAX,
  WORK_PHOTOS_MAX,
  WORK_TAGS_MAX,
  WORK_TITLE_MAX,
  zCommunityUser,
  zContentStatus,
  zWorkStatus,
} from './community.js';
import { hasUnsafeCharacters } from './together.js';

/** A one-line text: trimmed, bounded, no control or bidirectional-override characters. */
function zLine(max: number, what: string, min = 0) {
  return z
    .string()
    .max(max * 4)
    .trim()
    .min(min, `${what} is empty`)
    .max(max, `${what} has at most ${max} characters`)
    .refine((v) => !hasUnsafeCharacters(v) && !v.includes('\n'), `${what} has characters that cannot be shown`);
}

/** A text with line breaks (description, comment, bio): runs of blank lines fold to one. */
function zText(max: number, what: string, min = 0) {
  return z
    .string()
    .max(max * 4)
    .trim()
    .min(min, `${what} is empty`)
    .max(max, `${what} has at most ${max} characters`)
    .refine((v) => !hasUnsafeCharacters(v), `${what} has characters that cannot be shown`)
    .transform((v) => v.replace(/\n{3,}/g, '\n\n'));
}

/** Tags as the author typed them; stored normalized and deduplicated, at most WORK_TAGS_MAX. */
export const zWorkTags = z
  .array(
    z
      .string()
      .max(TAG_MAX * 4)
      .transform(normalizeTag)
      .pipe(
        z
          .string()
          .min(1, 'A tag is empty')
          .max(TAG_MAX, `A tag has at most ${TAG_MAX} characters`)
          .refine((v) => !hasUnsafeCharacters(v) && !/\s/.test(v), 'A tag has characters that cannot be shown'),
      ),
  )
  .max(WORK_TAGS_MAX, `A work has at most ${WORK_TAGS_MAX} tags`)
  .transform((tags) => [...new Set(tags)]);

export const EXIF_FIELD_MAX = 60;

/** What the client read from the photo's EXIF and the author chose to show; each field optional. */
export const zWorkExif = z
  .object({
    camera: zLine(EXIF_FIELD_MAX, 'The camera').optional(),
    lens: zLine(EXIF_FIELD_MAX, 'The lens').optional(),
    focalLength: zLine(20, 'The focal length').optional(),
    aperture: zLine(20, 'The aperture').optional(),
    shutter: zLine(20, 'The shutter speed').optional(),
    iso: z.number().int().min(1).max(10_000_000).optional(),
  })
  .strict();
export type WorkExif = z.infer<typeof zWorkExif>;

export const PLACE_MAX = 60;

/** The editable facts of a work (publish and update). */
const zWorkFacts = z.object({
  title: zLine(WORK_TITLE_MAX, 'The title', 1),
  description: zText(WORK_DESCRIPTION_MAX, 'The description').default(''),
  tags: zWorkTags.default([]),
  /** Show the camera, lens and exposure below; false: nothing of `exif` is stored. */
  showExif: z.boolean().default(false),
  exif: zWorkExif.optional(),
  /** A place name, published only when the author gives one (never taken from the photo's GPS). */
  place: zLine(PLACE_MAX, 'The place').nullable().optional(),
});

export const zPublishWorkInput = zWorkFacts.extend({
  /** Photos of the home (zHomeRef's homeId) the caller uploaded, in the order shown. */
  photoIds: z
    .array(zId)
    .min(1)
    .max(WORK_PHOTOS_MAX, `A work has at most ${WORK_PHOTOS_MAX} photos`)
    .refine((ids) => new Set(ids).size === ids.length, 'A photo appears twice'),
});
export type PublishWorkInput = z.input<typeof zPublishWorkInput>;

export const zWorkRef = z.object({ workId: zId });
export const zUpdateWorkInput = zWorkFacts.extend({ workId: zId });
export type UpdateWorkInput = z.input<typeof zUpdateWorkInput>;

/** An image of a work: its own id, its size, and a signed URL (null while the author's bucket is unbound). */
export const zWorkImage = z.object({
  id: zId,
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  url: z.string().nullable(),
});
export type WorkImage = z.infer<typeof zWorkImage>;

/** A work in a feed: the first image as a thumb. */
export const zWorkCard = z.object({
  id: zId,
  title: z.string(),
  author: zCommunityUser,
  cover: zWorkImage,
  imageCount: z.number().int(),
  likeCount: z.number().int(),
  commentCount: z.number().int(),
  likedByMe: z.boolean(),
  publishedAt: z.string(),
});
export type WorkCard = z.infer<typeof zWorkCard>;

/** A work's page: its images as previews, author, counts, tags, and the EXIF and place if shown. */
export const zWork = z.object({
  id: zId,
  title: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  exif: zWorkExif.nullable(),
  place: z.string().nullable(),
  status: zWorkStatus,
  /** Why an admin rejected or hid it: only to its author. */
  reviewReason: z.string().nullable(),
  author: zCommunityUser.extend({ worksCount: z.number().int(), followersCount: z.number().int() }),
  images: z.array(zWorkImage).max(WORK_PHOTOS_MAX),
  likeCount: z.number().int(),
  commentCount: z.number().int(),
  likedByMe: z.boolean(),
  isMine: z.boolean(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Work = z.infer<typeof zWork>;

export const zFeedInput = zPageInput(COMMUNITY_PAGE_MAX, 20);
export const zTagFeedInput = zFeedInput.unwrap().extend({ tag: z.string().max(TAG_MAX * 4) });
export const zAuthorFeedInput = zFeedInput.unwrap().extend({ userId: zId });
export const zWorkPage = zPage(zWorkCard, COMMUNITY_PAGE_MAX);
export type WorkPage = z.infer<typeof zWorkPage>;

/** The caller's own works in every state (works.mine), so they see what waits for review or was refused. */
export const zMyWorkCard = zWorkCard.extend({ status: zWorkStatus, reviewReason: z.string().nullable() });
export type MyWorkCard = z.infer<typeof zMyWorkCard>;
export const zMyWorkPage = zPage(zMyWorkCard, COMMUNITY_PAGE_MAX);

export const zLikeResult = z.object({ likeCount: z.number().int(), likedByMe: z.boolean() });

/** A work's share card in WeChat: the title, a rounded-window image, and the mini-program path. */
export const zShareCard = z.object({ title: z.string(), imageUrl: z.string().nullable(), path: z.string() });
export type ShareCard = z.infer<typeof zShareCard>;

export const REPLIES_SHOWN_MAX = 20;
export const zWorkCommentInput = z.object({
  workId: zId,
  text: zText(COMMUNITY_COMMENT_MAX, 'The comment', 1),
  /** A top-level comment of the same work this replies to (one level of replies). */
  parentId: zId.optional(),
});
export const zWorkCommentRef = z.object({ commentId: zId });
export const zWorkComment = z.object({
  id: zId,
  author: zCommunityUser,
  text: z.string(),
  /** 'pending' / 'rejected' only on the caller's own comments (waiting for review, or refused). */
  status: zContentStatus,
  /** Why it was refused: only to its author. */
  reviewReason: z.string().nullable(),
  createdAt: z.string(),
  canDelete: z.boolean(),
});
export type WorkComment = z.infer<typeof zWorkComment>;
export const zCommentThread = zWorkComment.extend({
  /** The first REPLIES_SHOWN_MAX replies, oldest first. */
  replies: z.array(zWorkComment).max(REPLIES_SHOWN_MAX),
  replyCount: z.number().int(),
});
export type CommentThread = z.infer<typeof zCommentThread>;
export const zWorkCommentsInput = zFeedInput.unwrap().extend({ workId: zId });
export const zWorkCommentPage = zPage(zCommentThread, COMMUNITY_PAGE_MAX);

export const zProfile = z.object({
  user: zCommunityUser,
  bio: z.string(),
  worksCount: z.number().int(),
  followersCount: z.number().int(),
  followingCount: z.number().int(),
  likesReceived: z.number().int(),
  followedByMe: z.boolean(),
  isMe: z.boolean(),
  /**
   * The caller blocked this user: the profile answers (to unblock from it) with their name and counts but
   * not their bio, whether or not they blocked the caller too. A user who blocked the caller, not blocked
   * back, is NOT_FOUND as an account that does not exist.
   */
  blockedByMe: z.boolean(),
});
export type Profile = z.infer<typeof zProfile>;
export const zUpdateProfileInput = z.object({ bio: zText(BIO_MAX, 'The bio') });
export const zFollowListInput = zAuthorFeedInput;
export const zFollowPage = zPage(zCommunityUser, COMMUNITY_PAGE_MAX);
/**
 * The caller as the community sees them (profiles.me): what the client needs before any screen (the admin
 * entry, the suspension banner, the messages badge).
 */
export const zCommunityMe = z.object({
  user: zCommunityUser,
  isAdmin: z.boolean(),
  /** Set while suspended: the end, or null for until lifted. */
  suspension: z.object({ until: z.string().nullable(), reason: z.string() }).nullable(),
  unreadMessages: z.number().int().nonnegative(),
});
export type CommunityMe = z.infer<typeof zCommunityMe>;
export const zFollowResult = z.object({ following: z.boolean(), followersCount: z.number().int() });

/** tags.popular: at most this many tags. */
export const POPULAR_TAGS_MAX = 30;
export const zPopularTagsInput = z
  .object({ limit: z.number().int().min(1).max(POPULAR_TAGS_MAX).default(POPULAR_TAGS_MAX) })
  .default({ limit: POPULAR_TAGS_MAX });
/** The most used tags among the latest published works still showing, most used first (ties by tag). */
export const zPopularTags = z.object({
  items: z.array(z.object({ tag: z.string().max(TAG_MAX), works: z.number().int() })).max(POPULAR_TAGS_MAX),
});
export type PopularTags = z.infer<typeof zPopularTags>;

/**
 * 维扣图元, the photography community beside the family album (design.md "A photography community"). The
 * shared vocabulary both ends and both community halves (works and discovery; safety, contests and
 * messages) build on; each half adds its procedures' schemas in its own file (community-*.ts).
 *
 * The one rule: nothing of a home is public unless its uploader publishes it as a work. No community answer
 * carries a home's id, a photo's id, an album, or another member: a work's images have their own ids.
 */
import { z } from 'zod';
import { zId } from './common.js';

/**
 * A work's life: pending (pre-review: hidden until an admin approves), published, rejected (with a reason
 * the author sees), hidden (an admin took it down after publication), unpublished (its author took it
 * down; gone everywhere at once).
 */
export const WORK_STATUSES = ['pending', 'published', 'rejected', 'hidden', 'unpublished'] as const;
export const zWorkStatus = z.enum(WORK_STATUSES);
export type WorkStatus = z.infer<typeof zWorkStatus>;

/** Comments and messages: shown, waiting for review, or refused / taken down. */
export const CONTENT_STATUSES = ['visible', 'pending', 'rejected', 'hidden'] as const;
export const zContentStatus = z.enum(CONTENT_STATUSES);
export type ContentStatus = z.infer<typeof zContentStatus>;

/** What a report, a review item or a content check is about. */
export const COMMUNITY_TARGETS = ['work', 'comment', 'message', 'user'] as const;
export const zCommunityTarget = z.enum(COMMUNITY_TARGETS);
export type CommunityTarget = z.infer<typeof zCommunityTarget>;

/** The operator's choice (XIAOJIA_COMMUNITY_REVIEW): hidden until approved, or shown and reviewed after. */
export const REVIEW_MODES = ['pre', 'post'] as const;
export type ReviewMode = (typeof REVIEW_MODES)[number];

export const WORK_PHOTOS_MAX = 9;
export const WORK_TITLE_MAX = 60;
export const WORK_DESCRIPTION_MAX = 2000;
export const WORK_TAGS_MAX = 10;
export const TAG_MAX = 20;

/**
 * One tag as stored: a leading # dropped, trimmed, lower-cased (latin letters; CJK has no case). Here, not
 * in community-works.ts, so the 发现 tab's tag search (weapp main package) does not pull the works'
 * schemas out of the community's subpackages.
 */
export function normalizeTag(tag: string): string {
  return tag.trim().replace(/^#+/, '').trim().toLowerCase();
}

export const COMMUNITY_COMMENT_MAX = 500;
export const MESSAGE_MAX = 1000;
export const BIO_MAX = 200;
export const REPORT_REASON_MAX = 500;
export const COMMUNITY_PAGE_MAX = 50;

/** A community member, by id (profiles, follows, blocks, messages). */
export const zUserRef = z.object({ userId: zId });

/** How every community answer names a person: their id and display name, nothing of their homes. */
export const zCommunityUser = z.object({ userId: zId, displayName: z.string() });
export type CommunityUser = z.infer<typeof zCommunityUser>;

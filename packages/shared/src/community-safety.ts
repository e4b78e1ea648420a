/**
 * 维扣图元's safety half (issue 17): the review queue and admins, reports, blocks, private messages and
 * contests (摄影挑战). Inputs are bounded here so the server refuses malformed or huge input with BAD_INPUT
 * before any rule runs; outputs are what the client (and its scripted test server) checks answers against.
 */
import { z } from 'zod';
import { zId, zIsoTime, zPage, zPageInput } from './common.js';
import {
  COMMUNITY_PAGE_MAX,
  MESSAGE_MAX,
  REPORT_REASON_MAX,
  WORK_PHOTOS_MAX,
  WORK_TITLE_MAX,
  zCommunityTarget,
  zCommunityUser,
  zContentStatus,
} from './community.js';
import { zWorkImage } from './community-works.js';

export const MODERATION_REASON_MAX = 500;
export const CHALLENGE_RULES_MAX = 4000;
export const CHALLENGE_ENTRIES_PER_USER_MAX = 20;
/** messages.poll answers at most this many new messages at once (more: call again with its cursor). */
export const POLL_MESSAGES_MAX = 100;

const zPageIn = zPageInput(COMMUNITY_PAGE_MAX, 20);
const text = (max: number, empty: string) => z.string().trim().min(1, empty).max(max);

/**
 * What a review item or a report is about, as an admin needs to judge it: a work's title and images, or a
 * comment's or message's text. Null when the target is gone.
 */
export const zTargetPreview = z.object({
  title: z.string().nullable(),
  text: z.string(),
  images: z.array(zWorkImage).max(WORK_PHOTOS_MAX),
});
export type TargetPreview = z.infer<typeof zTargetPreview>;

// Moderation (admins only).
export const MODERATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const CHECK_STATUSES = ['none', 'pending', 'pass', 'review', 'risky', 'error'] as const;
export const zModerationQueueInput = zPageIn.unwrap().extend({
  kind: z.enum(['work', 'comment', 'message']).optional(),
  status: z.enum(MODERATION_STATUSES).default('pending'),
});
export const zModerationItem = z.object({
  id: zId,
  kind: zCommunityTarget,
  targetId: zId,
  author: zCommunityUser,
  status: z.enum(MODERATION_STATUSES),
  checkStatus: z.enum(CHECK_STATUSES),
  reason: z.string().nullable(),
  target: zTargetPreview.nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type ModerationItem = z.infer<typeof zModerationItem>;
export const zModerationQueue = zPage(zModerationItem, COMMUNITY_PAGE_MAX);
export const zModerationReason = text(MODERATION_REASON_MAX, 'Say why');
export const zModerationDecideInput = z.discriminatedUnion('decision', [
  z.object({ itemId: zId, decision: z.literal('approve') }),
  z.object({ itemId: zId, decision: z.literal('reject'), reason: zModerationReason }),
]);
export const zHideWorkInput = z.object({ workId: zId, reason: zModerationReason });
export const zSuspendInput = z.object({
  userId: zId,
  reason: zModerationReason,
  /** Absent or null: until an admin lifts it. */
  until: zIsoTime.nullable().optional(),
});

// Reports.
export const REPORT_STATUSES = ['open', 'resolved', 'dismissed'] as const;
export const zReportCreateInput = z.object({
  kind: zCommunityTarget,
  targetId: zId,
  reason: text(REPORT_REASON_MAX, 'Say what is wrong'),
});
export const zReportListInput = zPageIn.unwrap().extend({ status: z.enum(REPORT_STATUSES).default('open') });
export const zReport = z.object({
  id: zId,
  kind: zCommunityTarget,
  targetId: zId,
  reporter: zCommunityUser,
  reason: z.string(),
  target: zTargetPreview.nullable(),
  status: z.enum(REPORT_STATUSES),
  createdAt: z.string(),
  resolution: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});
export type Report = z.infer<typeof zReport>;
export const zReportPage = zPage(zReport, COMMUNITY_PAGE_MAX);
export const zReportResolveInput = z.object({
  reportId: zId,
  outcome: z.enum(['resolved', 'dismissed']),
  note: z.string().trim().max(MODERATION_REASON_MAX).optional(),
});

// Blocks.
export const zBlockedUser = zCommunityUser.extend({ blockedAt: z.string() });
export const zBlockPage = zPage(zBlockedUser, COMMUNITY_PAGE_MAX);
export const zBlockListInput = zPageIn;

// Private messages.
export const zMessageText = text(MESSAGE_MAX, 'The message is empty');
export const CONVERSATION_STATUSES = ['requested', 'active', 'declined'] as const;
export const zMessage = z.object({
  id: zId,
  conversationId: zId,
  senderId: zId,
  text: z.string(),
  /** pending: waiting for review (pre-review); rejected: refused. Both only to its sender. */
  status: zContentStatus,
  /** Why it was refused: only to its sender. */
  reviewReason: z.string().nullable(),
  createdAt: z.string(),
});
export type Message = z.infer<typeof zMessage>;
export const zConversation = z.object({
  id: zId,
  other: zCommunityUser,
  status: z.enum(CONVERSATION_STATUSES),
  /** Who asked (requests): the receiver accepts or declines. */
  requestedByMe: z.boolean(),
  lastMessage: zMessage.nullable(),
  lastMessageAt: z.string(),
  unread: z.number().int().nonnegative(),
});
export type Conversation = z.infer<typeof zConversation>;
export const zConversationPage = zPage(zConversation, COMMUNITY_PAGE_MAX);
/**
 * messages.with: the caller's conversation with one user, or null when they have none yet; blockedByMe:
 * the caller blocked them (then no conversation, as a block ends it), as profiles.get says it.
 */
export const zConversationWith = z.object({ conversation: zConversation.nullable(), blockedByMe: z.boolean() });
export const zMessageSendInput = z.object({ userId: zId, text: zMessageText });
export const zConversationRef = z.object({ conversationId: zId });
export const zConversationsInput = zPageIn;
export const zMessageListInput = zPageIn.unwrap().extend({ conversationId: zId });
export const zMessagePage = zPage(zMessage, COMMUNITY_PAGE_MAX);
export const zMessagePollInput = z.object({ cursor: z.string().max(200).optional() }).prefault({});
export const zMessagePoll = z.object({
  messages: z.array(zMessage).max(POLL_MESSAGES_MAX),
  /** Pass back on the next poll; new messages after it only. */
  cursor: z.string(),
  /** More new messages than one answer carries: poll again at once. */
  more: z.boolean(),
  unread: z.number().int().nonnegative(),
});

// Contests (摄影挑战).
const zChallengeFields = z.object({
  title: text(WORK_TITLE_MAX, 'The challenge needs a theme'),
  rules: z.string().trim().max(CHALLENGE_RULES_MAX).default(''),
  coverWorkId: zId.nullable().optional(),
  submitStartsAt: zIsoTime,
  submitEndsAt: zIsoTime,
  voteEndsAt: zIsoTime,
  entriesPerUser: z.number().int().min(1).max(CHALLENGE_ENTRIES_PER_USER_MAX).default(1),
});
export const zChallengeCreateInput = zChallengeFields;
export const zChallengeUpdateInput = zChallengeFields.partial().extend({ challengeId: zId });
export const CHALLENGE_PHASES = ['upcoming', 'submitting', 'voting', 'ended'] as const;
export const zChallenge = z.object({
  id: zId,
  title: z.string(),
  rules: z.string(),
  coverWorkId: zId.nullable(),
  /** The cover work's first image (null: none, or no longer published). */
  cover: zWorkImage.nullable(),
  submitStartsAt: z.string(),
  submitEndsAt: z.string(),
  voteEndsAt: z.string(),
  entriesPerUser: z.number().int(),
  phase: z.enum(CHALLENGE_PHASES),
  resultsAt: z.string().nullable(),
  entries: z.number().int().nonnegative(),
});
export type Challenge = z.infer<typeof zChallenge>;
export const zChallengeListInput = zPageIn.unwrap().extend({ when: z.enum(['current', 'upcoming', 'past']) });
export const zChallengePage = zPage(zChallenge, COMMUNITY_PAGE_MAX);
export const zChallengeEntry = z.object({
  workId: zId,
  title: z.string(),
  author: zCommunityUser,
  /** The work's first image as a thumb. */
  cover: zWorkImage.nullable(),
  votes: z.number().int().nonnegative(),
  /** 1 for the winners (ties share a rank); null before the results. */
  rank: z.number().int().positive().nullable(),
  votedByMe: z.boolean(),
  submittedAt: z.string(),
});
export type ChallengeEntry = z.infer<typeof zChallengeEntry>;
export const zChallengeGetInput = zPageIn.unwrap().extend({
  challengeId: zId,
  order: z.enum(['votes', 'time']).default('votes'),
});
export const zChallengeDetail = z.object({
  challenge: zChallenge,
  entries: zPage(zChallengeEntry, COMMUNITY_PAGE_MAX),
  /** The rank-1 entries once results are out (ties: several). */
  winners: z.array(zChallengeEntry).max(COMMUNITY_PAGE_MAX),
});
export const zChallengeWorkInput = z.object({ challengeId: zId, workId: zId });

// What the mutations answer (each router declares its .output()).
export const zModerationDecision = z.object({ status: z.enum(['approved', 'rejected']) });
export const zSuspension = z.object({ until: z.string().nullable() });
export const zSuspensionLifted = z.object({ lifted: z.boolean() });
export const zReportCreated = z.object({ id: zId, created: z.boolean() });
export const zUnblocked = z.object({ unblocked: z.boolean() });
export const zChallengeEntered = z.object({ entered: z.boolean() });
export const zChallengeVote = z.object({ votes: z.number().int().nonnegative(), voted: z.boolean() });

/**
 * 维扣图元's answers for screen tests, shaped as the API gives them (screen.tsx checks them against the
 * schemas): works, feeds and profiles; then messages, blocks, challenges and review.
 */
import type {
  Challenge,
  ChallengeEntry,
  CommentThread,
  CommunityMe,
  Conversation,
  Message,
  ModerationItem,
  MyWorkCard,
  Profile,
  Report,
  Work,
  WorkCard,
  WorkComment,
} from '@xiaojia/shared';
import { id } from './ids';

export const AT = '2026-06-01T08:00:00.000Z';

export const person = (label: string, displayName: string) => ({ userId: id(label), displayName });

export const ALICE = { userId: id('alice'), displayName: 'Alice' };
export const BOB = { userId: id('bob'), displayName: 'Bob' };

export function image(label: string, width = 400, height = 600) {
  return { id: id(label), width, height, url: `https://cdn.example.com/${label}.webp` };
}

export function workCard(label: string, overrides: Partial<WorkCard> = {}): WorkCard {
  return {
    id: id(label),
    title: `Work ${label}`,
    author: ALICE,
    cover: image(`i${label}`),
    imageCount: 1,
    likeCount: 3,
    commentCount: 1,
    likedByMe: false,
    publishedAt: AT,
    ...overrides,
  };
}

export function myWorkCard(label: string, overrides: Partial<MyWorkCard> = {}): MyWorkCard {
  return { ...workCard(label), status: 'published', reviewReason: null, ...overrides };
}

export function work(label: string, overrides: Partial<Work> = {}): Work {
  return {
    id: id(label),
    title: `Work ${label}`,
    description: 'Morning light on the lake',
    tags: ['autumn', '湖'],
    exif: null,
    place: null,
    status: 'published',
    reviewReason: null,
    author: { ...ALICE, worksCount: 4, followersCount: 10 },
    images: [image(`i${label}`), image(`j${label}`, 600, 400)],
    likeCount: 3,
    commentCount: 0,
    likedByMe: false,
    isMine: false,
    publishedAt: AT,
    createdAt: AT,
    ...overrides,
  };
}

export function comment(label: string, overrides: Partial<WorkComment> = {}): WorkComment {
  return {
    id: id(label),
    author: BOB,
    text: `comment ${label}`,
    status: 'visible',
    reviewReason: null,
    createdAt: AT,
    canDelete: false,
    ...overrides,
  };
}

export function thread(
  label: string,
  replies: WorkComment[] = [],
  overrides: Partial<WorkComment> = {},
): CommentThread {
  return { ...comment(label, overrides), replies, replyCount: replies.length };
}

export function profile(user = ALICE, overrides: Partial<Profile> = {}): Profile {
  return {
    user,
    bio: 'Lakes and mornings',
    worksCount: 4,
    followersCount: 10,
    followingCount: 2,
    likesReceived: 30,
    followedByMe: false,
    isMe: false,
    blockedByMe: false,
    ...overrides,
  };
}

export function communityMe(overrides: Partial<CommunityMe> = {}): CommunityMe {
  return { user: BOB, isAdmin: false, suspension: null, unreadMessages: 0, ...overrides };
}

export function message(
  label: string,
  conversationId: string,
  senderId: string,
  text: string,
  extra: Partial<Message> = {},
): Message {
  return {
    id: id(label),
    conversationId,
    senderId,
    text,
    status: 'visible',
    reviewReason: null,
    createdAt: AT,
    ...extra,
  };
}

export function conversation(
  label: string,
  other: { userId: string; displayName: string },
  extra: Partial<Conversation> = {},
): Conversation {
  return {
    id: id(label),
    other,
    status: 'active',
    requestedByMe: false,
    lastMessage: null,
    lastMessageAt: AT,
    unread: 0,
    ...extra,
  };
}

export function challenge(label: string, phase: Challenge['phase'], extra: Partial<Challenge> = {}): Challenge {
  return {
    id: id(label),
    title: `主题 ${label}`,
    rules: '一人一张，必须是自己拍的',
    coverWorkId: null,
    cover: null,
    submitStartsAt: '2026-05-25T00:00:00.000Z',
    submitEndsAt: '2026-06-03T11:00:00.000Z',
    voteEndsAt: '2026-06-10T00:00:00.000Z',
    entriesPerUser: 2,
    phase,
    resultsAt: phase === 'ended' ? '2026-06-10T00:00:00.000Z' : null,
    entries: 0,
    ...extra,
  };
}

export function entry(
  label: string,
  author: { userId: string; displayName: string },
  extra: Partial<ChallengeEntry> = {},
): ChallengeEntry {
  return {
    workId: id(label),
    title: `作品 ${label}`,
    author,
    cover: image(label),
    votes: 0,
    rank: null,
    votedByMe: false,
    submittedAt: AT,
    ...extra,
  };
}

export function moderationItem(
  label: string,
  kind: ModerationItem['kind'],
  extra: Partial<ModerationItem> = {},
): ModerationItem {
  return {
    id: id(label),
    kind,
    targetId: id(`t${label}`),
    author: person('a1', '阿明'),
    status: 'pending',
    checkStatus: 'review',
    reason: null,
    target: { title: null, text: '', images: [] },
    createdAt: AT,
    decidedAt: null,
    ...extra,
  };
}

export function report(label: string, kind: Report['kind'], extra: Partial<Report> = {}): Report {
  return {
    id: id(label),
    kind,
    targetId: id(`t${label}`),
    reporter: person('r1', '小红'),
    reason: '骚扰',
    target: { title: null, text: '', images: [] },
    status: 'open',
    createdAt: AT,
    resolution: null,
    resolvedAt: null,
    ...extra,
  };
}

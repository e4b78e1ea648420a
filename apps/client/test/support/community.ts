/** Community answers for screen tests (messages, blocks, challenges, review), as the API gives them. */
import type {
  Challenge,
  ChallengeEntry,
  CommunityMe,
  Conversation,
  Message,
  ModerationItem,
  MyWorkCard,
  Report,
} from '@xiaojia/shared';
import { id } from './ids';

export const AT = '2026-06-01T08:00:00.000Z';

export const person = (label: string, displayName: string) => ({ userId: id(label), displayName });

export function communityMe(isAdmin: boolean, overrides: Partial<CommunityMe> = {}): CommunityMe {
  return { user: person('me', '我'), isAdmin, suspension: null, unreadMessages: 0, ...overrides };
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

export const image = (label: string) => ({
  id: id(label),
  width: 400,
  height: 300,
  url: `https://img.example.com/${label}.webp`,
});

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

export function myWork(label: string, status: MyWorkCard['status']): MyWorkCard {
  return {
    id: id(label),
    title: `我的 ${label}`,
    author: person('me', '我'),
    cover: image(label),
    imageCount: 1,
    likeCount: 0,
    commentCount: 0,
    likedByMe: false,
    publishedAt: AT,
    status,
    reviewReason: null,
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

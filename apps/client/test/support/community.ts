/** 维扣图元's answers for screen tests, shaped as the API gives them (screen.tsx checks them against the schemas). */
import type { CommentThread, CommunityMe, MyWorkCard, Profile, Work, WorkCard, WorkComment } from '@xiaojia/shared';
import { id } from './ids';

export const ALICE = { userId: id('alice'), displayName: 'Alice' };
export const BOB = { userId: id('bob'), displayName: 'Bob' };

const AT = '2026-05-01T08:00:00.000Z';

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
    ...overrides,
  };
}

export function communityMe(user = BOB, overrides: Partial<CommunityMe> = {}): CommunityMe {
  return { user, isAdmin: false, suspension: null, unreadMessages: 0, ...overrides };
}

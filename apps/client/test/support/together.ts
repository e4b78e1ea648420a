/**
 * For screen tests of likes, comments and the feed: the answers the API gives (each held to its shared
 * schema by the scripted server), and a small in-memory family that likes and comments like the server.
 */
import type { Activity, Comment, Me, PhotoSocial } from '@xiaojia/shared';
import { id } from './ids';
import { type Answer, appError, pagedAnswer } from './screen';

export const MAMA = { id: id('mama'), displayName: '妈妈' };
export const NAINAI = { id: id('nainai'), displayName: '奶奶' };
export const BABA = { id: id('baba'), displayName: '爸爸' };

/** auth.me's answer for one of the family. */
export function meOf(person: { id: string; displayName: string }): Me {
  return {
    id: person.id,
    username: null,
    displayName: person.displayName,
    hasPassword: false,
    wechatLinked: true,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

export function comment(
  label: string,
  author: { id: string; displayName: string } | null,
  text: string,
  over: Partial<Comment> = {},
): Comment {
  return {
    id: id(label),
    photoId: id('p1'),
    authorId: author?.id ?? id('gone'),
    authorName: author?.displayName ?? null,
    text,
    createdAt: '2026-05-03T06:00:00.000Z',
    canDelete: false,
    ...over,
  };
}

export function activity(label: string, over: Partial<Activity> = {}): Activity {
  return {
    id: id(label),
    kind: 'upload',
    actorId: MAMA.id,
    actorName: MAMA.displayName,
    count: 1,
    photos: [],
    text: null,
    childName: null,
    startedAt: '2026-05-03T06:00:00.000Z',
    at: '2026-05-03T06:00:00.000Z',
    unread: false,
    ...over,
  };
}

export interface FakeSocial {
  /** Who liked each photo, newest first. */
  likes: Map<string, { userId: string; displayName: string }[]>;
  comments: Comment[];
  /** The next likes.set / comments.add / comments.delete fails with this code (once). */
  failNext: string | null;
  answers: Record<string, Answer>;
}

/**
 * likes.* and comments.* of one home as `me` sees them: likes toggle, comments are added at the end and
 * deleted where `canDelete` (the owner: any, else one's own; as the server decides it).
 */
export function fakeSocial(me: { id: string; displayName: string }, isOwner: boolean): FakeSocial {
  const state: FakeSocial = { likes: new Map(), comments: [], failNext: null, answers: {} };
  const failing = () => {
    const code = state.failNext;
    state.failNext = null;
    if (code) throw appError(code);
  };
  const canDelete = (c: Comment) => isOwner || c.authorId === me.id;
  const line = (photoId: string): PhotoSocial => {
    const likers = state.likes.get(photoId) ?? [];
    return {
      likeCount: likers.length,
      likedByMe: likers.some((liker) => liker.userId === me.id),
      likers: likers.slice(0, 20),
      commentCount: state.comments.filter((c) => c.photoId === photoId).length,
    };
  };
  const photoComments = (input: unknown) => {
    const { photoId } = input as { photoId: string };
    return state.comments.filter((c) => c.photoId === photoId).map((c) => ({ ...c, canDelete: canDelete(c) }));
  };
  let added = 0;
  state.answers = {
    'auth.me': () => meOf(me),
    'likes.forPhoto': (input) => line((input as { photoId: string }).photoId),
    'likes.set': (input) => {
      failing();
      const { photoId, liked } = input as { photoId: string; liked: boolean };
      const others = (state.likes.get(photoId) ?? []).filter((liker) => liker.userId !== me.id);
      state.likes.set(photoId, liked ? [{ userId: me.id, displayName: me.displayName }, ...others] : others);
      return line(photoId);
    },
    'comments.list': (input) => ({ ...(pagedAnswer(() => photoComments(input))(input) as object) }),
    'comments.add': (input) => {
      failing();
      const { photoId, text } = input as { photoId: string; text: string };
      added += 1;
      const made = comment(`new${added}`, me, text, { photoId, createdAt: '2026-05-03T08:00:00.000Z' });
      state.comments.push(made);
      return { ...made, canDelete: true };
    },
    'comments.delete': (input) => {
      failing();
      const { commentId } = input as { commentId: string };
      const found = state.comments.find((c) => c.id === commentId);
      if (!found) throw appError('NOT_FOUND');
      if (!canDelete(found)) throw appError('COMMENT_NOT_YOURS');
      state.comments = state.comments.filter((c) => c.id !== commentId);
      return { count: 1 };
    },
  };
  return state;
}

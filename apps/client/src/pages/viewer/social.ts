/** The viewer's like line as words, and as it looks the moment the user taps 赞 (before the server answers). */
import { LIKERS_SHOWN_MAX, type PhotoSocial } from '@xiaojia/shared';
import type { Translate } from '../../i18n';

/** Names written out before "等 N 人" (the line stays one line on a phone). */
export const LIKERS_NAMED = 3;

/** "奶奶、爸爸 赞了", "奶奶、爸爸、妈妈 等 5 人赞了"; null when nobody liked it. */
export function likersLine(social: PhotoSocial, t: Translate): string | null {
  if (social.likeCount === 0) return null;
  const names = social.likers
    .slice(0, LIKERS_NAMED)
    .map((liker) => liker.displayName || t('social.deletedAccount'))
    .join(t('social.nameSeparator'));
  if (!names) return null;
  return social.likeCount > Math.min(social.likers.length, LIKERS_NAMED)
    ? t('social.likersMore', { names, count: social.likeCount })
    : t('social.likers', { names });
}

export interface Me {
  id: string;
  displayName: string;
}

/** The line after `me` liked (or unliked) the photo: the count, the flag, and `me` first among the likers. */
export function withMyLike(social: PhotoSocial, me: Me, liked: boolean): PhotoSocial {
  if (social.likedByMe === liked) return social;
  const others = social.likers.filter((liker) => liker.userId !== me.id);
  return {
    ...social,
    likedByMe: liked,
    likeCount: Math.max(0, social.likeCount + (liked ? 1 : -1)),
    likers: liked ? [{ userId: me.id, displayName: me.displayName }, ...others].slice(0, LIKERS_SHOWN_MAX) : others,
  };
}

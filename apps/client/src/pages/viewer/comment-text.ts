/** A comment being typed, checked as the server will check it (zCommentText), with the user's reason. */
import { COMMENT_MAX_CHARS, zCommentText } from '@xiaojia/shared';
import type { Translate } from '../../i18n';

export type CheckedComment = { ok: true; text: string } | { ok: false; message: string };

/** The draft's length as the limit counts it (trimmed, UTF-16 units like zod's max). */
export const commentLength = (draft: string): number => draft.trim().length;

export function checkComment(draft: string, t: Translate): CheckedComment {
  const parsed = zCommentText.safeParse(draft);
  if (parsed.success) return { ok: true, text: parsed.data };
  const length = commentLength(draft);
  if (length === 0) return { ok: false, message: t('comments.empty.text') };
  if (length > COMMENT_MAX_CHARS) return { ok: false, message: t('comments.tooLong', { max: COMMENT_MAX_CHARS }) };
  return { ok: false, message: t('comments.invalid') };
}

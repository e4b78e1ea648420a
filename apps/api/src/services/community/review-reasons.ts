/**
 * Why one's own comment or message was refused (reviewReason): only its writer is ever told, and only
 * for what is refused (rejected, hidden); everyone else never sees refused content at all (the
 * repositories' queries show it to its writer only). One query per page, whatever its size.
 */
import type { Db } from '../../db/index.js';
import { ModerationRepository } from '../../repositories/community/moderation.js';

const REFUSED: ReadonlySet<string> = new Set(['rejected', 'hidden']);

export interface Reviewed {
  id: string;
  status: string;
  /** The writer: the comment's author, the message's sender. */
  ownerId: string;
}

/** The reasons `viewerId` may read among `rows` (their own refused ones), by row id. */
export async function reviewReasonsFor(
  db: Db,
  kind: 'comment' | 'message',
  viewerId: string,
  rows: readonly Reviewed[],
): Promise<Map<string, string>> {
  const own = rows.filter((r) => r.ownerId === viewerId && REFUSED.has(r.status)).map((r) => r.id);
  return new ModerationRepository(db).refusalReasons(kind, own);
}

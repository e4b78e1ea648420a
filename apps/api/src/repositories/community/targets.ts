/**
 * What review items and reports are about, for an admin to judge them: a page's targets of one kind in one
 * query (by primary key), whatever their state (an admin sees refused and pending content too). A target
 * that is gone is simply absent.
 */
import type { Db } from '../../db/index.js';

export class TargetsRepository {
  constructor(private readonly db: Db) {}

  works(ids: readonly string[]) {
    return this.some(ids, () =>
      this.db
        .selectFrom('works')
        .select(['id', 'title', 'description as text'])
        .where('id', 'in', [...ids])
        .execute(),
    );
  }

  /** Comments' or messages' texts. */
  texts(kind: 'comment' | 'message', ids: readonly string[]) {
    const table = kind === 'comment' ? 'work_comments' : 'messages';
    return this.some(ids, () =>
      this.db
        .selectFrom(table)
        .select(['id', 'text'])
        .where('id', 'in', [...ids])
        .execute(),
    );
  }

  /** A user's display name and bio (empty until they write one). */
  users(ids: readonly string[]) {
    return this.some(ids, () =>
      this.db
        .selectFrom('users')
        .leftJoin('community_profiles', 'community_profiles.user_id', 'users.id')
        .select(['users.id', 'users.display_name', 'community_profiles.bio'])
        .where('users.id', 'in', [...ids])
        .execute(),
    );
  }

  private async some<R>(ids: readonly string[], load: () => Promise<R[]>): Promise<R[]> {
    return ids.length === 0 ? [] : load();
  }
}

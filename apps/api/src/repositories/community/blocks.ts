/** blocks: who blocked whom; a block hides each from the other in messages. */
import type { Db } from '../../db/index.js';
import { pastKeyset } from '../keyset.js';
import type { Keyset } from '../photo-scope.js';

export class BlocksRepository {
  constructor(private readonly db: Db) {}

  async block(blockerId: string, blockedId: string, at: string): Promise<void> {
    await this.db
      .insertInto('blocks')
      .values({ blocker_id: blockerId, blocked_id: blockedId, created_at: at })
      .onConflict((oc) => oc.columns(['blocker_id', 'blocked_id']).doNothing())
      .execute();
  }

  async unblock(blockerId: string, blockedId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('blocks')
      .where('blocker_id', '=', blockerId)
      .where('blocked_id', '=', blockedId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Whether either of the two has blocked the other. */
  async between(a: string, b: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('blocks')
      .select('blocker_id')
      .where((eb) =>
        eb.or([
          eb.and([eb('blocker_id', '=', a), eb('blocked_id', '=', b)]),
          eb.and([eb('blocker_id', '=', b), eb('blocked_id', '=', a)]),
        ]),
      )
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Whom `blockerId` blocked, newest first. */
  page(blockerId: string, limit: number, after?: Keyset) {
    let query = this.db
      .selectFrom('blocks as b')
      .innerJoin('users as u', 'u.id', 'b.blocked_id')
      .select(['b.blocked_id', 'b.created_at', 'u.display_name'])
      .where('b.blocker_id', '=', blockerId);
    if (after) query = query.where((eb) => pastKeyset(eb, { sort: 'b.created_at', id: 'b.blocked_id' }, after, 'desc'));
    return query.orderBy('b.created_at', 'desc').orderBy('b.blocked_id', 'desc').limit(limit).execute();
  }
}

/**
 * blocks: who blocked whom. A block, either way, hides each from the other everywhere (feeds, works,
 * comments, profiles, follow lists, contest entries, messages): every query that shows a person's content
 * to a viewer adds `notBlocked`, the one condition for it.
 */
import type { AliasableExpression, Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Db } from '../../db/index.js';
import type { Database } from '../../db/schema.js';
import { pastKeyset } from '../keyset.js';
import type { Keyset } from '../photo-scope.js';

/**
 * Neither of `a` and `b` (a viewer's id as eb.val, a user column as eb.ref) has blocked the other: two NOT
 * EXISTS, each one probe of blocks_pk (blocker_id, blocked_id) per row, so a viewer without blocks pays
 * two empty index seeks a row and nothing is scanned.
 */
export function notBlocked<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  a: Expression<string>,
  b: Expression<string>,
): Expression<SqlBool> {
  const e = eb as unknown as ExpressionBuilder<Database, never>;
  return e.and([e.not(hasBlocked(eb, a, b)), e.not(hasBlocked(eb, b, a))]);
}

/** `blocker` has blocked `blocked` (one probe of blocks_pk): one direction of notBlocked. */
export function hasBlocked<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  blocker: Expression<string>,
  blocked: Expression<string>,
): AliasableExpression<SqlBool> {
  const e = eb as unknown as ExpressionBuilder<Database, never>;
  return e.exists(
    e
      .selectFrom('blocks as blk')
      .select('blk.blocker_id')
      .where('blk.blocker_id', '=', blocker)
      .where('blk.blocked_id', '=', blocked),
  );
}

/**
 * notBlocked for a query that tests many users against one viewer (the following feed's followees): the
 * viewer's blocks either way as two sets, each read once (blocks_pk's prefix, blocks_blocked) and then
 * probed in memory per row, instead of two B-tree probes per row.
 */
export function outsideBlocksOf<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  viewerId: string,
  user: Expression<string>,
): Expression<SqlBool> {
  const e = eb as unknown as ExpressionBuilder<Database, never>;
  return e.and([
    e(user, 'not in', e.selectFrom('blocks as bs').select('bs.blocked_id').where('bs.blocker_id', '=', viewerId)),
    e(user, 'not in', e.selectFrom('blocks as bs').select('bs.blocker_id').where('bs.blocked_id', '=', viewerId)),
  ]);
}

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

  /** Whether `blockerId` has blocked `blockedId` (one direction only). */
  async has(blockerId: string, blockedId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('blocks')
      .select('blocker_id')
      .where('blocker_id', '=', blockerId)
      .where('blocked_id', '=', blockedId)
      .executeTakeFirst();
    return row !== undefined;
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

/** children, scoped to one home. A child's milestones and growth records go with it (deleteWithRecords). */
import { type Db, dialectOf, inTransaction } from '../db/index.js';
import type { Child, ChildrenTable } from '../db/schema.js';

export type ChildPatch = Partial<Pick<ChildrenTable, 'name' | 'birthday' | 'sex' | 'avatar_photo_id'>>;

export class ChildrenRepository {
  constructor(private readonly db: Db) {}

  /** The home's children, oldest first (by birthday, then id): at most CHILDREN_PER_HOME_MAX rows. */
  list(homeId: string): Promise<Child[]> {
    return this.db
      .selectFrom('children')
      .selectAll()
      .where('home_id', '=', homeId)
      .orderBy('birthday')
      .orderBy('id')
      .execute();
  }

  byId(homeId: string, id: string): Promise<Child | undefined> {
    return this.db
      .selectFrom('children')
      .selectAll()
      .where('home_id', '=', homeId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /**
   * Inside a transaction that counts toward a limit and then inserts: on PostgreSQL, holds the row lock of
   * the home (or of one child) until it ends, so two such requests take turns instead of both seeing room
   * for one more. SQLite needs nothing: its write transactions already take turns (BEGIN IMMEDIATE).
   */
  async lockForLimit(homeId: string, childId?: string): Promise<void> {
    if (dialectOf(this.db) !== 'postgres') return;
    if (childId) {
      await this.db
        .selectFrom('children')
        .select('id')
        .where('home_id', '=', homeId)
        .where('id', '=', childId)
        .forUpdate()
        .execute();
    } else {
      await this.db.selectFrom('homes').select('id').where('id', '=', homeId).forUpdate().execute();
    }
  }

  async count(homeId: string): Promise<number> {
    const row = await this.db
      .selectFrom('children')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('home_id', '=', homeId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async insert(child: ChildrenTable): Promise<void> {
    await this.db.insertInto('children').values(child).execute();
  }

  async update(homeId: string, id: string, patch: ChildPatch, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('children')
      .set({ ...patch, updated_at: now })
      .where('home_id', '=', homeId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * The child, its milestones and its growth records, in one transaction (the photos they name stay).
   * Spelled out rather than left to the child_id cascade, so it reads as what it does on both databases.
   */
  deleteWithRecords(homeId: string, id: string): Promise<boolean> {
    return inTransaction(this.db, async (trx) => {
      await trx.deleteFrom('milestones').where('child_id', '=', id).where('home_id', '=', homeId).execute();
      await trx.deleteFrom('growth_records').where('child_id', '=', id).where('home_id', '=', homeId).execute();
      const result = await trx
        .deleteFrom('children')
        .where('home_id', '=', homeId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }
}

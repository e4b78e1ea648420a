/**
 * What a child's milestones and growth records have in common, written once: both belong to one child of
 * one home, are counted toward a per-child limit, and are changed or deleted by id within the home.
 */
import { type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { Db } from '../db/index.js';
import type { Database } from '../db/schema.js';

export type ChildRecordTable = 'milestones' | 'growth_records';

/** The columns both tables have, which is all these queries touch. */
interface ChildRecordColumns {
  id: string;
  home_id: string;
  child_id: string;
  date: string;
}

const records = (db: Db) => db as unknown as Kysely<Record<ChildRecordTable, ChildRecordColumns>>;

export class ChildRecords<T extends ChildRecordTable> {
  /** The table, as the queries below see it: by the columns both have. */
  private readonly table: ChildRecordTable;

  constructor(
    private readonly db: Db,
    table: T,
  ) {
    this.table = table;
  }

  /** Every record of these children, each child's in date order (through the (child_id, date, id) index). */
  async ofChildren(homeId: string, childIds: readonly string[]): Promise<Selectable<Database[T]>[]> {
    if (childIds.length === 0) return [];
    const rows = await records(this.db)
      .selectFrom(this.table)
      .selectAll()
      .where('child_id', 'in', [...childIds])
      .where('home_id', '=', homeId)
      .orderBy('child_id')
      .orderBy('date')
      .orderBy('id')
      .execute();
    // selectAll read every column of the table `T` names, which the common type does not spell out.
    return rows as unknown as Selectable<Database[T]>[];
  }

  /**
   * A record of the child on `date` whose other `columns` hold exactly these values (null matching null),
   * if any: the one an add that arrives twice (a double tap, a retried request) would copy.
   */
  async sameAs(
    homeId: string,
    childId: string,
    date: string,
    columns: Partial<Record<keyof Database[T] & string, string | number | null>>,
  ): Promise<string | undefined> {
    let q = records(this.db)
      .selectFrom(this.table)
      .select('id')
      .where('child_id', '=', childId)
      .where('date', '=', date)
      .where('home_id', '=', homeId);
    for (const [column, value] of Object.entries(columns)) {
      q = q.where((eb) => (value === null ? eb(sql.ref(column), 'is', null) : eb(sql.ref(column), '=', value)));
    }
    return (await q.orderBy('id').limit(1).executeTakeFirst())?.id;
  }

  async countOfChild(homeId: string, childId: string): Promise<number> {
    const row = await records(this.db)
      .selectFrom(this.table)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('child_id', '=', childId)
      .where('home_id', '=', homeId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Sets `patch` on the record if it is the home's; false when there is no such record there. */
  async update(homeId: string, id: string, patch: Updateable<ChildRecordColumns>): Promise<boolean> {
    const result = await records(this.db)
      .updateTable(this.table)
      .set(patch)
      .where('home_id', '=', homeId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async delete(homeId: string, id: string): Promise<boolean> {
    const result = await records(this.db)
      .deleteFrom(this.table)
      .where('home_id', '=', homeId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

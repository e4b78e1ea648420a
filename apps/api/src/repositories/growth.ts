/** growth_records, scoped to one home: a child's height, weight and head circumference by day. */
import type { Db } from '../db/index.js';
import type { GrowthRecord, GrowthRecordsTable } from '../db/schema.js';
import { ChildRecords } from './child-records.js';

export type GrowthPatch = Partial<Pick<GrowthRecordsTable, 'date' | 'height_cm' | 'weight_kg' | 'head_cm'>>;

export class GrowthRepository {
  private readonly records: ChildRecords<'growth_records'>;

  constructor(private readonly db: Db) {
    this.records = new ChildRecords(db, 'growth_records');
  }

  /** See ChildRecords.sameAs: the record a repeated add would copy. */
  sameAs(...args: Parameters<ChildRecords<'growth_records'>['sameAs']>): Promise<string | undefined> {
    return this.records.sameAs(...args);
  }

  countOfChild(homeId: string, childId: string): Promise<number> {
    return this.records.countOfChild(homeId, childId);
  }

  update(homeId: string, id: string, patch: GrowthPatch): Promise<boolean> {
    return this.records.update(homeId, id, patch);
  }

  delete(homeId: string, id: string): Promise<boolean> {
    return this.records.delete(homeId, id);
  }

  /** A child's records, oldest first (by day, then id), at most `limit`. */
  ofChild(homeId: string, childId: string, limit: number): Promise<GrowthRecord[]> {
    return this.db
      .selectFrom('growth_records')
      .selectAll()
      .where('child_id', '=', childId)
      .where('home_id', '=', homeId)
      .orderBy('date')
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  byId(homeId: string, id: string): Promise<GrowthRecord | undefined> {
    return this.db
      .selectFrom('growth_records')
      .selectAll()
      .where('home_id', '=', homeId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** The child's earliest record's day, if any: a birthday may not move after it. */
  async firstDate(homeId: string, childId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('growth_records')
      .select('date')
      .where('child_id', '=', childId)
      .where('home_id', '=', homeId)
      .orderBy('date')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    return row?.date ?? null;
  }

  async insert(record: GrowthRecordsTable): Promise<void> {
    await this.db.insertInto('growth_records').values(record).execute();
  }
}

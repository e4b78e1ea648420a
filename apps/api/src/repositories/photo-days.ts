/**
 * How many photos a list holds on each local calendar day (photos.buckets): one GROUP BY over the scope's
 * rows, read from the covering index photos_day_counts (migration 0004) without touching the table.
 */
import { type RawBuilder, sql } from 'kysely';
import { type Db, dialectOf } from '../db/index.js';
import { inScope, type PhotoScope } from './photo-scope.js';

export interface DayCount {
  /** YYYY-MM-DD, local to the offset asked for. */
  day: string;
  count: number;
}

/**
 * The calendar day of sort_at at `utcOffsetMinutes` east of UTC, as YYYY-MM-DD. sort_at is ISO-8601 UTC
 * text on both databases ('2024-05-01T16:30:00.000Z', from toISOString), so it is read as an instant in
 * UTC, shifted by the offset, and its date taken: the day a device at that offset shows it on.
 */
function localDay(db: Db, utcOffsetMinutes: number): RawBuilder<string> {
  if (dialectOf(db) === 'postgres') {
    // text -> timestamptz (the 'Z' says UTC) -> wall clock in UTC -> shifted -> its date.
    return sql<string>`to_char((photos.sort_at::timestamptz at time zone 'UTC') + make_interval(mins => ${utcOffsetMinutes}), 'YYYY-MM-DD')`;
  }
  // SQLite's date() reads the trailing 'Z' as UTC and applies the modifier ('480 minutes', '-300 minutes').
  return sql<string>`date(photos.sort_at, ${`${utcOffsetMinutes} minutes`})`;
}

export class PhotoDaysRepository {
  constructor(private readonly db: Db) {}

  /** The scope's photos counted per local day, newest day first; days without photos are left out. */
  async countsByDay(scope: PhotoScope, utcOffsetMinutes: number): Promise<DayCount[]> {
    const rows = await inScope(this.db.selectFrom('photos'), scope)
      .select((eb) => [localDay(this.db, utcOffsetMinutes).as('day'), eb.fn.countAll<number>().as('n')])
      .groupBy('day')
      .orderBy('day', 'desc')
      .execute();
    return rows.map((r) => ({ day: r.day, count: Number(r.n) }));
  }
}

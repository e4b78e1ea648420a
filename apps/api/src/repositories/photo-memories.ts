/**
 * "那年今日": a home's live photos on given local days of earlier years. Each day is a window of sort_at
 * (ISO-8601 UTC text, as photos.list since/until compare it), read through photos_timeline: one statement
 * for all the years, each part seeking its own window and keeping a few photos plus the window's count.
 * The cost is the photos of those days, never the library.
 */
import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import type { Photo } from '../db/schema.js';

/** A local calendar day as UTC instants: since <= sort_at < until. */
export interface DayWindow {
  since: string;
  until: string;
}

export interface MemoryPhotoRow extends Photo {
  /** How many live photos the row's window holds in all. */
  day_count: number;
}

export class PhotoMemoriesRepository {
  constructor(private readonly db: Db) {}

  private live(homeId: string) {
    return this.db
      .selectFrom('photos')
      .where('photos.home_id', '=', homeId)
      .where('photos.deleted_at', 'is', null)
      .where('photos.purge_requested_at', 'is', null);
  }

  /** When the home's oldest live photo was taken: no memory can be older. */
  async oldestSortAt(homeId: string): Promise<string | null> {
    const row = await this.live(homeId)
      .select('photos.sort_at')
      .orderBy('photos.sort_at')
      .orderBy('photos.id')
      .limit(1)
      .executeTakeFirst();
    return row?.sort_at ?? null;
  }

  /**
   * For each window, its newest `perWindow` live photos (the timeline's order) and its count, in one
   * statement: a UNION ALL of one part per window, each wrapped as a derived table so its ORDER BY and
   * LIMIT stay its own on both engines. The caller tells the windows' rows apart by sort_at.
   */
  async inWindows(homeId: string, windows: readonly DayWindow[], perWindow: number): Promise<MemoryPhotoRow[]> {
    const parts = windows.map((w, i) =>
      this.db
        .selectFrom(
          this.live(homeId)
            .selectAll('photos')
            .select(sql<number | string>`count(*) over ()`.as('day_count'))
            .where('photos.sort_at', '>=', w.since)
            .where('photos.sort_at', '<', w.until)
            .orderBy('photos.sort_at', 'desc')
            .orderBy('photos.id', 'desc')
            .limit(perWindow)
            .as(`day${i}`),
        )
        .selectAll(),
    );
    const [first, ...rest] = parts;
    if (!first) return [];
    const rows = await rest.reduce((q, part) => q.unionAll(part), first).execute();
    return rows.map((row) => ({ ...row, day_count: Number(row.day_count) }));
  }
}

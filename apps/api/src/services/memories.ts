/**
 * "那年今日" (memories.today): the home's photos taken on today's month and day in earlier years, and
 * the children's occasions today (a month-birthday, a birthday, 100 days: childOccasion, shared with the
 * client). "Today" and "on that day" are the device's local calendar days, at its UTC offset, by the same
 * rule as photos.buckets and photos.list since/until: a photo is on day D when its instant falls within
 * D's local midnight to the next.
 *
 * 29 February: in a common year, 28 February shows each earlier leap year's 28 and 29 February together,
 * as a child born on the 29th has its birthday on the 28th then (dates.ts addMonths); on a 29 February, the
 * common years in between have no such day and show nothing for it (their 28th showed the day before).
 */
import {
  childOccasion,
  daysInMonth,
  formatLocalDate,
  localDateAt,
  MEMORY_PHOTOS_PER_YEAR,
  MEMORY_YEARS_MAX,
  type Memories,
  type MemoriesInput,
  parseLocalDate,
  zMemoriesInput,
} from '@xiaojia/shared';
import { AppError } from '../errors.js';
import { ChildrenRepository } from '../repositories/children.js';
import { type DayWindow, type MemoryPhotoRow, PhotoMemoriesRepository } from '../repositories/photo-memories.js';
import type { AppDeps } from '../trpc/context.js';
import type { HomeMember } from './home-access.js';
import { PhotoViews } from './photo-views.js';

const DAY_MS = 86_400_000;

interface YearWindow extends DayWindow {
  year: number;
}

const isLeap = (year: number) => daysInMonth(year, 2) === 29;

/**
 * The local days of `year` that count as today's month and day, as UTC instants at the offset: usually
 * that one day, 28–29 February for a leap year seen from a common year's 28 February, none for a
 * 29 February the year does not have.
 */
export function memoryWindow(
  today: { year: number; month: number; day: number },
  year: number,
  utcOffsetMinutes: number,
): YearWindow | null {
  const { month, day } = today;
  if (day > daysInMonth(year, month)) return null;
  const days = month === 2 && day === 28 && !isLeap(today.year) && isLeap(year) ? 2 : 1;
  const start = Date.parse(`${formatLocalDate({ year, month, day })}T00:00:00.000Z`) - utcOffsetMinutes * 60_000;
  return { year, since: new Date(start).toISOString(), until: new Date(start + days * DAY_MS).toISOString() };
}

export class MemoriesService {
  constructor(private readonly deps: AppDeps) {}

  async today(member: HomeMember, rawInput: MemoriesInput, origin: string): Promise<Memories> {
    const input = zMemoriesInput.parse(rawInput);
    const today = parseLocalDate(input.today);
    if (!today) throw new AppError('BAD_INPUT', 'Not a calendar date', { field: 'today' });
    const [rows, children] = await Promise.all([
      this.photosOnThisDay(member.homeId, today, input.utcOffsetMinutes),
      new ChildrenRepository(this.deps.db).list(member.homeId),
    ]);
    const views = await PhotoViews.for(
      this.deps,
      member.homeId,
      origin,
      rows.flatMap((y) => y.photos),
    );
    return {
      years: rows.map(({ year, photos }) => ({
        year,
        yearsAgo: today.year - year,
        count: photos[0]?.day_count ?? 0,
        photos: photos.map((p) => views.dto(p)),
      })),
      occasions: children.flatMap((child) => {
        const occasion = childOccasion(child.birthday, input.today);
        if (!occasion) return [];
        const value =
          occasion.kind === 'months' ? occasion.months : occasion.kind === 'years' ? occasion.years : occasion.days;
        return [{ childId: child.id, childName: child.name, kind: occasion.kind, value }];
      }),
      urlsExpireAt: views.expiresAt.toISOString(),
    };
  }

  /** Earlier years with photos on the day, most recent first: two queries, whatever the library's size. */
  private async photosOnThisDay(
    homeId: string,
    today: { year: number; month: number; day: number },
    utcOffsetMinutes: number,
  ): Promise<{ year: number; photos: MemoryPhotoRow[] }[]> {
    const repository = new PhotoMemoriesRepository(this.deps.db);
    const oldest = await repository.oldestSortAt(homeId);
    if (!oldest) return [];
    const firstYear = Math.max(
      today.year - MEMORY_YEARS_MAX,
      Number(localDateAt(oldest, utcOffsetMinutes).slice(0, 4)),
    );
    const windows: YearWindow[] = [];
    for (let year = today.year - 1; year >= firstYear; year--) {
      const window = memoryWindow(today, year, utcOffsetMinutes);
      if (window) windows.push(window);
    }
    const rows = await repository.inWindows(homeId, windows, MEMORY_PHOTOS_PER_YEAR);
    return windows
      .map((w) => ({
        year: w.year,
        photos: rows
          .filter((p) => p.sort_at >= w.since && p.sort_at < w.until)
          .sort((a, b) => b.sort_at.localeCompare(a.sort_at) || b.id.localeCompare(a.id)),
      }))
      .filter((y) => y.photos.length > 0);
  }
}

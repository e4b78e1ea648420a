/**
 * The timeline's months cut into parts of at most PART_PHOTOS_MAX photos, from photos.buckets' day counts,
 * so what is held around the viewport is a few parts whatever the months' sizes (a month of 600 photos
 * used to be loaded whole as soon as one of its rows came near the view).
 *
 * A part is a run of whole days, newest first, bounded by instants: it is one photos.list range of its
 * own (since ≤ t < until), fetched without knowing anything about the parts around it, so the scrubber
 * can land anywhere. The parts of a month tile it: every instant of the month is in exactly one part.
 * A day with more photos than a part holds is cut into pieces of that size over the day's range, each
 * continuing after the last photo of the piece before it (its keyset cursor).
 */
import type { PhotoBucket } from '@xiaojia/shared';

/** At most this many photos in a part (a few screens of a phone), the unit loaded and let go. */
export const PART_PHOTOS_MAX = 50;

export interface TimelinePart {
  /** Stable while its month's day counts stay: "2026-01/31" (the part's newest day), "2026-01/31#2". */
  key: string;
  /** YYYY-MM of the month it belongs to. */
  month: string;
  /** Its range, at the offset the buckets were counted at. */
  since: string;
  until: string;
  /** Photos the buckets count in it. */
  count: number;
  /** Photos per day, newest day first (a piece: its own share of the day). */
  dayCounts: number[];
  /**
   * A piece of a day too large for one part: its place in the day (piece 0 carries the day's header),
   * and the piece it continues after (null for the first).
   */
  piece?: { index: number; after: TimelinePart | null };
}

/** A day's first instant at `offsetMinutes` from UTC; day 32 is the next month's first (Date.UTC rolls over). */
function dayStart(year: number, month: number, day: number, offsetMinutes: number): string {
  return new Date(Date.UTC(year, month - 1, day) - offsetMinutes * 60_000).toISOString();
}

/** One month's parts, newest first. */
export function monthParts(bucket: PhotoBucket, offsetMinutes: number, max = PART_PHOTOS_MAX): TimelinePart[] {
  if (!(max >= 1)) throw new RangeError('monthParts: a part holds at least one photo');
  const [year = 0, month = 1] = bucket.month.split('-').map(Number);
  const start = (day: number) => dayStart(year, month, day, offsetMinutes);
  const monthEnd = dayStart(year, month + 1, 1, offsetMinutes);
  const parts: TimelinePart[] = [];
  // Where the part being made ends: the month's end, then each part's start (the parts tile the month).
  let until = monthEnd;
  let run: [number, number][] = [];
  const flush = () => {
    const newest = run[0];
    const oldest = run[run.length - 1];
    if (!newest || !oldest) return;
    const since = start(oldest[0]);
    parts.push({
      key: `${bucket.month}/${newest[0]}`,
      month: bucket.month,
      since,
      until,
      count: run.reduce((sum, [, count]) => sum + count, 0),
      dayCounts: run.map(([, count]) => count),
    });
    until = since;
    run = [];
  };
  const runCount = () => run.reduce((sum, [, count]) => sum + count, 0);
  for (const [day, count] of bucket.days) {
    if (count > max) {
      flush();
      const since = start(day);
      let after: TimelinePart | null = null;
      for (let index = 0; index * max < count; index += 1) {
        const share = Math.min(max, count - index * max);
        const piece: TimelinePart = {
          key: `${bucket.month}/${day}#${index}`,
          month: bucket.month,
          since,
          until,
          count: share,
          dayCounts: [share],
          piece: { index, after },
        };
        parts.push(piece);
        after = piece;
      }
      until = since;
    } else {
      if (run.length > 0 && runCount() + count > max) flush();
      run.push([day, count]);
    }
  }
  flush();
  // The oldest part reaches down to the month's start, so a photo on an uncounted earlier day still has one.
  const last = parts[parts.length - 1];
  if (last) {
    const monthStart = start(1);
    for (const part of parts) if (part.since === last.since) part.since = monthStart;
  }
  return parts;
}

/** The whole library's parts, newest first, from photos.buckets' months (newest first). */
export function timelineParts(
  buckets: readonly PhotoBucket[],
  offsetMinutes: number,
  max = PART_PHOTOS_MAX,
): TimelinePart[] {
  return buckets.flatMap((bucket) => monthParts(bucket, offsetMinutes, max));
}

/** Whether `part` continues a day from the part above it (no day header of its own). */
export const continuesDay = (part: Pick<TimelinePart, 'piece'>) => (part.piece?.index ?? 0) > 0;

/**
 * Pure layout for the photo grid: photos grouped by the local day they were taken (sortAt), and each day
 * laid out in justified rows whose cells keep the photo's aspect ratio, so a placeholder already has the
 * photo's shape before the thumbnail arrives.
 */
import type { Translate } from '../../i18n';
import { monthName, weekdayName } from '../../i18n/keys';

export interface GridPhoto {
  id: string;
  sortAt: string;
  width: number | null;
  height: number | null;
}

export interface DayGroup<P extends GridPhoto> {
  /** Local calendar day, YYYY-MM-DD. */
  day: string;
  photos: P[];
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** The local calendar day of an ISO timestamp (the device's time zone: "taken on" is a local notion). */
export function localDayKey(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new RangeError(`localDayKey: not a timestamp: ${iso}`);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * Consecutive photos of one day form one group, in list order (the server sends newest first). A day
 * that shows up again later in the list (it should not) joins its earlier group rather than repeating
 * the header.
 */
export function groupByDay<P extends GridPhoto>(
  photos: readonly P[],
  dayOf: (iso: string) => string = localDayKey,
): DayGroup<P>[] {
  const groups: DayGroup<P>[] = [];
  const byDay = new Map<string, DayGroup<P>>();
  for (const photo of photos) {
    const day = dayOf(photo.sortAt);
    let group = byDay.get(day);
    if (!group) {
      group = { day, photos: [] };
      byDay.set(day, group);
      groups.push(group);
    }
    group.photos.push(photo);
  }
  return groups;
}

function dayNumber(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1) / 86_400_000;
}

/**
 * A day header: "今天", "昨天", then "5月1日 星期五" / "2025年5月1日 星期四" (or English), relative to
 * `now`. `short` leaves out the weekday, for a day that shares its line with others: "5月1日", "May 1".
 */
export function formatDay(day: string, now: Date, t: Translate, short = false): string {
  const today = localDayKey(now.toISOString());
  const diff = dayNumber(today) - dayNumber(day);
  if (diff === 0) return t('day.today');
  if (diff === 1) return t('day.yesterday');
  const [year, month, date] = day.split('-').map(Number);
  const weekday = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, date ?? 1)).getUTCDay();
  const params = {
    year: year ?? 0,
    month: month ?? 0,
    monthName: monthName(t, month ?? 0),
    day: date ?? 0,
    weekday: weekdayName(t, weekday),
  };
  const sameYear = String(year) === today.slice(0, 4);
  if (short) return t(sameYear ? 'day.short.sameYear' : 'day.short.otherYear', params);
  return t(sameYear ? 'day.sameYear' : 'day.otherYear', params);
}

/** Width / height, square when unknown, clamped so one panorama cannot take a whole row alone. */
export function aspectOf(photo: GridPhoto): number {
  if (!photo.width || !photo.height) return 1;
  return Math.min(2.5, Math.max(0.5, photo.width / photo.height));
}

export interface RowCell<P> {
  photo: P;
  width: number;
}

export interface Row<P> {
  height: number;
  cells: RowCell<P>[];
}

export interface RowOptions {
  /** Width available to a row, px. */
  width: number;
  /** Rows are about this high; full rows stretch or shrink to fill the width exactly. */
  targetHeight: number;
  gap: number;
}

/**
 * Justified rows: photos are added to a row until it is at least as wide as the container at the target
 * height, then the row is scaled to fill the width exactly. The last row keeps the target height.
 */
export function layoutRows<P extends GridPhoto>(
  photos: readonly P[],
  { width, targetHeight, gap }: RowOptions,
): Row<P>[] {
  if (!(width > 0) || !(targetHeight > 0)) throw new RangeError('layoutRows: width and targetHeight must be > 0');
  const rows: Row<P>[] = [];
  let pending: P[] = [];
  let aspectSum = 0;
  const flush = (full: boolean) => {
    const gaps = gap * (pending.length - 1);
    const height = full ? (width - gaps) / aspectSum : targetHeight;
    const cells = pending.map((photo) => ({ photo, width: Math.floor(aspectOf(photo) * height) }));
    if (full) {
      // Rounding down leaves a pixel or two: the last cell takes them so the row ends flush.
      const used = cells.reduce((sum, cell) => sum + cell.width, 0) + gaps;
      const last = cells[cells.length - 1];
      if (last) last.width += Math.round(width - used);
    }
    rows.push({ height: Math.round(height), cells });
    pending = [];
    aspectSum = 0;
  };
  for (const photo of photos) {
    pending.push(photo);
    aspectSum += aspectOf(photo);
    if (aspectSum * targetHeight + gap * (pending.length - 1) >= width) flush(true);
  }
  if (pending.length > 0) flush(false);
  return rows;
}

/** Selection after tapping `id`: added at the end, or removed. */
export function toggleSelected(selected: readonly string[], id: string): string[] {
  return selected.includes(id) ? selected.filter((s) => s !== id) : [...selected, id];
}

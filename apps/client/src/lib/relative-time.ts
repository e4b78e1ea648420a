/**
 * When a comment or a feed entry happened, said as people say it: "刚刚", "3分钟前", "2小时前", "昨天 14:02",
 * "5月3日 14:02", "2025年5月3日" (and in English). Calendar days are the device's own; `now` is handed in.
 */
import type { Translate } from '../i18n';
import { monthName } from '../i18n/keys';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const two = (n: number) => String(n).padStart(2, '0');
const clock = (date: Date) => `${two(date.getHours())}:${two(date.getMinutes())}`;
/** Midnight of the date's local day, as a day count (DST-proof: built from the calendar fields). */
const dayNumber = (date: Date) =>
  Math.round(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / 86_400_000);

export function relativeTime(iso: string, now: Date, t: Translate): string {
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return iso;
  const ago = now.getTime() - then.getTime();
  // A clock a little ahead of ours (another phone's upload) is still "just now".
  if (ago < MINUTE) return t('time.justNow');
  if (ago < HOUR) return t('time.minutesAgo', { minutes: Math.floor(ago / MINUTE) });
  const days = dayNumber(now) - dayNumber(then);
  if (days === 0) return t('time.hoursAgo', { hours: Math.floor(ago / HOUR) });
  if (days === 1) return t('time.yesterdayAt', { time: clock(then) });
  const month = monthName(t, then.getMonth() + 1);
  if (then.getFullYear() === now.getFullYear()) {
    return t('time.sameYearAt', { monthName: month, day: then.getDate(), time: clock(then) });
  }
  return t('time.otherYear', { year: then.getFullYear(), monthName: month, day: then.getDate() });
}

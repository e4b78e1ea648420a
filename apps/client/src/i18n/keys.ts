/**
 * Message keys built at run time, each from a value whose type says it has a message: `t` takes only
 * keys that exist, so a number or a string from elsewhere goes through one of these.
 */
import type { QiniuRegion } from '@xiaojia/shared';
import type { Translate } from './index';

type Month = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12;
/** As Date.getDay() counts them: 0 is Sunday. */
type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

const isMonth = (n: number): n is Month => Number.isInteger(n) && n >= 1 && n <= 12;
const isWeekday = (n: number): n is Weekday => Number.isInteger(n) && n >= 0 && n <= 6;

/** "5月" / "May" for 5; a number that is no month stays a number. */
export function monthName(t: Translate, month: number): string {
  return isMonth(month) ? t(`month.${month}`) : String(month);
}

/** "星期五" / "Fri" for 5 (Date.getDay()); a number that is no weekday stays a number. */
export function weekdayName(t: Translate, weekday: number): string {
  return isWeekday(weekday) ? t(`weekday.${weekday}`) : String(weekday);
}

/** A Qiniu region in words ("华东-浙江" / "East China (Zhejiang)"); its id stays as the console shows it. */
export function regionName(t: Translate, region: QiniuRegion): string {
  return t(`storage.region.${region}`);
}

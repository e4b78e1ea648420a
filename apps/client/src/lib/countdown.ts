/**
 * A challenge's window in words: which phase it is in and how long until the next one ("还有 2天3小时" /
 * "2 days 3 hours left"), from the server's times and a `now` handed in.
 */
import type { Challenge } from '@xiaojia/shared';
import type { Translate } from '../i18n';

/** The lists of challenges.list, as the screens offer them. */
export const CHALLENGE_LISTS = ['current', 'upcoming', 'past'] as const;
export type ChallengeList = (typeof CHALLENGE_LISTS)[number];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "2天3小时" / "2 days 3 hours": the two largest units; under a minute, "不到1分钟" / "under a minute". */
export function durationWords(ms: number, t: Translate): string {
  if (ms < MINUTE) return t('challenge.duration.underMinute');
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  if (days > 0)
    return hours > 0 ? t('challenge.duration.daysHours', { days, hours }) : t('challenge.duration.days', { days });
  if (hours > 0) {
    return minutes > 0
      ? t('challenge.duration.hoursMinutes', { hours, minutes })
      : t('challenge.duration.hours', { hours });
  }
  return t('challenge.duration.minutes', { minutes });
}

export type ChallengeTimes = Pick<Challenge, 'phase' | 'submitStartsAt' | 'submitEndsAt' | 'voteEndsAt'>;

/** The phase's name and what comes next, e.g. "投稿中 · 还有 2天 截止投稿". */
export function challengeCountdown(challenge: ChallengeTimes, now: Date, t: Translate): string {
  const left = (iso: string) => durationWords(Math.max(0, new Date(iso).getTime() - now.getTime()), t);
  switch (challenge.phase) {
    case 'upcoming':
      return t('challenge.countdown.upcoming', { left: left(challenge.submitStartsAt) });
    case 'submitting':
      return t('challenge.countdown.submitting', { left: left(challenge.submitEndsAt) });
    case 'voting':
      return t('challenge.countdown.voting', { left: left(challenge.voteEndsAt) });
    default:
      return t('challenge.countdown.ended');
  }
}

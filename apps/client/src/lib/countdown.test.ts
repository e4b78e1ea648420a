import { describe, expect, it } from 'vitest';
import { setLocale, t } from '../i18n';
import { loadCommunitySafetyMessages } from '../i18n/community-safety';
import { challengeCountdown, durationWords } from './countdown';

loadCommunitySafetyMessages();
const now = new Date('2026-06-01T08:00:00.000Z');
const times = {
  submitStartsAt: '2026-06-03T11:00:00.000Z',
  submitEndsAt: '2026-06-10T08:30:00.000Z',
  voteEndsAt: '2026-06-01T08:00:30.000Z',
};

describe('a challenge countdown in words', () => {
  it('names the phase and the time to the next one, in both languages', () => {
    setLocale('zh-CN');
    expect(challengeCountdown({ ...times, phase: 'upcoming' }, now, t)).toBe('即将开始 · 还有 2天3小时 开始投稿');
    expect(challengeCountdown({ ...times, phase: 'submitting' }, now, t)).toBe('投稿中 · 还有 9天 截止投稿');
    expect(challengeCountdown({ ...times, phase: 'voting' }, now, t)).toBe('投票中 · 还有 不到1分钟 结束投票');
    expect(challengeCountdown({ ...times, phase: 'ended' }, now, t)).toBe('已结束 · 结果已公布');
    setLocale('en');
    expect(challengeCountdown({ ...times, phase: 'upcoming' }, now, t)).toBe(
      'Upcoming · entries open in 2 days 3 hours',
    );
    expect(durationWords(61 * 60_000, t)).toBe('1 hour 1 minute');
    expect(durationWords(5 * 60_000, t)).toBe('5 minutes');
    expect(durationWords(3 * 3_600_000, t)).toBe('3 hours');
  });

  it('says under a minute for a time already past (a clock behind the server)', () => {
    setLocale('zh-CN');
    expect(challengeCountdown({ ...times, voteEndsAt: '2026-05-01T00:00:00.000Z', phase: 'voting' }, now, t)).toBe(
      '投票中 · 还有 不到1分钟 结束投票',
    );
  });
});

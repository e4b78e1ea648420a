import { childAge } from '@xiaojia/shared';
import { describe, expect, it } from 'vitest';
import { type Locale, translate } from '../i18n';
import { agesOn, formatAge } from './child-age';

const inLocale = (locale: Locale) => (key: string, params?: Record<string, string | number>) =>
  translate(locale, key, params);

function ageText(birthday: string, on: string, locale: Locale, compact = false): string {
  const age = childAge(birthday, on);
  if (!age) throw new Error(`no age on ${on}`);
  return formatAge(age, inLocale(locale), { compact });
}

describe('a child’s age in words', () => {
  // [birthday, day, Chinese, English]
  const table: [string, string, string, string][] = [
    ['2025-01-31', '2025-01-31', '出生', 'born'],
    ['2025-01-31', '2025-02-01', '1天', '1 day'],
    ['2025-01-31', '2025-02-27', '27天', '27 days'],
    // Born on the 31st: one month old on the last day of February.
    ['2025-01-31', '2025-02-28', '1个月', '1 month'],
    ['2025-01-31', '2025-03-01', '1个月1天', '1 month 1 day'],
    ['2025-01-15', '2025-04-27', '3个月12天', '3 months 12 days'],
    ['2024-02-29', '2025-02-28', '1岁', '1 year'],
    ['2024-02-29', '2025-04-30', '1岁2个月', '1 year 2 months'],
    ['2023-05-01', '2025-05-01', '2岁', '2 years'],
    ['2023-05-01', '2025-06-20', '2岁1个月', '2 years 1 month'],
    // Before the birthday: the week of a 40-week pregnancy ending on the due date.
    ['2026-01-01', '2025-11-13', '孕33周', '33 weeks pregnant'],
    ['2026-01-01', '2025-11-16', '孕33周+3天', '33 weeks 3 days pregnant'],
    ['2026-01-01', '2025-12-31', '孕39周+6天', '39 weeks 6 days pregnant'],
    ['2026-01-01', '2025-03-27', '孕0周', '0 weeks pregnant'],
    ['2026-01-01', '2025-04-04', '孕1周+1天', '1 week 1 day pregnant'],
  ];
  it.each(table)('born %s, on %s: %s / %s', (birthday, on, zh, en) => {
    expect(ageText(birthday, on, 'zh-CN')).toBe(zh);
    expect(ageText(birthday, on, 'en')).toBe(en);
  });

  it('leaves the smallest unit out when compact', () => {
    expect(ageText('2025-01-15', '2025-04-27', 'zh-CN', true)).toBe('3个月');
    expect(ageText('2025-01-15', '2025-04-27', 'en', true)).toBe('3 months');
    expect(ageText('2026-01-01', '2025-11-16', 'zh-CN', true)).toBe('孕33周');
    // Before a month there is no larger unit: the days stay.
    expect(ageText('2025-01-31', '2025-02-27', 'zh-CN', true)).toBe('27天');
    expect(ageText('2024-02-29', '2025-04-30', 'en', true)).toBe('1 year 2 months');
  });
});

describe('the ages on a day header', () => {
  const baby = { name: '宝宝', birthday: '2025-01-15' };
  const brother = { name: '哥哥', birthday: '2023-04-27' };

  it('names one child with the full age', () => {
    expect(agesOn([baby], '2025-04-27', inLocale('zh-CN'))).toBe('宝宝 3个月12天');
    expect(agesOn([{ name: 'Mia', birthday: '2025-01-15' }], '2025-04-27', inLocale('en'))).toBe(
      'Mia 3 months 12 days',
    );
  });

  it('puts several children side by side, compact', () => {
    expect(agesOn([brother, baby], '2025-04-27', inLocale('zh-CN'))).toBe('哥哥 2岁 · 宝宝 3个月');
    expect(agesOn([brother, baby], '2025-04-27', inLocale('zh-CN'), { compact: false })).toBe(
      '哥哥 2岁 · 宝宝 3个月12天',
    );
  });

  it('shows nothing for a child more than 40 weeks before the birthday, and null when no one is left', () => {
    expect(agesOn([brother, baby], '2023-05-01', inLocale('zh-CN'))).toBe('哥哥 4天');
    expect(agesOn([baby], '2024-01-01', inLocale('zh-CN'))).toBeNull();
    expect(agesOn([], '2024-01-01', inLocale('zh-CN'))).toBeNull();
    expect(agesOn([{ name: 'x', birthday: 'not a date' }], '2024-01-01', inLocale('zh-CN'))).toBeNull();
  });
});

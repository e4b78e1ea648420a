/**
 * A child's age in words, from the shared arithmetic (childAge): "3个月12天", "1岁2个月", "2岁", "孕32周+3天",
 * "3 months 12 days", "32 weeks pregnant". Days count until the first birthday, months after; `compact`
 * leaves the smallest unit out ("3个月", "孕32周") where several children share a narrow header.
 */
import { type ChildAge, childAge } from '@xiaojia/shared';
import type { Translate } from '../i18n';

export interface AgeOptions {
  compact?: boolean;
}

export function formatAge(age: ChildAge, t: Translate, { compact = false }: AgeOptions = {}): string {
  if (age.kind === 'expecting') {
    return age.days === 0 || compact
      ? t('age.weeks', { weeks: age.weeks })
      : t('age.weeksDays', { weeks: age.weeks, days: age.days });
  }
  const { years, months, days } = age;
  if (years > 0) return months === 0 ? t('age.years', { years }) : t('age.yearsMonths', { years, months });
  if (months === 0) return days === 0 ? t('age.born') : t('age.days', { days });
  return days === 0 || compact ? t('age.months', { months }) : t('age.monthsDays', { months, days });
}

export interface NamedBirthday {
  name: string;
  birthday: string;
}

/**
 * Every child's age on `day` (YYYY-MM-DD), "宝宝 3个月 · 哥哥 2岁", oldest first as given, leaving out
 * those with nothing to show (not yet 40 weeks before their birthday); null when none has.
 */
export function agesOn(
  children: readonly NamedBirthday[],
  day: string,
  t: Translate,
  options: AgeOptions = {},
): string | null {
  const compact = options.compact ?? children.length > 1;
  const parts = children.flatMap((child) => {
    const age = childAge(child.birthday, day);
    return age ? [t('age.named', { name: child.name, age: formatAge(age, t, { compact }) })] : [];
  });
  return parts.length > 0 ? parts.join(' · ') : null;
}

import { ERROR_CODE_LIST } from '@xiaojia/shared';
import { describe, expect, it } from 'vitest';
import { describeCode, errorMessage } from './errors';
import { loadFamilyPagesMessages } from './family-pages';
import { FEATURES, interpolate, LOCALES, localeFromLanguage, MESSAGES, setLocale, t, translate } from './index';
import { monthName, regionName, weekdayName } from './keys';
import { loadStoragePagesMessages } from './storage-pages';

/** The placeholders a message fills, plural ones by their count's name: "{count} {count|photo|photos}" has count. */
function placeholders(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(/\{(\w+)(?:\|[^|{}]*\|[^|{}]*)?\}/g), (match) => match[1] ?? ''))].sort();
}

describe('i18n', () => {
  it('translates every shared error code in both locales', () => {
    for (const locale of LOCALES) {
      const missing = ERROR_CODE_LIST.filter((code) => !MESSAGES[locale][`errors.${code}`]);
      expect(missing, `${locale} lacks these codes`).toEqual([]);
    }
  });

  it('has the same keys in Chinese and English in every feature file', () => {
    for (const feature of FEATURES) {
      const zh = Object.keys(feature['zh-CN']);
      const en = Object.keys(feature.en);
      expect(en.sort()).toEqual(zh.sort());
    }
  });

  it('fills the same placeholders in Chinese and English', () => {
    const differing = Object.entries(MESSAGES['zh-CN'])
      .filter(([key, zh]) => placeholders(zh).join() !== placeholders(MESSAGES.en[key] ?? '').join())
      .map(([key]) => key);
    expect(differing).toEqual([]);
    expect(placeholders('{count} {count|photo|photos} in {name}')).toEqual(['count', 'name']);
  });

  it('takes only keys the Chinese messages have', () => {
    // @ts-expect-error: a typo is a type error (typecheck fails if this line ever compiles)
    expect(t('albums.titel')).toBe('albums.titel');
    expect(t('albums.title')).toBe('相册');
  });

  it('names months, weekdays and regions through typed helpers, leaving what is none as it is', () => {
    const en = (key: string) => translate('en', key);
    expect(monthName(en, 5)).toBe('May');
    expect(monthName(en, 13)).toBe('13');
    expect(weekdayName(en, 0)).toBe('Sun');
    expect(weekdayName(en, 7)).toBe('7');
    loadStoragePagesMessages(); // region names are the storage page's (a weapp subpackage's)
    expect(regionName(en, 'na0')).toBe('North America (Los Angeles)');
    expect(regionName((key) => translate('zh-CN', key), 'z0')).toBe('华东-浙江');
  });

  it('takes the locale from the platform language, Chinese unless it is English', () => {
    expect(localeFromLanguage('zh_CN')).toBe('zh-CN');
    expect(localeFromLanguage('zh-Hant-TW')).toBe('zh-CN');
    expect(localeFromLanguage('en')).toBe('en');
    expect(localeFromLanguage('en_US')).toBe('en');
    expect(localeFromLanguage('en-GB')).toBe('en');
    expect(localeFromLanguage('ja')).toBe('zh-CN');
    expect(localeFromLanguage(undefined)).toBe('zh-CN');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
  });

  it('picks the English plural word for a count, and counts are plural everywhere but 1', () => {
    expect(interpolate('{n} {n|photo|photos}', { n: 1 })).toBe('1 photo');
    expect(interpolate('{n} {n|photo|photos}', { n: 0 })).toBe('0 photos');
    expect(interpolate('{n} {n|photo|photos}', { n: 21 })).toBe('21 photos');
    expect(interpolate('{n|photo|photos}', {})).toBe('{n|photo|photos}');
    expect(translate('en', 'timeline.count', { count: 1 })).toBe('1 photo');
    expect(translate('en', 'albums.count', { count: 2 })).toBe('2 photos');
    loadFamilyPagesMessages(); // as the members page does (a weapp subpackage's messages)
    expect(translate('en', 'members.count', { count: 1, owner: 'Mama' })).toBe('1 member · owner Mama');
    expect(translate('en', 'trash.soonest', { days: 1 })).toBe('The oldest one here is deleted for good in 1 day.');
    expect(translate('zh-CN', 'timeline.count', { count: 1 })).toBe('1 张照片');
    expect(translate('en', 'upload.overall', { done: 1, total: 1, percent: 100 })).toBe('1/1 photo · 100%');
    expect(translate('en', 'album.added', { count: 1 })).toBe('1 photo added');
    expect(translate('en', 'invite.uses.value', { uses: 1 })).toBe('1 person');
    expect(translate('en', 'invite.uses.value', { uses: 5 })).toBe('5 people');
    // No English message is left with a bare "{count} photos" (or "{done}/{total} photos", "{uses} people"…).
    const bare = Object.entries(MESSAGES.en).filter(([, text]) =>
      /\{\w+\} (photos|files|members|days|devices|people|attempts|minutes)\b/.test(text),
    );
    expect(bare).toEqual([]);
  });

  it('marks the H5 page with the language chosen', () => {
    setLocale('en');
    expect(document.documentElement.lang).toBe('en');
    setLocale('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('says a wrong password with no attempts left locked the account, not "0 more tries"', () => {
    const zh = (key: string, params?: Record<string, string | number>) => translate('zh-CN', key, params);
    const en = (key: string, params?: Record<string, string | number>) => translate('en', key, params);
    expect(describeCode('INVALID_CREDENTIALS', { attemptsLeft: 0 }, zh)).toBe(
      '用户名或密码不对。错误次数太多，账号已暂时锁定，请稍后再试',
    );
    expect(describeCode('INVALID_CREDENTIALS', { attemptsLeft: 1 }, en)).toBe(
      'Wrong username or password; 1 attempt left',
    );
    expect(describeCode('WRONG_PASSWORD', { attemptsLeft: 3 }, zh)).toBe('当前密码不对，还可以再试 3 次');
    expect(describeCode('WRONG_PASSWORD', { attemptsLeft: 0 }, en)).toContain('locked');
  });

  it('says how many minutes a lockout has left, rounding up', () => {
    const zh = (key: string, params?: Record<string, string | number>) => translate('zh-CN', key, params);
    const en = (key: string, params?: Record<string, string | number>) => translate('en', key, params);
    expect(describeCode('LOCKED_OUT', { retryAfterSeconds: 1790 }, zh)).toContain('30 分钟后再试');
    expect(describeCode('LOCKED_OUT', { retryAfterSeconds: 61 }, en)).toContain('try again in 2 min');
    expect(describeCode('LOCKED_OUT', { retryAfterSeconds: 5 }, en)).toContain('in 1 min');
    expect(describeCode('LOCKED_OUT', {}, en)).toContain('try again later');
    expect(describeCode('INVALID_CREDENTIALS', { attemptsLeft: 2 }, zh)).toBe('用户名或密码不对，还可以再试 2 次');
    expect(describeCode('INVALID_CREDENTIALS', {}, en)).toBe('Wrong username or password');
  });

  it('reads the app code and details from a tRPC client error, and names network failures', () => {
    const zh = (key: string, params?: Record<string, string | number>) => translate('zh-CN', key, params);
    const locked = Object.assign(new Error('x'), {
      data: { appCode: 'LOCKED_OUT', details: { retryAfterSeconds: 600 } },
    });
    expect(errorMessage(locked, zh)).toContain('10 分钟');
    expect(errorMessage(new TypeError('Network request failed: timeout'), zh)).toBe('网络连接失败，请检查网络后重试');
    expect(errorMessage(new Error('boom'), zh)).toBe('出错了：boom');
  });
});

/**
 * Translations: zh-CN by default, English when the platform reports an English system language.
 * Messages live per feature in ./locales/<feature>.ts ({ 'zh-CN': {...}, en: {...} }) and are merged here;
 * `{name}` placeholders are filled from `params`, `{name|one|other}` pick the plural word for a count.
 * A key is a `MessageKey`, one of the Chinese messages, so a typo fails typecheck; keys built at run time
 * go through typed helpers (./keys.ts). i18n.test.ts holds English to the same keys and placeholders.
 */
import Taro from '@tarojs/taro';
import { useMemo, useSyncExternalStore } from 'react';
import { accountMessages } from './locales/account';
import { accountDataMessages } from './locales/account-data';
import { albumsMessages } from './locales/albums';
import { authMessages } from './locales/auth';
import { childrenMessages } from './locales/children';
import type { childrenPagesMessages } from './locales/children-pages';
import { commonMessages } from './locales/common';
import { communityMoreMessages } from './locales/community-more';
import type { communitySafetyMessages } from './locales/community-safety';
import { communitySafetyMainMessages } from './locales/community-safety-main';
import { discoverMessages } from './locales/discover';
import { errorsMessages } from './locales/errors';
import { familyMessages } from './locales/family';
import type { familyPagesMessages } from './locales/family-pages';
import { feedEntriesMessages } from './locales/feed-entries';
import { homesMessages } from './locales/homes';
import type { storageMessages } from './locales/storage';
import type { storageGuidesMessages } from './locales/storage-guides';
import type { storageRegionsMessages } from './locales/storage-regions';
import type { storageS3Messages } from './locales/storage-s3';
import type { storageUncheckedMessages } from './locales/storage-unchecked';
import { timelineMessages } from './locales/timeline';
import { togetherMessages } from './locales/together';
import { trashMessages } from './locales/trash';
import { uploadMessages } from './locales/upload';
import { uploadMultipartMessages } from './locales/upload-multipart';
import { videoMessages } from './locales/video';
import { viewerMessages } from './locales/viewer';
import type { worksPagesMessages } from './locales/works-pages';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export type Messages = Readonly<Record<string, string>>;
export type FeatureMessages = Readonly<Record<Locale, Messages>>;
export type MessageParams = Readonly<Record<string, string | number>>;

export const FEATURES = [
  commonMessages,
  errorsMessages,
  authMessages,
  timelineMessages,
  uploadMessages,
  uploadMultipartMessages,
  viewerMessages,
  videoMessages,
  albumsMessages,
  trashMessages,
  accountMessages,
  accountDataMessages,
  homesMessages,
  familyMessages,
  childrenMessages,
  togetherMessages,
  communitySafetyMainMessages,
  feedEntriesMessages,
  discoverMessages,
  communityMoreMessages,
] as const satisfies readonly FeatureMessages[];

/**
 * Features of weapp subpackages, whose messages load with their pages (addMessages): typed here, bundled
 * there.
 */
type LaterFeatures =
  | typeof childrenPagesMessages
  | typeof familyPagesMessages
  | typeof storageMessages
  | typeof storageS3Messages
  | typeof storageGuidesMessages
  | typeof communitySafetyMessages
  | typeof storageRegionsMessages
  | typeof storageUncheckedMessages
  | typeof worksPagesMessages;

/** Every message's key: the Chinese ones (the locale every other one falls back to). */
export type MessageKey = (typeof FEATURES)[number] | LaterFeatures extends infer Feature
  ? Feature extends { 'zh-CN': infer Chinese }
    ? keyof Chinese & string
    : never
  : never;

export function mergeFeatures(features: readonly FeatureMessages[]): Record<Locale, Messages> {
  const merged: Record<Locale, Record<string, string>> = { 'zh-CN': {}, en: {} };
  for (const feature of features) {
    for (const locale of LOCALES) Object.assign(merged[locale], feature[locale]);
  }
  return merged;
}

export const MESSAGES = mergeFeatures(FEATURES);

/** Adds a subpackage's messages as its page loads (again is harmless). */
export function addMessages(feature: FeatureMessages): void {
  for (const locale of LOCALES) Object.assign(MESSAGES[locale], feature[locale]);
}

/** Platform language ("zh_CN", "zh-Hans-CN", "en-US", "en") to one of ours; anything not English is zh-CN. */
export function localeFromLanguage(language: string | undefined | null): Locale {
  return /^en\b|^en[-_]/i.test(language ?? '') ? 'en' : DEFAULT_LOCALE;
}

function platformLocale(): Locale {
  try {
    return localeFromLanguage(Taro.getSystemInfoSync().language);
  } catch {
    return DEFAULT_LOCALE;
  }
}

let current: Locale | null = null;
const listeners = new Set<() => void>();

/** H5: the page's `<html lang>` (index.html says zh-CN) follows the language chosen, for screen readers and fonts. */
function markDocument(locale: Locale): void {
  if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') document.documentElement.lang = locale;
}

export function getLocale(): Locale {
  if (current === null) {
    current = platformLocale();
    markDocument(current);
  }
  return current;
}

/** Switches the language for the whole app (tests; a future in-app setting). */
export function setLocale(locale: Locale): void {
  current = locale;
  markDocument(locale);
  for (const listener of listeners) listener();
}

/**
 * Fills `{name}` with params.name, and `{name|one|other}` with the word for that count: `one` for exactly
 * 1, `other` for every other number ("{count} {count|photo|photos}"). English needs no more; Chinese
 * messages do not use the plural form.
 */
export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(
    /\{(\w+)(?:\|([^|{}]*)\|([^|{}]*))?\}/g,
    (whole, name: string, one: string | undefined, other: string | undefined) => {
      if (!Object.hasOwn(params, name)) return whole;
      const value = params[name];
      if (one === undefined || other === undefined) return String(value);
      return Number(value) === 1 ? one : other;
    },
  );
}

/**
 * The lookup itself, for any text (tests walk lists of keys with it); screens use `t` and `useT`, whose
 * keys typecheck.
 */
export function translate(locale: Locale, key: string, params?: MessageParams): string {
  const template = MESSAGES[locale][key] ?? MESSAGES[DEFAULT_LOCALE][key] ?? key;
  return interpolate(template, params);
}

export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Translates `key` in the current locale. */
export const t: Translate = (key: string, params?: MessageParams) => translate(getLocale(), key, params);

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** `t` for components: re-renders them when the locale changes. */
export function useT(): Translate {
  const locale = useSyncExternalStore(subscribe, getLocale, getLocale);
  // Stable per locale, so screens may list it in effect dependencies.
  return useMemo<Translate>(() => (key: string, params?: MessageParams) => translate(locale, key, params), [locale]);
}

export function useLocale(): Locale {
  return useSyncExternalStore(subscribe, getLocale, getLocale);
}

import { describe, expect, it } from 'vitest';
import { loadFamilyPagesMessages } from './family-pages';
import { FEATURES, MESSAGES, translate } from './index';
import { childrenPagesMessages } from './locales/children-pages';
import { communitySafetyMessages } from './locales/community-safety';
import { familyPagesMessages } from './locales/family-pages';
import { storageMessages } from './locales/storage';
import { storageGuidesMessages } from './locales/storage-guides';
import { storageRegionsMessages } from './locales/storage-regions';
import { storageS3Messages } from './locales/storage-s3';
import { storageUncheckedMessages } from './locales/storage-unchecked';
import { worksPagesMessages } from './locales/works-pages';
import { loadStoragePagesMessages } from './storage-pages';

const placeholders = (text: string) =>
  [...new Set(Array.from(text.matchAll(/\{(\w+)(?:\|[^|{}]*\|[^|{}]*)?\}/g), (m) => m[1] ?? ''))].sort().join();

/** Messages of weapp subpackages, added as their pages load. */
const LATER = {
  childrenPagesMessages,
  familyPagesMessages,
  storageMessages,
  storageS3Messages,
  storageGuidesMessages,
  communitySafetyMessages,
  storageRegionsMessages,
  storageUncheckedMessages,
  worksPagesMessages,
};

describe("subpackages' messages", () => {
  it.each(
    Object.entries(LATER),
  )('%s: the same keys and placeholders in Chinese and English, and none of the main ones or the others', (name, feature) => {
    const zh: Record<string, string> = feature['zh-CN'];
    const en: Record<string, string> = feature.en;
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    const differing = Object.entries(zh).filter(([key, text]) => placeholders(text) !== placeholders(en[key] ?? ''));
    expect(differing).toEqual([]);
    const elsewhere = new Set([
      ...FEATURES.flatMap((f) => Object.keys(f['zh-CN'])),
      ...Object.entries(LATER)
        .filter(([other]) => other !== name)
        .flatMap(([, f]) => Object.keys(f['zh-CN'])),
    ]);
    expect(Object.keys(zh).filter((key) => elsewhere.has(key))).toEqual([]);
  });

  it("are there once the storage page's modules load, and loading again changes nothing", () => {
    expect(MESSAGES.en['storage.provider.cos']).toBeUndefined();
    expect(MESSAGES['zh-CN']['storage.title']).toBeUndefined();
    loadStoragePagesMessages();
    loadStoragePagesMessages();
    expect(translate('zh-CN', 'storage.title')).toBe('存储设置');
    expect(translate('en', 'storage.provider.cos')).toBe('Tencent COS');
    expect(translate('zh-CN', 'storage.guide.r2.step2.title')).toBe('2. 创建只管这个存储桶的 API 令牌');
  });

  it("the family pages' are there once a members, invite or join module loads", () => {
    expect(MESSAGES['zh-CN']['members.title']).toBeUndefined();
    loadFamilyPagesMessages();
    expect(translate('en', 'invite.title')).toBe(familyPagesMessages.en['invite.title']);
    expect(translate('zh-CN', 'members.title')).toBe(familyPagesMessages['zh-CN']['members.title']);
  });
});

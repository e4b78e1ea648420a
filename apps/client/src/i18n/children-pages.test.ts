import { describe, expect, it } from 'vitest';
import { loadChildrenPagesMessages } from './children-pages';
import { FEATURES, MESSAGES, translate } from './index';
import { childrenPagesMessages } from './locales/children-pages';

const placeholders = (text: string) =>
  [...new Set(Array.from(text.matchAll(/\{(\w+)(?:\|[^|{}]*\|[^|{}]*)?\}/g), (m) => m[1] ?? ''))].sort().join();

describe("the children's pages' messages", () => {
  it('have the same keys and placeholders in Chinese and English, and none of the main ones', () => {
    const zh = childrenPagesMessages['zh-CN'];
    const en: Record<string, string> = childrenPagesMessages.en;
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    const differing = Object.entries(zh).filter(([key, text]) => placeholders(text) !== placeholders(en[key] ?? ''));
    expect(differing).toEqual([]);
    const main = new Set(FEATURES.flatMap((feature) => Object.keys(feature['zh-CN'])));
    expect(Object.keys(zh).filter((key) => main.has(key))).toEqual([]);
  });

  it('are there once a page of theirs loads, and loading again changes nothing', () => {
    expect(MESSAGES.en['growth.add']).toBeUndefined();
    loadChildrenPagesMessages();
    loadChildrenPagesMessages();
    expect(translate('en', 'growth.add')).toBe('Add a record');
    expect(translate('zh-CN', 'children.title')).toBe('宝宝');
  });
});

import { describe, expect, it } from 'vitest';
import type { TaroStorage } from '../api/token-store';
import { loadRecentTags, RECENT_TAGS_MAX, rememberTag, withRecentTag } from './recent-tags';

function memoryStorage(initial: Record<string, unknown> = {}): TaroStorage {
  const data = new Map(Object.entries(initial));
  return {
    getStorage: async ({ key }) => {
      if (!data.has(key)) throw new Error('getStorage:fail data not found');
      return { data: data.get(key) };
    },
    setStorage: async ({ key, data: value }) => data.set(key, value),
    removeStorage: async ({ key }) => data.delete(key),
  };
}

describe('recent tags', () => {
  it('keeps the latest first, once, bounded', () => {
    expect(withRecentTag(['a', 'b'], '#B')).toEqual(['b', 'a']);
    expect(withRecentTag(['a'], '  ')).toEqual(['a']);
    const many = Array.from({ length: RECENT_TAGS_MAX }, (_, n) => `t${n}`);
    expect(withRecentTag(many, 'new')).toEqual(['new', ...many.slice(0, RECENT_TAGS_MAX - 1)]);
  });

  it('survives on the device, and a missing or malformed record is no tags', async () => {
    const storage = memoryStorage();
    expect(await loadRecentTags(storage)).toEqual([]);
    await rememberTag(storage, 'Autumn');
    expect(await rememberTag(storage, '湖')).toEqual(['湖', 'autumn']);
    expect(await loadRecentTags(storage)).toEqual(['湖', 'autumn']);
    expect(await loadRecentTags(memoryStorage({ 'xiaojia.discover.recentTags': '{oops' }))).toEqual([]);
    expect(await loadRecentTags(memoryStorage({ 'xiaojia.discover.recentTags': '[1,"ok"]' }))).toEqual(['ok']);
  });
});

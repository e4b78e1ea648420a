import type { Memories } from '@xiaojia/shared';
import { describe, expect, it } from 'vitest';
import type { TaroStorage } from '../../api/token-store';
import { translate } from '../../i18n';
import { hasMemories, hiddenOn, hideFor, occasionText, yearText } from './memories';

const zh = (key: string, params?: Record<string, string | number>) => translate('zh-CN', key, params);
const en = (key: string, params?: Record<string, string | number>) => translate('en', key, params);
const occasion = (kind: 'months' | 'years' | 'days', value: number) => ({
  childId: '01900000-0000-7000-8000-000000000001',
  childName: '宝宝',
  kind,
  value,
});

describe('what the "那年今日" card says', () => {
  it("names each child's occasion, in both languages with plurals", () => {
    expect(occasionText(occasion('months', 6), zh)).toBe('宝宝 6个月啦');
    expect(occasionText(occasion('years', 1), zh)).toBe('宝宝 1岁啦');
    expect(occasionText(occasion('days', 100), zh)).toBe('宝宝 100天啦');
    expect(occasionText(occasion('months', 1), en)).toBe('宝宝 is 1 month old today');
    expect(occasionText(occasion('months', 7), en)).toBe('宝宝 is 7 months old today');
    expect(occasionText(occasion('years', 2), en)).toBe('宝宝 turns 2 today');
  });

  it('counts the years ago and the photos', () => {
    const year = { year: 2023, yearsAgo: 3, count: 12, photos: [] } as unknown as Memories['years'][number];
    expect(yearText(year, zh)).toBe('3年前的今天 · 12张');
    expect(yearText({ ...year, yearsAgo: 1, count: 1 }, en)).toBe('1 year ago today · 1 photo');
    expect(yearText(year, en)).toBe('3 years ago today · 12 photos');
  });

  it('shows only when there is something to show', () => {
    expect(hasMemories(undefined)).toBe(false);
    expect(hasMemories({ years: [], occasions: [], urlsExpireAt: '' })).toBe(false);
    expect(hasMemories({ years: [], occasions: [occasion('days', 100)], urlsExpireAt: '' })).toBe(true);
  });
});

describe('hiding the card for the day', () => {
  function memoryStorage(failing = false): TaroStorage & { data: Map<string, string> } {
    const data = new Map<string, string>();
    return {
      data,
      async getStorage({ key }) {
        if (failing || !data.has(key)) throw new Error('getStorage:fail');
        return { data: data.get(key) };
      },
      async setStorage({ key, data: value }) {
        if (failing) throw new Error('setStorage:fail');
        data.set(key, value);
        return {};
      },
      async removeStorage({ key }) {
        data.delete(key);
        return {};
      },
    };
  }

  it('remembers the day per home', async () => {
    const storage = memoryStorage();
    expect(await hiddenOn(storage, 'h1')).toBeNull();
    await hideFor(storage, 'h1', '2026-06-01');
    expect(await hiddenOn(storage, 'h1')).toBe('2026-06-01');
    expect(await hiddenOn(storage, 'h2')).toBeNull();
  });

  it('reads failing storage as never hidden, and a failed write as harmless', async () => {
    const storage = memoryStorage(true);
    await expect(hideFor(storage, 'h1', '2026-06-01')).resolves.toBeUndefined();
    expect(await hiddenOn(storage, 'h1')).toBeNull();
  });
});

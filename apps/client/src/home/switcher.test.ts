import { describe, expect, it } from 'vitest';
import { home } from '../../test/support/homes';
import { setLocale, t } from '../i18n';
import { chooseHome, sheetPage } from './switcher';

describe('home switcher sheet', () => {
  setLocale('zh-CN');
  const few = [home('h1', 'owner', '我的家'), home('h2', 'viewer', '外婆的家')];

  it('lists up to six homes with the role in plain words, the current one marked', () => {
    expect(sheetPage(few, 0, 'h2', t)).toEqual({
      labels: ['我的家（主人）', '✓ 外婆的家（亲友）'],
      ids: ['h1', 'h2'],
    });
  });

  it('pages more than six homes five at a time, with "More…" last, wrapping round', () => {
    const many = Array.from({ length: 12 }, (_, i) => home(`h${i}`, 'member', `家${i}`));
    expect(sheetPage(many, 0, undefined, t).ids).toEqual(['h0', 'h1', 'h2', 'h3', 'h4', null]);
    expect(sheetPage(many, 0, undefined, t).labels[5]).toBe('更多…');
    expect(sheetPage(many, 2, undefined, t).ids).toEqual(['h10', 'h11', null]);
    expect(sheetPage(many, 3, undefined, t).ids[0]).toBe('h0');
  });

  it('answers the home tapped, through "More…" pages, or null when the sheet is closed', async () => {
    const many = Array.from({ length: 8 }, (_, i) => home(`h${i}`, 'member', `家${i}`));
    const taps = [5, 1];
    const shown: string[][] = [];
    const sheet = async ({ itemList }: { itemList: string[] }) => {
      shown.push(itemList);
      return { tapIndex: taps.shift() ?? 0 };
    };
    await expect(chooseHome(many, 'h0', t, sheet)).resolves.toBe('h6');
    expect(shown).toHaveLength(2);
    const closed = () => Promise.reject(new Error('showActionSheet:fail cancel'));
    await expect(chooseHome(few, 'h1', t, closed)).resolves.toBeNull();
  });
});

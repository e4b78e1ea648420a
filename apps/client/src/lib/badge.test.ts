import Taro from '@tarojs/taro';
import { ACTIVITY_UNREAD_MAX } from '@xiaojia/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { badgeText, FEED_TAB_INDEX, showFeedBadge } from './badge';

describe('the feed badge', () => {
  afterEach(() => vi.restoreAllMocks());

  it('counts up to ACTIVITY_UNREAD_MAX, then says "99+"; nothing unread is no badge', () => {
    expect(badgeText(0)).toBeNull();
    expect(badgeText(-1)).toBeNull();
    expect(badgeText(Number.NaN)).toBeNull();
    expect(badgeText(1)).toBe('1');
    expect(badgeText(ACTIVITY_UNREAD_MAX)).toBe('99');
    expect(badgeText(ACTIVITY_UNREAD_MAX + 1)).toBe('99+');
    expect(badgeText(12_345)).toBe('99+');
  });

  it('sets the text on the feed tab, removes it at zero, and shrugs off a tab bar that is not there', async () => {
    const set = vi.fn(() => Promise.reject(new Error('setTabBarBadge:fail tabbar item not found')));
    const remove = vi.fn(() => Promise.resolve({ errMsg: 'removeTabBarBadge:ok' }));
    Object.assign(Taro, { setTabBarBadge: set, removeTabBarBadge: remove });
    showFeedBadge(120);
    showFeedBadge(0);
    await Promise.resolve();
    expect(set).toHaveBeenCalledWith({ index: FEED_TAB_INDEX, text: '99+' });
    expect(remove).toHaveBeenCalledWith({ index: FEED_TAB_INDEX });
  });
});

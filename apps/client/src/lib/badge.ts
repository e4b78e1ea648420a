/** The feed tab's unread badge: its text, and the one place that puts it on (or takes it off) the tab bar. */
import Taro from '@tarojs/taro';
import { ACTIVITY_UNREAD_MAX } from '@xiaojia/shared';

/** The feed's place in the tab bar (app.config.ts: 时间线, 相册, 发现, 动态, 我的). */
export const FEED_TAB_INDEX = 3;

/** "3", "99+" past ACTIVITY_UNREAD_MAX; null for nothing unread (no badge at all). */
export function badgeText(count: number): string | null {
  if (!Number.isFinite(count) || count < 1) return null;
  return count > ACTIVITY_UNREAD_MAX ? `${ACTIVITY_UNREAD_MAX}+` : String(Math.floor(count));
}

/**
 * Shows the count on the feed tab. weapp draws it natively; Taro's H5 tab bar (taro-tabbar) and RN tab
 * bar (@tarojs/router-rn) both implement setTabBarBadge / removeTabBarBadge too. Refused calls (no tab
 * bar on this page yet, e.g. H5 before it mounts) are harmless: the next poll sets it again.
 */
export function showFeedBadge(count: number): void {
  const text = badgeText(count);
  const done = text
    ? Taro.setTabBarBadge({ index: FEED_TAB_INDEX, text })
    : Taro.removeTabBarBadge({ index: FEED_TAB_INDEX });
  void Promise.resolve(done).catch(() => undefined);
}

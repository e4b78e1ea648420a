import type { QueryClient } from '@tanstack/react-query';
import Taro from '@tarojs/taro';
import { clearWhenUnobserved } from './api/query';

/** Every page's route, for Taro.navigateTo / switchTab / reLaunch. Tab pages must be opened with switchTab. */
export const ROUTES = {
  welcome: '/pages/welcome/index',
  timeline: '/pages/timeline/index',
  upload: '/pages/upload/index',
  viewer: '/pages/viewer/index',
  albums: '/pages/albums/index',
  feed: '/pages/feed/index',
  album: '/pages/album/index',
  trash: '/pages/trash/index',
  storage: '/pages/storage/index',
  account: '/pages/account/index',
  serverStatus: '/pages/home/index',
  // The family pages (weapp subpackages; app.config.ts).
  members: '/pages/members/index',
  invite: '/pages/invite/index',
  join: '/pages/join/index',
  // The children's pages (weapp subpackages too).
  children: '/pages/children/index',
  milestones: '/pages/milestones/index',
  growth: '/pages/growth/index',
  // 维扣图元, the community (issue 17): the 发现 tab, then subpackages.
  discover: '/pages/discover/index',
  work: '/pages/work/index',
  publish: '/pages/publish/index',
  profile: '/pages/profile/index',
  tag: '/pages/tag/index',
  messages: '/pages/messages/index',
  conversation: '/pages/conversation/index',
  challenges: '/pages/challenges/index',
  challenge: '/pages/challenge/index',
  blocked: '/pages/blocked/index',
  review: '/pages/review/index',
} as const;

/** The tab bar's pages (Timeline / Albums / Discover / Activity / Me). */
export const TAB_ROUTES: readonly string[] = [
  ROUTES.timeline,
  ROUTES.albums,
  ROUTES.discover,
  ROUTES.feed,
  ROUTES.account,
];

/** A route with query parameters, values URL-encoded. */
export function withQuery(route: string, params: Record<string, string | number | boolean | undefined>): string {
  const query = Object.entries(params)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
  return query ? `${route}?${query}` : route;
}

/** Leaves the signed-in app for the welcome page (`reason` says why there) and forgets that account's cache. */
export async function restartAtWelcome(queryClient: QueryClient, reason?: string): Promise<void> {
  await Taro.reLaunch({ url: withQuery(ROUTES.welcome, { reason }) });
  await clearWhenUnobserved(queryClient);
}

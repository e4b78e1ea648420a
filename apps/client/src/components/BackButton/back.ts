/** The back button's decisions, kept pure for tests: whether to draw it, and where it leads. */

export type BackStep = { kind: 'back' } | { kind: 'tab'; url: string };

/**
 * WeChat's navigation bar always has a way back (its back arrow, or a home button on a page opened first
 * from a share card); React Native's stack header has a back arrow when there is a page to go back to.
 * The H5 declares itself a home-screen app, where there is no browser back: it always needs ours.
 */
export function showsBackButton(platform: string | undefined, hasHistory: boolean): boolean {
  if (platform === 'weapp') return false;
  if (platform === 'rn') return !hasHistory;
  return true;
}

/** Back to the page that opened this one; opened first (a shared link, a reload), to its tab instead. */
export function backStep(hasHistory: boolean, fallbackTab: string): BackStep {
  return hasHistory ? { kind: 'back' } : { kind: 'tab', url: fallbackTab };
}

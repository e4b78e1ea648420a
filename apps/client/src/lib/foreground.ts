/**
 * Whether the app is in front of the user (H5: the tab is visible). What polls (the feed's unread count)
 * stops while it is not. Per platform: foreground.weapp.ts (onAppShow/onAppHide), foreground.rn.ts (AppState).
 */
import { useSyncExternalStore } from 'react';

const visible = () => typeof document === 'undefined' || document.visibilityState !== 'hidden';

function subscribe(listener: () => void): () => void {
  if (typeof document === 'undefined') return () => undefined;
  document.addEventListener('visibilitychange', listener);
  return () => document.removeEventListener('visibilitychange', listener);
}

export function useForeground(): boolean {
  return useSyncExternalStore(subscribe, visible, visible);
}

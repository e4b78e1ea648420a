/** The React Native app is in front of the user while AppState is 'active' (foreground.ts says why). */
import { useSyncExternalStore } from 'react';
import { AppState } from 'react-native';

const current = () => AppState.currentState !== 'background' && AppState.currentState !== 'inactive';

function subscribe(listener: () => void): () => void {
  const subscription = AppState.addEventListener('change', listener);
  return () => subscription.remove();
}

export function useForeground(): boolean {
  return useSyncExternalStore(subscribe, current, current);
}

/** The mini-program is in front of the user between onAppShow and onAppHide (foreground.ts says why). */
import Taro from '@tarojs/taro';
import { useSyncExternalStore } from 'react';

let shown = true;
const listeners = new Set<() => void>();
let listening = false;

function listen() {
  if (listening) return;
  listening = true;
  const set = (value: boolean) => () => {
    shown = value;
    for (const listener of listeners) listener();
  };
  Taro.onAppShow(set(true));
  Taro.onAppHide(set(false));
}

function subscribe(listener: () => void): () => void {
  listen();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const current = () => shown;

export function useForeground(): boolean {
  return useSyncExternalStore(subscribe, current, current);
}

/**
 * WeChat's and React Native's network state for the multipart uploader: Taro.getNetworkType once, then
 * Taro.onNetworkStatusChange (one platform listener, fanned out). Until the first answer it counts as
 * online: a request that fails then is retried like any other.
 */
import Taro from '@tarojs/taro';
import type { NetworkMonitor } from './net-gate';

let current = true;
let listening = false;
const listeners = new Set<(online: boolean) => void>();

function set(online: boolean) {
  if (online === current) return;
  current = online;
  for (const listener of [...listeners]) listener(online);
}

function listen() {
  if (listening) return;
  listening = true;
  Taro.getNetworkType()
    .then(({ networkType }) => set(networkType !== 'none'))
    .catch(() => undefined);
  Taro.onNetworkStatusChange(({ isConnected }) => set(isConnected));
}

export function taroNetwork(): NetworkMonitor {
  listen();
  return {
    online: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

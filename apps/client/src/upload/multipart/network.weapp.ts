/** Taro's network events on this platform (network-taro.ts). */
import type { NetworkMonitor } from './net-gate';
import { taroNetwork } from './network-taro';

export function platformNetwork(): NetworkMonitor {
  return taroNetwork();
}

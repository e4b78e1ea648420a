/**
 * The current home: which of the user's homes this device shows. The server keeps no "current home"
 * (every procedure names its home), so the device remembers the choice in Taro storage. When nothing is
 * stored, or the stored home is gone (the user left or was removed, the home was deleted), the first home
 * of homes.list is current. Plain module: the hook lives in ./use-current-home.
 */

import type { Home } from '@xiaojia/shared';
import { taroStorage } from '../api/platform';
import type { TaroStorage } from '../api/token-store';

export const CURRENT_HOME_STORAGE_KEY = 'xiaojia.currentHomeId';

/** The stored home if the user is still in it, else the first one; null when the user has no home. */
export function pickCurrentHome(homes: readonly Home[], storedId: string | null): Home | null {
  return homes.find((home) => home.id === storedId) ?? homes[0] ?? null;
}

export interface CurrentHomeStore {
  /** The stored id; undefined until storage has been read (see load). */
  peek(): string | null | undefined;
  /** Reads storage once; later calls answer at once. Storage that fails reads as "nothing stored". */
  load(): Promise<string | null>;
  /** Remembers the home (in memory at once, then in storage; a failed write keeps the memory). */
  set(id: string | null): Promise<void>;
  subscribe(listener: () => void): () => void;
}

export function createCurrentHomeStore(storage: () => TaroStorage): CurrentHomeStore {
  let value: string | null | undefined;
  let loading: Promise<string | null> | null = null;
  const listeners = new Set<() => void>();
  const change = (next: string | null) => {
    if (value === next) return;
    value = next;
    for (const listener of listeners) listener();
  };
  return {
    peek: () => value,
    load() {
      if (value !== undefined) return Promise.resolve(value);
      loading ??= Promise.resolve()
        .then(() => storage().getStorage({ key: CURRENT_HOME_STORAGE_KEY }))
        .then(
          ({ data }) => (typeof data === 'string' && data !== '' ? data : null),
          () => null,
        )
        .then((stored) => {
          loading = null;
          // A choice made while storage was being read wins over what was stored.
          if (value === undefined) change(stored);
          return value ?? null;
        });
      return loading;
    },
    async set(id) {
      change(id);
      try {
        if (id === null) await storage().removeStorage({ key: CURRENT_HOME_STORAGE_KEY });
        else await storage().setStorage({ key: CURRENT_HOME_STORAGE_KEY, data: id });
      } catch {
        // Storage refused (full, or missing in a test): the choice holds until the app closes.
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The device's store (Taro storage: wx storage on weapp, localStorage on H5, AsyncStorage on RN). */
export const currentHomeStore: CurrentHomeStore = createCurrentHomeStore(() => taroStorage);

/** Whether a query key (tRPC's `[path, { input }]`) belongs to one home: its input names the home. */
export function isHomeScopedKey(queryKey: readonly unknown[], homeId?: string): boolean {
  const meta = queryKey[1];
  if (!meta || typeof meta !== 'object' || !('input' in meta)) return false;
  const input = (meta as { input: unknown }).input;
  if (!input || typeof input !== 'object' || !('homeId' in input)) return false;
  return homeId === undefined || (input as { homeId: unknown }).homeId === homeId;
}

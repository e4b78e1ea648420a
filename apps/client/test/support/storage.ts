/** Taro storage in memory, as the platforms behave: a key never stored fails with "data not found". */
import type { TaroStorage } from '../../src/api/token-store';

export function memoryStorage() {
  const data = new Map<string, string>();
  const storage: TaroStorage = {
    async getStorage({ key }) {
      if (!data.has(key)) throw { errMsg: 'getStorage:fail data not found' };
      return { data: data.get(key) };
    },
    async setStorage({ key, data: value }) {
      data.set(key, value);
    },
    async removeStorage({ key }) {
      data.delete(key);
    },
  };
  return { storage, data };
}

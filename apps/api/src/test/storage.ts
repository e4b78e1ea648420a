/** A home bound to "Qiniu" in tests: the test server's own store as a strict Kodo peer, with its keys. */
import path from 'node:path';
import { loadOrCreateKeys } from '../storage/embedded/keys.js';
import type { StorageError } from '../storage/provider.js';
import type { callerFor, TestDeps } from './deps.js';

/** The StorageError a provider call threw (fails the test when it did not throw). */
export async function storageRefusal(run: () => Promise<unknown>): Promise<StorageError> {
  try {
    await run();
  } catch (error) {
    return error as StorageError;
  }
  throw new Error('expected a refusal');
}

/** Binds `account`'s home to the peer bucket, as its owner would bind a Qiniu bucket; returns the keys. */
export async function bindStorePeer(deps: TestDeps, account: { caller: ReturnType<typeof callerFor>; homeId: string }) {
  const keys = await loadOrCreateKeys(path.join(deps.config.storeDir, 'store-keys.json'));
  await account.caller.storage.bind({
    homeId: account.homeId,
    ...keys,
    bucket: 'xiaojia-local',
    domain: deps.origin,
    region: 'z0',
  });
  return keys;
}

/**
 * The embedded store seen as a Kodo bucket by the API's storage layer. Clients get URLs on the origin
 * they reached us at; reads (stat, the download path) use the store in this process directly, and deletes go
 * to the process itself over loopback, so they work behind any proxy or NAT.
 */
import { type EmbeddedStore, ObjectNotFoundError } from './embedded/index.js';
import type { KodoTarget } from './kodo.js';
import { StorageError } from './provider.js';
import type { EmbeddedBucket } from './resolver.js';

export function embeddedBucket(store: EmbeddedStore, internalOrigin: () => string): EmbeddedBucket {
  const bucket: EmbeddedBucket = {
    internalTarget: () => bucket.target(internalOrigin()),
    target(origin: string): KodoTarget {
      const outside = store.endpoints(origin);
      const inside = store.endpoints(internalOrigin());
      const scheme = inside.useHttpsDomain ? 'https' : 'http';
      return {
        kind: 'embedded',
        bucket: store.bucket,
        domain: outside.downloadDomain,
        accessKey: store.credentials.accessKey,
        secretKey: store.credentials.secretKey,
        endpoints: {
          upload: outside.uploadUrl,
          download: outside.downloadDomain,
          rs: `${scheme}://${inside.rsHost}`,
          rsf: `${scheme}://${inside.rsfHost}`,
          uc: `${scheme}://${inside.apiHost}`,
        },
      };
    },
    stat: (key) => store.stat(key),
    avinfo: (key) => store.avinfo(key),
    async open(key, range) {
      try {
        return await store.open(key, range);
      } catch (error) {
        if (error instanceof ObjectNotFoundError) throw new StorageError('not_found', 'No such object', 404);
        throw error;
      }
    },
  };
  return bucket;
}

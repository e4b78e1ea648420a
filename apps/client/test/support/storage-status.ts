import type { StorageStatus } from '@xiaojia/shared';

/** storage.status of a home on the server's own store (no bucket bound). */
export const EMBEDDED_STATUS: StorageStatus = {
  provider: 'embedded',
  bucket: null,
  domain: null,
  region: null,
  accessKeyMasked: null,
  verifiedAt: null,
  lastError: null,
  unboundPhotoCount: 0,
};

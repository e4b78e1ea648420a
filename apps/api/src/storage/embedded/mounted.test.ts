/** The store as the running API serves it: mounted by createHttpServer beside /trpc and /healthz. */
import path from 'node:path';
import qiniu from 'qiniu';
import { describe, expect, it } from 'vitest';
import { UPLOAD_REQUEST_TIMEOUT_MS } from '../../server.js';
import { createTestDeps } from '../../test/deps.js';
import { DEFAULT_BUCKET, storeEndpoints } from './index.js';
import { loadOrCreateKeys } from './keys.js';

describe('embedded store mounted in the API server', () => {
  it('takes an SDK upload and serves it signed, next to the API routes', async () => {
    const deps = await createTestDeps();
    // The keys the server generated on its first start, read from where it keeps them.
    const keys = await loadOrCreateKeys(path.join(deps.config.storeDir, 'store-keys.json'));
    const mac = new qiniu.auth.digest.Mac(keys.accessKey, keys.secretKey);
    const e = storeEndpoints(deps.origin);
    const config = new qiniu.conf.Config({
      zone: new qiniu.conf.Zone([e.upHost], [], e.ioHost, e.rsHost, e.rsfHost, e.apiHost),
    });
    const token = new qiniu.rs.PutPolicy({ scope: `${DEFAULT_BUCKET}:mounted.txt`, expires: 60 }).uploadToken(mac);
    const up = await new qiniu.form_up.FormUploader(config).put(token, 'mounted.txt', Buffer.from('mounted'), null);
    expect(up.resp.statusCode).toBe(200);

    const manager = new qiniu.rs.BucketManager(mac, config);
    const url = manager.privateDownloadUrl(e.downloadDomain, 'mounted.txt', Math.floor(Date.now() / 1000) + 60);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('mounted');

    expect((await fetch(`${deps.origin}/healthz`)).status).toBe(200);
    const unknown = await fetch(`${deps.origin}/store/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'not found' });
  });

  it('lets a long upload run past Node’s default five-minute request timeout', async () => {
    const deps = await createTestDeps();
    expect(deps.server.requestTimeout).toBe(UPLOAD_REQUEST_TIMEOUT_MS);
    expect(UPLOAD_REQUEST_TIMEOUT_MS).toBeGreaterThanOrEqual(60 * 60 * 1000);
    // Slow senders of headers are still cut early.
    expect(deps.server.headersTimeout).toBeLessThanOrEqual(60_000);
  });
});

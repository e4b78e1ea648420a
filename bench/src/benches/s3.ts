/**
 * S3 buckets against Qiniu ones (issue 16), in this process, with no storage reached (signing is local):
 * 16a. signing one presigned GET (S3Storage.signedUrl, SigV4 query auth) against Kodo's privateDownloadUrl
 *      (KodoStorage.signedUrl, the figure 3d measures inside a round trip);
 * 16b. the storage-dependent part of a photos.list page of 100: open the binding's sealed secret, make its
 *      provider, sign 100 thumbnail URLs into DTOs (PhotoViews does this per request), for an S3 binding
 *      against a Qiniu binding. The SQL and the HTTP around it are the same for both kinds of bucket.
 */

import type { StorageBinding } from '../../../apps/api/src/db/schema.js';
import { systemClock } from '../../../apps/api/src/integrations/clock.js';
import { createSealer } from '../../../apps/api/src/integrations/crypto.js';
import { randomKey } from '../../../apps/api/src/integrations/secrets.js';
import { boundProvider, sealContext } from '../../../apps/api/src/storage/resolver.js';
import type { BenchContext } from '../lib/context.js';
import { alternate, compared, type Figure, mean } from '../lib/stats.js';

const PAGE = 100;
const HOME = '01900000-0000-7000-8000-000000000001';

function microseconds(calls: number, run: (i: number) => void): number {
  const started = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) run(i);
  return Number(process.hrtime.bigint() - started) / 1e3 / calls;
}

export async function benchS3(ctx: BenchContext): Promise<Figure[]> {
  const sealer = createSealer(randomKey());
  const now = new Date().toISOString();
  const common = {
    id: '01900000-0000-7000-8000-0000000000b1',
    home_id: HOME,
    created_by: HOME,
    status: 'active' as const,
    verified_at: now,
    last_error: null,
    created_at: now,
    updated_at: now,
  };
  const qiniu: StorageBinding = {
    ...common,
    provider: 'qiniu',
    bucket: 'family-photos',
    domain: 'https://img.example.com',
    region: 'z0',
    access_key: 'A'.repeat(40),
    secret_key_sealed: sealer.seal('b'.repeat(40), sealContext(HOME)),
    preset: null,
    endpoint: null,
    path_style: null,
  };
  const s3: StorageBinding = {
    ...common,
    provider: 's3',
    bucket: 'photos-1250000000',
    domain: '',
    region: 'ap-guangzhou',
    access_key: 'AKIDEXAMPLEEXAMPLEEXAMPLE',
    secret_key_sealed: sealer.seal('secret/example+key/0123456789abcdef', sealContext(HOME)),
    preset: 'minio',
    endpoint: 'https://s3.example.com',
    path_style: 1,
  };
  const expiresAt = new Date(Date.now() + 3600_000);
  const keys = Array.from({ length: PAGE }, (_, i) => `h/${HOME}/2026/12/0190000${i}.jpg`);
  const provider = (binding: StorageBinding) =>
    boundProvider(binding, sealer.open(binding.secret_key_sealed, sealContext(binding.home_id)), systemClock);

  const signOne = (binding: StorageBinding) => {
    const p = provider(binding);
    return async () =>
      microseconds(ctx.quick ? 20_000 : 100_000, (i) => p.signedUrl(keys[i % PAGE] as string, expiresAt, 'thumb'));
  };
  /** One page's storage work: unseal, provider, 100 URLs in DTO-like objects; pages per second. */
  const pages = (binding: StorageBinding) => async () => {
    const n = ctx.quick ? 300 : 1500;
    const started = process.hrtime.bigint();
    for (let r = 0; r < n; r++) {
      const p = provider(binding);
      const items = keys.map((key) => ({ key, thumbUrl: p.signedUrl(key, expiresAt, 'thumb') }));
      if (items.length !== PAGE) throw new Error('short page');
    }
    return n / (Number(process.hrtime.bigint() - started) / 1e9);
  };

  // Warm both paths (JIT, signing-key caches are per provider, as per request in the API).
  await signOne(s3)();
  await signOne(qiniu)();
  await pages(s3)();
  await pages(qiniu)();
  const signS3: number[] = [];
  const signKodo: number[] = [];
  const pageS3: number[] = [];
  const pageKodo: number[] = [];
  for (let r = 0; r < ctx.runs; r++) {
    const [a, b] = await alternate(4, signOne(s3), signOne(qiniu));
    signS3.push(mean(a));
    signKodo.push(mean(b));
    const [c, d] = await alternate(4, pages(s3), pages(qiniu));
    pageS3.push(mean(c));
    pageKodo.push(mean(d));
    ctx.log(
      `  s3 run ${r + 1}: sign ${mean(a).toFixed(2)} vs ${mean(b).toFixed(2)} µs; pages ${mean(c).toFixed(0)} vs ${mean(d).toFixed(0)}/s`,
    );
  }
  return [
    compared(
      {
        id: '16a',
        name: 'signing one presigned GET (S3Storage.signedUrl, SigV4)',
        unit: 'µs',
        baselineName: "Kodo's privateDownloadUrl (KodoStorage.signedUrl)",
      },
      signS3,
      signKodo,
    ),
    compared(
      {
        id: '16b',
        name: `photos.list storage work for a page of ${PAGE} (unseal, provider, ${PAGE} signed thumbnail URLs), S3 bucket`,
        unit: 'pages/s',
        baselineName: 'the same page in a Qiniu bucket',
        target: { on: 'ratio', op: '>=', limit: 0.9 },
      },
      pageS3,
      pageKodo,
    ),
  ];
}

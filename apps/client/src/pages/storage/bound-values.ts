/**
 * What the binding form starts from when rotating keys over a bound bucket: the provider, bucket and
 * where it lives, as the status tells them (never a key).
 */
import type { StorageStatus } from '@xiaojia/shared';
import type { BindValues } from '../../components/StorageBindForm/binding';

/** R2's endpoint is https://<account id>.r2.cloudflarestorage.com. */
const R2_ENDPOINT = /^https:\/\/([0-9a-f]{32})\.r2\.cloudflarestorage\.com$/;

export function bindingInitial(status: StorageStatus): Partial<Omit<BindValues, 'secretKey'>> | undefined {
  const bucket = status.bucket ?? '';
  if (status.provider === 'qiniu') {
    return { choice: 'qiniu', bucket, domain: status.domain ?? '', region: status.region ?? '' };
  }
  if (status.provider !== 's3' || !status.s3) return undefined;
  const { preset, endpoint, region, pathStyle } = status.s3;
  const own = preset === 'minio' || preset === 'custom';
  return {
    choice: preset,
    bucket,
    domain: status.domain ?? '',
    region: preset === 'r2' ? '' : region,
    accountId: preset === 'r2' ? (R2_ENDPOINT.exec(endpoint)?.[1] ?? '') : '',
    endpoint: own ? endpoint : '',
    pathStyle,
  };
}

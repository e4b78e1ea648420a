/**
 * Common regions offered as shortcuts on the binding form (any other region id may be typed; the shared
 * presets check its shape). Ids as each provider's documentation lists them: Tencent COS "Regions and
 * Access Endpoints" (cloud.tencent.com/document/product/436/6224), Aliyun OSS "Regions and endpoints"
 * (help.aliyun.com/document_detail/31837.html), AWS "Amazon S3 endpoints". MinIO and custom endpoints
 * take any region their server was set up with (us-east-1 unless changed).
 */
import type { S3Preset } from '@xiaojia/shared';
import type { Translate } from '../../i18n';

const CHOICES = {
  cos: [
    'ap-guangzhou',
    'ap-shanghai',
    'ap-beijing',
    'ap-chengdu',
    'ap-chongqing',
    'ap-nanjing',
    'ap-hongkong',
    'ap-singapore',
  ],
  oss: [
    'cn-hangzhou',
    'cn-shanghai',
    'cn-beijing',
    'cn-shenzhen',
    'cn-qingdao',
    'cn-zhangjiakou',
    'cn-chengdu',
    'cn-hongkong',
    'ap-southeast-1',
  ],
  aws: ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-northeast-1', 'ap-southeast-1', 'ap-east-1'],
} as const satisfies Partial<Record<S3Preset, readonly string[]>>;

export const S3_REGION_CHOICES: Partial<Record<S3Preset, readonly string[]>> = CHOICES;

type Named = { [P in keyof typeof CHOICES]: `${P}.${(typeof CHOICES)[P][number]}` }[keyof typeof CHOICES];

/**
 * A region chip's name in the user's language ("华东-上海" / "East China (Shanghai)",
 * locales/storage-regions.ts); null for a region that is not one of the chips (its id is all there is).
 */
export function s3RegionName(t: Translate, preset: string, region: string): string | null {
  const choices: readonly string[] | undefined = S3_REGION_CHOICES[preset as S3Preset];
  if (!choices?.includes(region)) return null;
  return t(`storage.s3.region.${preset}.${region}` as `storage.s3.region.${Named}`);
}

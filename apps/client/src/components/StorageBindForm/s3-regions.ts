/**
 * Common regions offered as shortcuts on the binding form (any other region id may be typed; the shared
 * presets check its shape). Ids as each provider's documentation lists them: Tencent COS "Regions and
 * Access Endpoints" (cloud.tencent.com/document/product/436/6224), Aliyun OSS "Regions and endpoints"
 * (help.aliyun.com/document_detail/31837.html), AWS "Amazon S3 endpoints". MinIO and custom endpoints
 * take any region their server was set up with (us-east-1 unless changed).
 */
import type { S3Preset } from '@xiaojia/shared';

export const S3_REGION_CHOICES: Partial<Record<S3Preset, readonly string[]>> = {
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
};

import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { zBindStorageInput } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { element, pendingBind, refusal, text, type } from '../../../test/support/bind-form';
import { setLocale } from '../../i18n';
import { StorageBindForm } from './index';

const KEYS = { accessKey: 'AKIDexample0123456789', secretKey: 'secret/key+0123456789=abc' };
const ORIGIN = window.location.origin;

function choose(provider: string) {
  fireEvent.click(element(`#bind-provider-${provider}`));
}

async function submitted(server: ReturnType<typeof pendingBind>) {
  fireEvent.click(element('#bind-submit'));
  await waitFor(() => expect(server.calls).toHaveLength(1));
  return server.calls[0];
}

describe('binding an S3-compatible bucket', () => {
  beforeEach(() => setLocale('zh-CN'));
  afterEach(cleanup);

  it('offers every provider, Qiniu first', async () => {
    render(<StorageBindForm bind={pendingBind().bind} />);
    await waitFor(() => element('#bind-provider'));
    expect(text('#bind-provider')).toBe('七牛云 Kodo腾讯云 COS阿里云 OSSCloudflare R2MinIOAWS S3其他 S3 兼容');
    expect(element('#bind-provider-qiniu').getAttribute('aria-selected')).toBe('true');
  });

  it.each([
    [
      'cos',
      async () => {
        await type('bucket', 'photos-1250000000');
        fireEvent.click(element('#bind-region-ap-guangzhou'));
      },
      { bucket: 'photos-1250000000', region: 'ap-guangzhou' },
    ],
    [
      'oss',
      async () => {
        await type('bucket', 'family-photos');
        await type('region', 'cn-hangzhou');
        await type('domain', 'https://IMG.example.com/');
      },
      { bucket: 'family-photos', region: 'cn-hangzhou', domain: 'https://img.example.com' },
    ],
    [
      'r2',
      async () => {
        await type('bucket', 'family-photos');
        await type('accountId', '0123456789ABCDEF0123456789abcdef');
      },
      { bucket: 'family-photos', accountId: '0123456789ABCDEF0123456789abcdef' },
    ],
    [
      'minio',
      async () => {
        await type('bucket', 'family-photos');
        await type('endpoint', 'http://192.168.1.5:9000');
      },
      { bucket: 'family-photos', endpoint: 'http://192.168.1.5:9000', pathStyle: true },
    ],
    [
      'aws',
      async () => {
        await type('bucket', 'family.photos');
        fireEvent.click(element('#bind-region-ap-east-1'));
      },
      { bucket: 'family.photos', region: 'ap-east-1' },
    ],
    [
      'custom',
      async () => {
        await type('bucket', 'family-photos');
        await type('endpoint', 'https://s3.example.com');
        await type('region', 'eu-1');
        fireEvent.click(element('#bind-pathStyle'));
      },
      { bucket: 'family-photos', endpoint: 'https://s3.example.com', region: 'eu-1', pathStyle: false },
    ],
  ] as const)('%s: its own fields, validated, sent as zBindStorageInput', async (preset, fill, where) => {
    const server = pendingBind();
    render(<StorageBindForm bind={server.bind} />);
    await waitFor(() => element('#bind-provider'));
    choose(preset);
    // Nothing filled: what is missing is said and nothing is sent.
    fireEvent.click(element('#bind-submit'));
    await waitFor(() => expect(text('#bind-error-bucket')).toBe('请填写存储桶名称'));
    expect(server.calls).toEqual([]);

    await type('accessKey', KEYS.accessKey);
    await type('secretKey', KEYS.secretKey);
    await fill();
    const sent = await submitted(server);
    expect(sent).toEqual(zBindStorageInput.parse({ provider: 's3', preset, ...KEYS, ...where }));
    expect(sent).toMatchObject({ provider: 's3', preset });
    expect(text('#bind-submit')).toContain('正在向');
  });

  it('asks for what locates the bucket and names its shape for the provider', async () => {
    render(<StorageBindForm bind={pendingBind().bind} />);
    await waitFor(() => element('#bind-provider'));
    choose('cos');
    expect(document.querySelector('#bind-domain')).not.toBeNull();
    expect(document.querySelector('#bind-accountId')).toBeNull();
    await type('region', 'guangzhou');
    expect(text('#bind-error-region')).toBe('区域 ID 形如 ap-guangzhou，请从控制台复制');
    expect(text('#bind-form')).toContain('SecretId');
    choose('r2');
    expect(document.querySelector('#bind-region')).toBeNull();
    await type('accountId', 'abc');
    expect(text('#bind-error-accountId')).toContain('32 位十六进制');
    choose('minio');
    await type('endpoint', 'minio.local:9000');
    expect(text('#bind-error-endpoint')).toContain('要带 http:// 或 https://');
    expect(element('#bind-pathStyle').getAttribute('aria-checked')).toBe('true');
  });

  it.each([
    [
      'cos',
      [
        '存储桶列表 → 创建存储桶',
        '私有读写',
        '访问管理 CAM',
        'name/cos:PutObject',
        'qcs::cos:*:uid/1250000000:photos-1250000000/*',
        '跨域访问 CORS 设置',
      ],
    ],
    ['oss', ['Bucket 列表 → 创建 Bucket', 'RAM 访问控制', 'acs:oss:*:*:photos-1250000000/*', '数据安全 → 跨域设置']],
    ['r2', ['R2 对象存储 → 创建存储桶', '管理 R2 API 令牌', '对象读和写', '仅应用于特定存储桶', 'CORS 策略']],
    ['minio', ['mc mb', 'mc admin policy create', 'arn:aws:s3:::photos-1250000000/*', 'MINIO_API_CORS_ALLOW_ORIGIN']],
    ['aws', ['阻止所有公开访问', 'IAM → 用户 → 创建用户', 's3:GetBucketCORS', '跨源资源共享 (CORS)']],
    ['custom', ['私有', 'S3 兼容 Endpoint', 'XIAOJIA_S3_OWN_ENDPOINTS=true']],
  ] as const)('%s: the guide names the console screens, the least policy and the CORS rule', async (preset, expected) => {
    render(<StorageBindForm bind={pendingBind().bind} />);
    await waitFor(() => element('#bind-provider'));
    choose(preset);
    await type('bucket', 'photos-1250000000');
    const guide = text('#storage-guide') ?? '';
    for (const phrase of expected) expect(guide).toContain(phrase);
    // The CORS rule for this web app: its origin, the upload methods, the ETag exposed.
    const cors = text('#storage-guide-cors') ?? '';
    expect(cors).toContain(ORIGIN);
    expect(cors).toContain('PUT, POST, GET, HEAD');
    expect(cors).toContain('"ExposeHeaders": [\n      "ETag"');
    expect(document.querySelector('#storage-guide-policy') === null).toBe(preset === 'r2');
  });

  it.each([
    ['STORAGE_BAD_KEYS', '腾讯云 COS不认这对密钥', ['accessKey', 'secretKey']],
    ['STORAGE_NO_SUCH_BUCKET', '腾讯云 COS说没有这个存储桶', ['bucket']],
    ['STORAGE_WRONG_REGION', '存储桶不在这个区域', ['region']],
    ['STORAGE_DOMAIN_INVALID', '这个域名没有提供该存储桶', ['domain']],
    ['STORAGE_UNREACHABLE', '连不上腾讯云 COS，没有保存任何改动', []],
    ['STORAGE_CLOCK_SKEW', '请服务器管理员校准时间（开启 NTP 自动同步），也检查这台设备的时间', []],
    ['STORAGE_CORS_MISSING', `不允许网页版从 ${ORIGIN} 上传：按下面的规则`, []],
    // COS has no endpoint field to mark (MinIO's is: binding.test.ts).
    ['STORAGE_ENDPOINT_NOT_ALLOWED', 'XIAOJIA_S3_OWN_ENDPOINTS=true', []],
  ] as const)('explains %s precisely and marks the fields to fix', async (code, message, fields) => {
    const server = pendingBind();
    render(<StorageBindForm bind={server.bind} />);
    await waitFor(() => element('#bind-provider'));
    choose('cos');
    await type('accessKey', KEYS.accessKey);
    await type('secretKey', KEYS.secretKey);
    await type('bucket', 'photos-1250000000');
    fireEvent.click(element('#bind-region-ap-guangzhou'));
    await submitted(server);
    await act(async () => server.settle().reject(refusal(code, `storage says ${code}`)));
    await waitFor(() => expect(text('#bind-error')).toContain(message));
    expect(text('#bind-error-detail')).toBe(`存储返回：storage says ${code}`);
    const marked = [...document.querySelectorAll('.bind-form__field--error')].map(
      (field) => field.querySelector('[id^="bind-"]')?.id,
    );
    expect(marked).toEqual(fields.map((field) => `bind-${field}`));
    // Missing CORS shows the rule to paste, with this app's origin.
    expect(document.querySelector('#bind-error-cors') !== null).toBe(code === 'STORAGE_CORS_MISSING');
    if (code === 'STORAGE_CORS_MISSING') expect(text('#bind-error-cors')).toContain(ORIGIN);
  });

  it('says it in English too, the provider and the endpoint switch included', async () => {
    setLocale('en');
    const server = pendingBind();
    render(<StorageBindForm bind={server.bind} />);
    await waitFor(() => element('#bind-provider'));
    choose('minio');
    expect(text('#storage-guide')).toContain('Save the policy below as xiaojia.json');
    expect(text('#bind-pathStyle')).toBe('Path-style addressingOn');
    await type('accessKey', KEYS.accessKey);
    await type('secretKey', KEYS.secretKey);
    await type('bucket', 'family-photos');
    await type('endpoint', 'https://minio.example.com:9000');
    await submitted(server);
    await act(async () => server.settle().reject(refusal('STORAGE_CLOCK_SKEW')));
    await waitFor(() => expect(text('#bind-error')).toContain("The server's clock is too far off MinIO's"));
    expect(text('#bind-error')).not.toMatch(/[\u4e00-\u9fff]/);
  });
});

import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import type { BindStorageInput } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { element, isDisabled, pendingBind, refusal, text, type } from '../../../test/support/bind-form';
import { setLocale } from '../../i18n';
import { StorageBindForm } from './index';

const filled = {
  accessKey: 'AK_example-0123456789abcdef',
  secretKey: 'SK_example-0123456789abcdef',
  bucket: 'family-photos',
  domain: 'https://img.example.com',
};

async function fillAll(values: Partial<typeof filled> = {}) {
  for (const [field, value] of Object.entries({ ...filled, ...values })) await type(field, value);
  fireEvent.click(element('#bind-region-z2'));
}

function submit() {
  fireEvent.click(element('#bind-submit'));
}

describe('StorageBindForm', () => {
  beforeEach(() => setLocale('zh-CN'));
  afterEach(cleanup);

  it('shows what is missing in every field on submit and does not call the server', async () => {
    const server = pendingBind();
    render(<StorageBindForm bind={server.bind} />);
    await waitFor(() => element('#bind-submit'));
    submit();
    await waitFor(() => expect(text('#bind-error-accessKey')).toBe('请填写 AccessKey'));
    expect(text('#bind-error-secretKey')).toBe('请填写 SecretKey');
    expect(text('#bind-error-bucket')).toBe('请填写空间名称');
    expect(text('#bind-error-domain')).toBe('请填写空间绑定的域名');
    expect(text('#bind-error-region')).toBe('请选择存储区域');
    expect(server.calls).toEqual([]);
  });

  it('says precisely what is wrong with each malformed field once it is left', async () => {
    render(<StorageBindForm bind={pendingBind().bind} />);
    await type('accessKey', 'too-short');
    await type('secretKey', 'has spaces in the secret key');
    await type('bucket', 'Family_Photos');
    await type('domain', 'img.example.com/photos');
    expect(text('#bind-error-accessKey')).toBe('AccessKey 应是 20–64 位字母、数字、“_”或“-”，请从七牛控制台完整复制');
    expect(text('#bind-error-secretKey')).toBe('SecretKey 应是 20–64 位字母、数字、“_”或“-”，请从七牛控制台完整复制');
    expect(text('#bind-error-bucket')).toBe('空间名称是 3–63 位小写字母、数字或“-”，且不能以“-”开头或结尾');
    expect(text('#bind-error-domain')).toBe(
      '域名要带 http:// 或 https://，且只写到域名为止，例如 https://img.example.com',
    );
    // The region was never touched: no error for it yet.
    expect(document.querySelector('#bind-error-region')).toBeNull();

    await type('domain', 'https://img.example.com');
    expect(document.querySelector('#bind-error-domain')).toBeNull();
  });

  it('keeps the secret key in a password field, and empty when rotating keys over a bound bucket', async () => {
    render(
      <StorageBindForm
        bind={pendingBind().bind}
        initial={{ bucket: 'family-photos', domain: 'https://img.example.com', region: 'z1' }}
      />,
    );
    const secret = await waitFor(() => element('#bind-secretKey input'));
    expect(secret.getAttribute('type')).toBe('password');
    expect((secret as HTMLInputElement).value).toBe('');
    expect((element('#bind-bucket input') as HTMLInputElement).value).toBe('family-photos');
    expect(element('#bind-region-z1').getAttribute('aria-selected')).toBe('true');
  });

  it('sends the normalised input, disables the button while verifying, and clears the secret after', async () => {
    const server = pendingBind();
    const bound: BindStorageInput[] = [];
    render(<StorageBindForm bind={server.bind} onBound={(input) => bound.push(input)} />);
    await fillAll({ domain: 'HTTPS://IMG.example.com/' });
    submit();
    await waitFor(() => expect(isDisabled('#bind-submit')).toBe(true));
    expect(text('#bind-submit')).toContain('正在向七牛验证…');
    expect(server.calls).toEqual([{ provider: 'qiniu', ...filled, region: 'z2' }]);
    // A second tap while verifying sends nothing more.
    submit();
    expect(server.calls).toHaveLength(1);

    await act(async () => server.settle().resolve());
    await waitFor(() => expect(isDisabled('#bind-submit')).toBe(false));
    expect(bound).toEqual([{ provider: 'qiniu', ...filled, region: 'z2' }]);
    expect((element('#bind-secretKey input') as HTMLInputElement).value).toBe('');
  });

  it.each([
    ['STORAGE_BAD_KEYS', '七牛不认这对密钥', ['accessKey', 'secretKey']],
    ['STORAGE_NO_SUCH_BUCKET', '七牛说没有这个空间', ['bucket']],
    ['STORAGE_WRONG_REGION', '空间不在所选区域', ['region']],
    ['STORAGE_DOMAIN_INVALID', '这个域名没有绑定到该空间', ['domain']],
    ['STORAGE_UNREACHABLE', '暂时连不上七牛，没有保存任何改动', []],
  ])('explains %s and marks the fields to fix', async (code, message, fields) => {
    const server = pendingBind();
    render(<StorageBindForm bind={server.bind} />);
    await fillAll();
    submit();
    await waitFor(() => expect(server.calls).toHaveLength(1));
    await act(async () => server.settle().reject(refusal(code)));
    await waitFor(() => expect(text('#bind-error')).toContain(message));
    const marked = [...document.querySelectorAll('.bind-form__field--error')].map(
      (field) => field.querySelector('[id^="bind-"]')?.id,
    );
    expect(marked).toEqual(fields.map((field) => `bind-${field}`));
    expect(isDisabled('#bind-submit')).toBe(false);
  });

  it('forgets a refusal about a field once that field is edited', async () => {
    const server = pendingBind();
    render(<StorageBindForm bind={server.bind} />);
    await fillAll();
    submit();
    await waitFor(() => expect(server.calls).toHaveLength(1));
    await act(async () => server.settle().reject(refusal('STORAGE_NO_SUCH_BUCKET')));
    await waitFor(() => expect(document.querySelector('#bind-error')).not.toBeNull());
    await type('bucket', 'family-photos-2');
    expect(document.querySelector('#bind-error')).toBeNull();
  });

  it('describes other failures with the app-wide error messages, in English too', async () => {
    setLocale('en');
    const server = pendingBind();
    render(<StorageBindForm bind={server.bind} />);
    await fillAll();
    submit();
    await waitFor(() => expect(server.calls).toHaveLength(1));
    await act(async () => server.settle().reject(new TypeError('Network request failed')));
    await waitFor(() => expect(text('#bind-error')).toMatch(/^Binding failed: /));
    expect(text('#bind-error')).not.toContain('{message}');
  });

  it('names the regions in the language of the phone, their ids as the Qiniu console shows them', async () => {
    render(<StorageBindForm bind={pendingBind().bind} />);
    await waitFor(() => element('#bind-region-z2'));
    expect(text('#bind-region-z2')).toBe('华南-广东z2');
    act(() => setLocale('en'));
    expect(text('#bind-region-z2')).toBe('South China (Guangdong)z2');
    expect(text('#bind-region-cn-east-2')).toBe('East China (Zhejiang 2)cn-east-2');
    expect(text('#bind-region')).not.toMatch(/[\u4e00-\u9fff]/);
  });
});

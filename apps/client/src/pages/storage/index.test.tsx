import { act, cleanup, fireEvent, waitFor } from '@testing-library/react';
import type { StorageStatus } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forgetCurrentHome, home, homeList } from '../../../test/support/homes';
import { id } from '../../../test/support/ids';
import { appError, element, renderWithApi, textOf } from '../../../test/support/screen';
import { EMBEDDED_STATUS } from '../../../test/support/storage-status';
import { setLocale } from '../../i18n';
import StoragePage from './index';
import { StorageScreen } from './StorageScreen';

const OWNER = home(id('h1'), 'owner');

const embedded = EMBEDDED_STATUS;
const bound: StorageStatus = {
  provider: 'qiniu',
  bucket: 'family-photos',
  domain: 'https://img.example.com',
  region: 'z2',
  accessKeyMasked: 'AK_e…cdef',
  verifiedAt: '2026-05-01T08:30:00.000Z',
  lastError: null,
  unboundPhotoCount: 0,
};

async function fill(values: Record<string, string>) {
  for (const [field, value] of Object.entries(values)) {
    const input = await waitFor(() => element(`#bind-${field} input`));
    fireEvent.input(input, { target: { value } });
  }
}

describe('storage settings', () => {
  beforeEach(() => setLocale('zh-CN'));
  afterEach(cleanup);

  it('shows the embedded store with the guide and the binding form, and binds a bucket', async () => {
    const api = renderWithApi(<StorageScreen home={OWNER} />, {
      'storage.status': () => embedded,
      'storage.bind': () => bound,
    });
    await waitFor(() => expect(textOf('#storage-provider')).toBe('服务器自带存储'));
    expect(textOf('#storage-guide')).toContain('新建一个私有空间');
    expect(textOf('#storage-guide')).toContain('子账号');
    expect(textOf('#storage-guide')).toContain('Upload');
    expect(document.querySelector('#storage-unbind')).toBeNull();

    await fill({
      accessKey: 'AK_example-0123456789abcdef',
      secretKey: 'SK_example-0123456789abcdef',
      bucket: 'family-photos',
      domain: 'https://img.example.com',
    });
    fireEvent.click(element('#bind-region-z2'));
    fireEvent.click(element('#bind-submit'));

    await waitFor(() => expect(textOf('#storage-notice')).toBe('已绑定空间「family-photos」，验证通过'));
    expect(api.callsTo('storage.bind')).toEqual([
      {
        homeId: id('h1'),
        provider: 'qiniu',
        accessKey: 'AK_example-0123456789abcdef',
        secretKey: 'SK_example-0123456789abcdef',
        bucket: 'family-photos',
        domain: 'https://img.example.com',
        region: 'z2',
      },
    ]);
    expect(textOf('#storage-access-key')).toBe('AK_e…cdef');
    expect(textOf('#storage-region')).toBe('华南-广东 (z2)');
    expect(document.querySelector('#bind-form')).toBeNull();
    // The secret never appears on the page once sent.
    expect(document.body.textContent).not.toContain('SK_example');
  });

  it('shows the bound bucket with the masked key only, and the count of photos in unbound buckets', async () => {
    renderWithApi(<StorageScreen home={OWNER} />, {
      'storage.status': () => ({ ...bound, lastError: 'bad token', unboundPhotoCount: 3 }),
    });
    await waitFor(() => expect(textOf('#storage-bucket')).toBe('family-photos'));
    expect(textOf('#storage-domain')).toBe('https://img.example.com');
    expect(textOf('#storage-access-key')).toBe('AK_e…cdef');
    expect(textOf('#storage-verified-at')).toMatch(/^2026-05-01 \d\d:30$/);
    expect(textOf('#storage-last-error')).toBe('bad token');
    expect(textOf('#storage-unbound-count')).toContain('有 3 张照片在已解绑的空间里');
  });

  it('asks before unbinding, explains that photos stay, and does nothing on cancel', async () => {
    const api = renderWithApi(<StorageScreen home={OWNER} />, {
      'storage.status': () => bound,
      'storage.unbind': () => ({ ...embedded, unboundPhotoCount: 5 }),
    });
    await waitFor(() => element('#storage-unbind'));
    fireEvent.click(element('#storage-unbind'));
    expect(textOf('#unbind-dialog')).toContain('已在空间「family-photos」里的照片不会被删除');
    fireEvent.click(element('#unbind-dialog-cancel'));
    expect(document.querySelector('#unbind-dialog')).toBeNull();
    expect(api.callsTo('storage.unbind')).toEqual([]);

    fireEvent.click(element('#storage-unbind'));
    fireEvent.click(element('#unbind-dialog-confirm'));
    await waitFor(() => expect(textOf('#storage-notice')).toBe('已解除绑定'));
    expect(api.callsTo('storage.unbind')).toHaveLength(1);
    expect(textOf('#storage-provider')).toBe('服务器自带存储');
    expect(textOf('#storage-unbound-count')).toContain('有 5 张照片');
    expect(document.querySelector('#unbind-dialog')).toBeNull();
  });

  it('rotates keys by binding the same bucket again, prefilled except for the keys', async () => {
    const api = renderWithApi(<StorageScreen home={OWNER} />, {
      'storage.status': () => bound,
      'storage.bind': () => ({ ...bound, accessKeyMasked: 'AK_n…wkey' }),
    });
    await waitFor(() => element('#storage-rotate'));
    fireEvent.click(element('#storage-rotate'));
    const bucket = await waitFor(() => element('#bind-bucket input') as HTMLInputElement);
    expect(bucket.value).toBe('family-photos');
    expect((element('#bind-accessKey input') as HTMLInputElement).value).toBe('');
    await fill({ accessKey: 'AK_new-0123456789abcdefnewkey', secretKey: 'SK_new-0123456789abcdefnewkey' });
    fireEvent.click(element('#bind-submit'));
    await waitFor(() => expect(textOf('#storage-access-key')).toBe('AK_n…wkey'));
    expect(api.callsTo('storage.bind')).toEqual([
      {
        homeId: id('h1'),
        provider: 'qiniu',
        accessKey: 'AK_new-0123456789abcdefnewkey',
        secretKey: 'SK_new-0123456789abcdefnewkey',
        bucket: 'family-photos',
        domain: 'https://img.example.com',
        region: 'z2',
      },
    ]);
  });

  it('shows an S3 bucket where it lives, and rotates its keys with the provider and location kept', async () => {
    const account = '0123456789abcdef0123456789abcdef';
    const r2: StorageStatus = {
      ...bound,
      provider: 's3',
      domain: null,
      region: null,
      s3: { preset: 'r2', endpoint: `https://${account}.r2.cloudflarestorage.com`, region: 'auto', pathStyle: true },
    };
    const api = renderWithApi(<StorageScreen home={OWNER} />, {
      'storage.status': () => r2,
      'storage.bind': () => ({ ...r2, accessKeyMasked: 'new1…key9' }),
    });
    await waitFor(() => expect(textOf('#storage-provider')).toBe('Cloudflare R2（你的存储桶）'));
    expect(textOf('#storage-endpoint')).toBe(`https://${account}.r2.cloudflarestorage.com`);
    expect(textOf('#storage-path-style')).toBe('路径风格（endpoint/存储桶）');
    expect(document.querySelector('#storage-domain')).toBeNull();

    fireEvent.click(element('#storage-rotate'));
    const accountId = await waitFor(() => element('#bind-accountId input') as HTMLInputElement);
    expect(accountId.value).toBe(account);
    // Same bucket, same provider: no provider to pick while rotating.
    expect(document.querySelector('#bind-provider')).toBeNull();
    expect(textOf('#storage-guide')).toContain('管理 R2 API 令牌');
    await fill({ accessKey: 'new1-access-key9', secretKey: 'new-secret/0123456789+key' });
    fireEvent.click(element('#bind-submit'));
    await waitFor(() => expect(textOf('#storage-access-key')).toBe('new1…key9'));
    expect(api.callsTo('storage.bind')).toEqual([
      {
        homeId: id('h1'),
        provider: 's3',
        preset: 'r2',
        accessKey: 'new1-access-key9',
        secretKey: 'new-secret/0123456789+key',
        bucket: 'family-photos',
        accountId: account,
      },
    ]);
  });

  it('says why the status could not be read and retries', async () => {
    let failing = true;
    const api = renderWithApi(<StorageScreen home={OWNER} />, {
      'storage.status': () => {
        if (failing) throw appError('INTERNAL');
        return embedded;
      },
    });
    await waitFor(() => expect(textOf('#screen-state')).toContain('读取存储状态失败'));
    failing = false;
    await act(async () => fireEvent.click(element('#screen-state taro-button-core')));
    await waitFor(() => expect(textOf('#storage-provider')).toBe('服务器自带存储'));
    expect(api.callsTo('storage.status')).toHaveLength(2);
  });
});

describe('the storage page title', () => {
  beforeEach(forgetCurrentHome);
  afterEach(() => {
    cleanup();
    setLocale('zh-CN');
  });

  it("is in the user's language, which one page config cannot hold", async () => {
    setLocale('en');
    renderWithApi(<StoragePage />, { 'storage.status': () => embedded, 'homes.list': () => homeList(OWNER) });
    await waitFor(() => expect(document.title).toBe('Storage'));
    cleanup();
    setLocale('zh-CN');
    renderWithApi(<StoragePage />, { 'storage.status': () => embedded, 'homes.list': () => homeList(OWNER) });
    await waitFor(() => expect(document.title).toBe('存储设置'));
  });

  it('shows the family where photos live, read-only: only the owner binds or unbinds', async () => {
    for (const role of ['member', 'viewer'] as const) {
      const api = renderWithApi(<StorageScreen home={home(id('h2'), role)} />, { 'storage.status': () => bound });
      await waitFor(() => expect(textOf('#storage-bucket')).toBe('family-photos'));
      expect(textOf('#storage-owner-only')).toContain('由家里的主人（妈妈）来管');
      expect(document.querySelector('#storage-unbind')).toBeNull();
      expect(document.querySelector('#storage-rotate')).toBeNull();
      expect(document.querySelector('#bind-submit')).toBeNull();
      expect(api.callsTo('storage.status')).toEqual([{ homeId: id('h2') }]);
      cleanup();
    }
    renderWithApi(<StorageScreen home={home(id('h2'), 'member')} />, { 'storage.status': () => embedded });
    await waitFor(() => expect(textOf('#storage-provider')).toBe('服务器自带存储'));
    expect(document.querySelector('#bind-submit')).toBeNull();
  });
});

import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import type { StorageStatus, StorageUnchecked } from '@xiaojia/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { type } from '../../../test/support/bind-form';
import { home } from '../../../test/support/homes';
import { id } from '../../../test/support/ids';
import { element, renderWithApi, textOf } from '../../../test/support/screen';
import { EMBEDDED_STATUS } from '../../../test/support/storage-status';
import { type Locale, setLocale } from '../../i18n';
import { StorageScreen } from './StorageScreen';

const OWNER = home(id('h1'), 'owner');
const ORIGIN = 'https://xiaojia.example.com';

const embedded = EMBEDDED_STATUS;

function boundWith(unchecked: StorageUnchecked[] | undefined): StorageStatus {
  return {
    provider: 's3',
    bucket: 'family-photos',
    domain: null,
    region: null,
    s3: { preset: 'minio', endpoint: 'http://192.168.1.5:9000', region: 'us-east-1', pathStyle: true },
    accessKeyMasked: 'mini…0123',
    verifiedAt: '2026-05-01T08:30:00.000Z',
    lastError: null,
    unboundPhotoCount: 0,
    ...(unchecked ? { unchecked } : {}),
  };
}

/** Binds a MinIO through the storage screen; the server answers `answer`. */
async function bindMinio(locale: Locale, answer: StorageStatus) {
  setLocale(locale);
  const api = renderWithApi(<StorageScreen home={OWNER} />, {
    'storage.status': () => embedded,
    'storage.bind': () => answer,
    'storage.unbind': () => embedded,
  });
  await waitFor(() => element('#bind-provider-minio'));
  fireEvent.click(element('#bind-provider-minio'));
  await type('accessKey', 'minio-access-0123');
  await type('secretKey', 'minio-secret-0123456789');
  await type('bucket', 'family-photos');
  await type('endpoint', 'http://192.168.1.5:9000');
  fireEvent.click(element('#bind-submit'));
  await waitFor(() => expect(api.callsTo('storage.bind')).toHaveLength(1));
  await waitFor(() => element('#storage-notice'));
  return api;
}

describe('what a bind could not check', () => {
  afterEach(() => {
    cleanup();
    setLocale('zh-CN');
  });

  it('tells a MinIO owner, in Chinese, which server setting must allow the web app', async () => {
    await bindMinio('zh-CN', boundWith([{ code: 'corsUnchecked', origin: ORIGIN, setIn: 'minioServer' }]));
    await waitFor(() => element('#storage-unchecked'));
    expect(textOf('#storage-unchecked')).toContain('绑定成功，但有一项没能检查');
    expect(textOf('#storage-unchecked-0')).toContain('MINIO_API_CORS_ALLOW_ORIGIN');
    expect(textOf('#storage-unchecked-0')).toContain(ORIGIN);
    expect(textOf('#storage-unchecked-0')).toContain('重启 MinIO');
    // The server-wide setting has no bucket rule to paste.
    expect(document.querySelector('#storage-unchecked-cors-0')).toBeNull();
  });

  it('gives the bucket rule to paste, in English, where the storage sets CORS per bucket', async () => {
    await bindMinio('en', boundWith([{ code: 'corsUnchecked', origin: ORIGIN, setIn: 'bucketRules' }]));
    await waitFor(() => element('#storage-unchecked'));
    expect(textOf('#storage-unchecked')).toContain('Bound, but one thing could not be checked');
    expect(textOf('#storage-unchecked-0')).toContain(`so that ${ORIGIN} may upload`);
    expect(textOf('#storage-unchecked-cors-0')).toContain(ORIGIN);
  });

  it('says nothing of the kind when everything was checked', async () => {
    await bindMinio('zh-CN', boundWith(undefined));
    expect(textOf('#storage-notice')).toContain('family-photos');
    expect(document.querySelector('#storage-unchecked')).toBeNull();
  });

  it('forgets what was not checked once the bucket is unbound', async () => {
    const api = await bindMinio('zh-CN', boundWith([{ code: 'corsUnchecked', origin: ORIGIN, setIn: 'minioServer' }]));
    await waitFor(() => element('#storage-unchecked'));
    fireEvent.click(element('#storage-unbind'));
    fireEvent.click(element('#unbind-dialog-confirm'));
    await waitFor(() => expect(api.callsTo('storage.unbind')).toHaveLength(1));
    await waitFor(() => expect(document.querySelector('#storage-unchecked')).toBeNull());
  });
});

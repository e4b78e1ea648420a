import { cleanup, render } from '@testing-library/react';
import type { PhotoDetail } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { photo } from '../../../test/support/screen';
import { setLocale } from '../../i18n';
import { InfoPanel } from './InfoPanel';

const detail = (uploaderName: string): PhotoDetail => ({
  photo: photo('01900000-0000-7000-8000-000000000001'),
  uploaderName,
  previewUrl: null,
  originalUrl: null,
  downloadPath: '/download/x',
  prevId: null,
  nextId: null,
  albumIds: [],
  urlsExpireAt: '2026-05-04T08:00:00.000Z',
});

describe('InfoPanel', () => {
  beforeEach(() => setLocale('zh-CN'));
  afterEach(cleanup);

  it('names who uploaded the photo, and says so when their account was deleted', () => {
    render(<InfoPanel detail={detail('妈妈')} />);
    expect(document.querySelector('#viewer-uploader')?.textContent).toBe('妈妈 上传');
    cleanup();
    render(<InfoPanel detail={detail('')} />);
    expect(document.querySelector('#viewer-uploader')?.textContent).toBe('已注销的账号 上传');
    cleanup();
    setLocale('en');
    render(<InfoPanel detail={detail('')} />);
    expect(document.querySelector('#viewer-uploader')?.textContent).toBe('Uploaded by a deleted account');
  });
});

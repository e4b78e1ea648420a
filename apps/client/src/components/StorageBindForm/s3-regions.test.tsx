import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { S3_PRESETS, type S3Preset } from '@xiaojia/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { element, pendingBind, text } from '../../../test/support/bind-form';
import { setLocale, translate } from '../../i18n';
import { loadStoragePagesMessages } from '../../i18n/storage-pages';
import { StorageBindForm } from './index';
import { S3_REGION_CHOICES, s3RegionName } from './s3-regions';

describe('S3 region chips', () => {
  afterEach(() => {
    cleanup();
    setLocale('zh-CN');
  });

  it('name every chip of every preset in both languages, each name its own', () => {
    loadStoragePagesMessages();
    for (const locale of ['zh-CN', 'en'] as const) {
      const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
      for (const preset of Object.keys(S3_PRESETS) as S3Preset[]) {
        const regions = S3_REGION_CHOICES[preset] ?? [];
        const names = regions.map((region) => s3RegionName(t, preset, region));
        for (const [index, name] of names.entries()) {
          expect(name, `${locale} ${preset} ${regions[index]}`).toBeTruthy();
          expect(name).not.toContain('storage.s3.region');
        }
        expect(new Set(names).size).toBe(names.length);
      }
    }
  });

  it('have no name for a region that is not a chip, nor for a chip of another provider', () => {
    const t = (key: string) => translate('en', key);
    expect(s3RegionName(t, 'cos', 'ap-mars')).toBeNull();
    expect(s3RegionName(t, 'oss', 'ap-shanghai')).toBeNull();
    expect(s3RegionName(t, 'minio', 'us-east-1')).toBeNull();
    expect(s3RegionName(t, 'nope', 'us-east-1')).toBeNull();
    expect(s3RegionName(t, 'aws', 'us-east-1')).toBe('US East (N. Virginia)');
  });

  it.each([
    ['zh-CN', 'cos', 'ap-shanghai', '华东-上海ap-shanghai'],
    ['en', 'cos', 'ap-shanghai', 'East China (Shanghai)ap-shanghai'],
    ['zh-CN', 'oss', 'cn-hangzhou', '华东1（杭州）cn-hangzhou'],
    ['en', 'aws', 'ap-east-1', 'Asia Pacific (Hong Kong)ap-east-1'],
  ] as const)('show the name with the id beside it (%s, %s)', async (locale, preset, region, shown) => {
    setLocale(locale);
    render(<StorageBindForm bind={pendingBind().bind} />);
    await waitFor(() => element('#bind-provider'));
    fireEvent.click(element(`#bind-provider-${preset}`));
    await waitFor(() => element(`#bind-region-${region}`));
    expect(text(`#bind-region-${region}`)).toBe(shown);
    expect(element(`#bind-region-${region} .bind-form__region-id`).textContent).toBe(region);
  });
});

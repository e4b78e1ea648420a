import { describe, expect, it } from 'vitest';
import { growthRecord } from '../../../test/support/children';
import { translate } from '../../i18n';
import { draftOfRecord, parseGrowthDraft } from './growth-draft';

const zh = (key: string, params?: Record<string, string | number>) => translate('zh-CN', key, params);
const en = (key: string, params?: Record<string, string | number>) => translate('en', key, params);
const draft = (
  values: Partial<Record<'heightCm' | 'weightKg' | 'headCm', string>>,
  date: string | null = '2025-06-01',
) => ({
  date,
  heightCm: '',
  weightKg: '',
  headCm: '',
  ...values,
});

describe('a growth record as typed', () => {
  it('becomes numbers, empty fields left out, a comma read as the decimal point', () => {
    expect(parseGrowthDraft(draft({ weightKg: '7,5', heightCm: ' 68.2 ' }), zh)).toEqual({
      ok: true,
      values: { date: '2025-06-01', heightCm: 68.2, weightKg: 7.5, headCm: null },
    });
  });

  it('needs a date and one measure, numbers only, within the shared limits', () => {
    expect(parseGrowthDraft(draft({ weightKg: '7' }, null), zh)).toEqual({ ok: false, error: '请选择生日或预产期' });
    expect(parseGrowthDraft(draft({}), zh)).toEqual({ ok: false, error: '请至少填写身高、体重、头围中的一项' });
    expect(parseGrowthDraft(draft({ weightKg: '7kg' }), zh)).toEqual({ ok: false, error: '体重（公斤）请填写数字' });
    expect(parseGrowthDraft(draft({ weightKg: '-3' }), zh)).toEqual({ ok: false, error: '体重（公斤）请填写数字' });
    expect(parseGrowthDraft(draft({ headCm: '90' }), en)).toEqual({
      ok: false,
      error: 'Head circumference (cm) must be between 20 and 65',
    });
    expect(parseGrowthDraft(draft({ heightCm: '2000' }), zh)).toEqual({
      ok: false,
      error: '身高（厘米）应在 30 到 200 之间',
    });
  });

  it('starts from a record being edited, or today', () => {
    expect(draftOfRecord(growthRecord('g1', 'c', '2025-05-05', { weightKg: 6.25 }), '2025-06-01')).toEqual({
      date: '2025-05-05',
      heightCm: '',
      weightKg: '6.25',
      headCm: '',
    });
    expect(draftOfRecord(null, '2025-06-01').date).toBe('2025-06-01');
  });
});

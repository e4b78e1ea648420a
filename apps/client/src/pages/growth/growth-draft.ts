/**
 * A growth record as typed (strings) to the numbers the API takes, checked against the shared limits
 * (GROWTH_LIMITS) with a sentence naming the field; a comma decimal ("7,5") is accepted.
 */
import { GROWTH_LIMITS, GROWTH_MEASURES, type GrowthMeasure, type GrowthRecord } from '@xiaojia/shared';
import type { Translate } from '../../i18n';
import { loadChildrenPagesMessages } from '../../i18n/children-pages';

loadChildrenPagesMessages();

export type GrowthDraft = { date: string | null } & Record<GrowthMeasure, string>;

export const draftOfRecord = (record: GrowthRecord | null, today: string): GrowthDraft => ({
  date: record?.date ?? today,
  heightCm: record?.heightCm?.toString() ?? '',
  weightKg: record?.weightKg?.toString() ?? '',
  headCm: record?.headCm?.toString() ?? '',
});

export type ParsedDraft =
  | { ok: true; values: { date: string } & Record<GrowthMeasure, number | null> }
  | { ok: false; error: string };

export function parseGrowthDraft(draft: GrowthDraft, t: Translate): ParsedDraft {
  if (!draft.date) return { ok: false, error: t('children.form.dateMissing') };
  const values: Record<GrowthMeasure, number | null> = { heightCm: null, weightKg: null, headCm: null };
  for (const measure of GROWTH_MEASURES) {
    const text = draft[measure].trim().replace(',', '.');
    if (text === '') continue;
    const field = t(`growth.form.${measure}`);
    const value = Number(text);
    if (!/^\d+(\.\d+)?$/.test(text) || !Number.isFinite(value)) {
      return { ok: false, error: t('growth.form.notNumber', { field }) };
    }
    const { min, max } = GROWTH_LIMITS[measure];
    if (value < min || value > max) return { ok: false, error: t('growth.form.outOfRange', { field, min, max }) };
    values[measure] = value;
  }
  if (GROWTH_MEASURES.every((measure) => values[measure] === null)) {
    return { ok: false, error: t('growth.form.needOne') };
  }
  return { ok: true, values: { date: draft.date, ...values } };
}

/** Adding or editing a growth record: the day (from the birthday to today) and any of the three measures. */
import { Input, Text, View } from '@tarojs/components';
import { GROWTH_MEASURES } from '@xiaojia/shared';
import { useState } from 'react';
import { Dialog } from '../../components/ConfirmDialog';
import { DateField } from '../../components/DateField';
import { useT } from '../../i18n';
import { loadChildrenPagesMessages } from '../../i18n/children-pages';
import { errorMessage } from '../../i18n/errors';
import { type GrowthDraft, type ParsedDraft, parseGrowthDraft } from './growth-draft';

loadChildrenPagesMessages();

export interface GrowthFormProps {
  editing: boolean;
  draft: GrowthDraft;
  birthday: string;
  today: string;
  busy: boolean;
  error: unknown;
  onChange(draft: GrowthDraft): void;
  onSave(values: Extract<ParsedDraft, { ok: true }>['values']): void;
  onCancel(): void;
}

export function GrowthForm({
  editing,
  draft,
  birthday,
  today,
  busy,
  error,
  onChange,
  onSave,
  onCancel,
}: GrowthFormProps) {
  const t = useT();
  const [invalid, setInvalid] = useState<string | null>(null);
  const set = (next: Partial<GrowthDraft>) => {
    setInvalid(null);
    onChange({ ...draft, ...next });
  };
  const save = () => {
    const parsed = parseGrowthDraft(draft, t);
    if (parsed.ok) onSave(parsed.values);
    else setInvalid(parsed.error);
  };
  const shown = invalid ?? (error ? errorMessage(error, t) : null);
  return (
    <Dialog
      id="growth-form"
      open
      title={editing ? t('growth.form.editTitle') : t('growth.form.addTitle')}
      confirmLabel={t('growth.form.save')}
      cancelLabel={t('common.cancel')}
      busy={busy}
      onConfirm={save}
      onCancel={onCancel}
    >
      <Text className="children__label">{t('growth.form.date')}</Text>
      <DateField
        id="growth-date"
        value={draft.date}
        placeholder={t('children.form.pickDate')}
        start={birthday < today ? birthday : today}
        end={today}
        disabled={busy}
        onChange={(date) => set({ date })}
      />
      {GROWTH_MEASURES.map((measure) => (
        <View key={measure}>
          <Text className="children__label">{t(`growth.form.${measure}`)}</Text>
          <Input
            id={`growth-${measure}`}
            className="xj-dialog__input"
            type="digit"
            value={draft[measure]}
            maxlength={8}
            disabled={busy || undefined}
            onInput={(event) => set({ [measure]: event.detail.value })}
          />
        </View>
      ))}
      {shown && (
        <Text id="growth-form-error" className="xj-dialog__error">
          {shown}
        </Text>
      )}
    </Dialog>
  );
}

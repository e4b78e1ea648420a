/**
 * Adding or editing a child: name, birthday or due date (the date Picker, up to CHILD_BIRTHDAY_MAX_DAYS_AHEAD
 * ahead), sex (or "not yet known"), and an avatar chosen from the home's photos (the screen's pick mode).
 * Checked with the shared schema before it is sent; the server's refusal shows under the fields.
 */
import { Image, Input, Text, View } from '@tarojs/components';
import { addDays, CHILD_BIRTHDAY_MAX_DAYS_AHEAD, type Child, type ChildSex, zChildName } from '@xiaojia/shared';
import { useState } from 'react';
import { ActionButton } from '../../components/ActionButton';
import { Dialog } from '../../components/ConfirmDialog';
import { DateField } from '../../components/DateField';
import { useT } from '../../i18n';
import { loadChildrenPagesMessages } from '../../i18n/children-pages';
import { errorMessage } from '../../i18n/errors';

loadChildrenPagesMessages();

export interface ChildDraft {
  name: string;
  birthday: string | null;
  sex: ChildSex | null;
  avatarPhotoId: string | null;
  /** The avatar's thumbnail as the form shows it. */
  avatarUrl: string | null;
}

export const draftOf = (child: Child | null): ChildDraft => ({
  name: child?.name ?? '',
  birthday: child?.birthday ?? null,
  sex: child?.sex ?? null,
  avatarPhotoId: child?.avatarPhotoId ?? null,
  avatarUrl: child?.avatarUrl ?? null,
});

export interface ChildFormProps {
  editing: boolean;
  draft: ChildDraft;
  today: string;
  busy: boolean;
  error: unknown;
  onChange(draft: ChildDraft): void;
  onPickAvatar(): void;
  onSave(valid: { name: string; birthday: string; sex: ChildSex | null; avatarPhotoId: string | null }): void;
  onCancel(): void;
}

const SEXES = ['girl', 'boy', null] as const;

export function ChildForm({
  editing,
  draft,
  today,
  busy,
  error,
  onChange,
  onPickAvatar,
  onSave,
  onCancel,
}: ChildFormProps) {
  const t = useT();
  const [invalid, setInvalid] = useState<string | null>(null);
  const set = (next: Partial<ChildDraft>) => {
    setInvalid(null);
    onChange({ ...draft, ...next });
  };
  const save = () => {
    const name = zChildName.safeParse(draft.name);
    if (!name.success) {
      setInvalid(draft.name.trim() === '' ? t('children.form.nameEmpty') : t('children.form.nameTooLong'));
      return;
    }
    if (!draft.birthday) {
      setInvalid(t('children.form.dateMissing'));
      return;
    }
    onSave({ name: name.data, birthday: draft.birthday, sex: draft.sex, avatarPhotoId: draft.avatarPhotoId });
  };
  const shown = invalid ?? (error ? errorMessage(error, t) : null);
  return (
    <Dialog
      id="child-form"
      open
      title={editing ? t('children.form.editTitle') : t('children.form.addTitle')}
      confirmLabel={t('children.form.save')}
      cancelLabel={t('common.cancel')}
      busy={busy}
      onConfirm={save}
      onCancel={onCancel}
    >
      <Text className="children__label">{t('children.form.name')}</Text>
      <Input
        id="child-name"
        className="xj-dialog__input"
        value={draft.name}
        placeholder={t('children.form.namePlaceholder')}
        maxlength={40}
        disabled={busy || undefined}
        onInput={(event) => set({ name: event.detail.value })}
      />
      <Text className="children__label">{t('children.form.birthday')}</Text>
      <DateField
        id="child-birthday"
        value={draft.birthday}
        placeholder={t('children.form.pickDate')}
        start="1900-01-01"
        end={addDays(today, CHILD_BIRTHDAY_MAX_DAYS_AHEAD)}
        disabled={busy}
        onChange={(birthday) => set({ birthday })}
      />
      <Text className="children__label">{t('children.form.sex')}</Text>
      <View className="children__choices">
        {SEXES.map((sex) => (
          <View
            key={sex ?? 'unknown'}
            id={`child-sex-${sex ?? 'unknown'}`}
            className={`children__choice${draft.sex === sex ? ' children__choice--on' : ''}`}
            onClick={() => set({ sex })}
          >
            <Text className={`children__choice-text${draft.sex === sex ? ' children__choice-text--on' : ''}`}>
              {t(`children.sex.${sex ?? 'unknown'}`)}
            </Text>
          </View>
        ))}
      </View>
      <Text className="children__label">{t('children.form.avatar')}</Text>
      <View className="children__avatar-row">
        {draft.avatarUrl && <Image className="children__avatar" src={draft.avatarUrl} mode="aspectFill" />}
        <ActionButton id="child-pick-avatar" className="screen__button" disabled={busy} onClick={onPickAvatar}>
          {t('children.form.pickAvatar')}
        </ActionButton>
        {draft.avatarPhotoId && (
          <ActionButton
            id="child-no-avatar"
            className="screen__button"
            disabled={busy}
            onClick={() => set({ avatarPhotoId: null, avatarUrl: null })}
          >
            {t('children.form.noAvatar')}
          </ActionButton>
        )}
      </View>
      {shown && (
        <Text id="child-form-error" className="xj-dialog__error">
          {shown}
        </Text>
      )}
    </Dialog>
  );
}

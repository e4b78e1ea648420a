/**
 * Binding (and re-binding with rotated keys) a bucket: the provider picked first, its guide, then its
 * fields (BindFields). Validates with the shared schema before calling the server, keeps the button
 * disabled while the server verifies, and turns each refusal code into a message that names what to fix,
 * with the fields concerned marked (RefusalMessage). The secret key is a password field; nothing the
 * server returns ever fills it.
 */
import { Text, View } from '@tarojs/components';
import type { BindStorageInput } from '@xiaojia/shared';
import { useState } from 'react';
import { useT } from '../../i18n';
import { loadStoragePagesMessages } from '../../i18n/storage-pages';
import { webAppOrigin } from '../../lib/web-origin';
import { ActionButton } from '../ActionButton';
import { StorageGuide } from '../StorageGuide';
import { BindFields } from './BindFields';
import {
  type BindFailure,
  type BindField,
  type BindValues,
  bindFailure,
  EMPTY_BIND_VALUES,
  type FieldErrors,
  type StorageChoice,
  type TextField,
  validateBinding,
} from './binding';
import { ProviderPicker } from './ProviderPicker';
import { RefusalMessage } from './RefusalMessage';
import './index.css';

loadStoragePagesMessages();

export interface StorageBindFormProps {
  /** Prefill (rotating keys: the bound bucket and where it lives). Never the secret key. */
  initial?: Partial<Omit<BindValues, 'secretKey'>>;
  /** Rotating keys over a bound bucket: same provider, new keys. */
  rotating?: boolean;
  /** Calls storage.bind; rejects with the server's error. */
  bind(input: BindStorageInput): Promise<unknown>;
  onBound?(input: BindStorageInput): void;
  onCancel?(): void;
}

export function StorageBindForm({ initial, rotating = false, bind, onBound, onCancel }: StorageBindFormProps) {
  const t = useT();
  const [values, setValues] = useState<BindValues>({ ...EMPTY_BIND_VALUES, ...initial, secretKey: '' });
  // Errors show for a field once it was left or the form was submitted: not while typing the first time.
  const [visited, setVisited] = useState<Partial<Record<BindField, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [verifying, setVerifying] = useState(false);
  const [failure, setFailure] = useState<BindFailure | null>(null);

  const validation = validateBinding(values);
  const localErrors: FieldErrors = validation.ok ? {} : validation.errors;
  const serverErrors: FieldErrors = failure?.kind === 'fields' ? failure.errors : {};
  const refused: readonly BindField[] = failure?.kind === 'refused' ? failure.fields : [];
  const provider = t(`storage.provider.${values.choice}`);

  function errorOf(field: BindField): string | null {
    const error = (submitted || visited[field] ? localErrors[field] : undefined) ?? serverErrors[field];
    return error ? t(error.key, error.params) : null;
  }

  function forget(field: BindField) {
    // What the server said about this field no longer holds once it is edited.
    setFailure((current) => {
      if (!current) return current;
      if (current.kind === 'refused' && current.fields.includes(field)) return null;
      if (current.kind === 'fields' && current.errors[field]) return null;
      return current;
    });
  }

  function change(field: TextField, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    forget(field);
  }

  function choose(choice: StorageChoice) {
    // Another provider: its own region list, addressing and errors; the keys typed stay.
    setValues((current) => ({ ...current, choice, region: '', pathStyle: true }));
    setVisited({});
    setSubmitted(false);
    setFailure(null);
  }

  async function submit() {
    if (verifying) return;
    setSubmitted(true);
    if (!validation.ok) return;
    setVerifying(true);
    setFailure(null);
    try {
      await bind(validation.input);
      setValues((current) => ({ ...current, secretKey: '' }));
      setSubmitted(false);
      setVisited({});
      onBound?.(validation.input);
    } catch (error) {
      setFailure(bindFailure(error, values));
    } finally {
      setVerifying(false);
    }
  }

  const heading = rotating
    ? t('storage.rotate.heading')
    : values.choice === 'qiniu'
      ? t('storage.bind.heading')
      : t('storage.s3.bind.heading', { provider });

  return (
    <View className="storage__binding" id="bind-section">
      {!rotating && (
        <View className="screen__card">
          <ProviderPicker choice={values.choice} disabled={verifying} onChoose={choose} />
        </View>
      )}
      <StorageGuide choice={values.choice} bucket={values.bucket} origin={webAppOrigin()} />
      <View className="screen__card storage__form-card bind-form" id="bind-form">
        <Text className="screen__heading">{heading}</Text>
        {rotating && <Text className="screen__hint storage__rotate-hint">{t('storage.rotate.hint')}</Text>}
        <BindFields
          values={values}
          disabled={verifying}
          errorOf={errorOf}
          marked={(field) => errorOf(field) !== null || refused.includes(field)}
          change={change}
          setPathStyle={(on) => {
            setValues((current) => ({ ...current, pathStyle: on }));
            forget('pathStyle');
          }}
          visit={(field) => setVisited((current) => ({ ...current, [field]: true }))}
        />
        <RefusalMessage failure={failure} choice={values.choice} />
        <ActionButton id="bind-submit" className="bind-form__submit" busy={verifying} onClick={() => void submit()}>
          {verifying
            ? values.choice === 'qiniu'
              ? t('storage.form.verifying')
              : t('storage.s3.form.verifying', { provider })
            : t('storage.form.submit')}
        </ActionButton>
        {onCancel && (
          <ActionButton id="bind-cancel" className="bind-form__cancel" disabled={verifying} onClick={onCancel}>
            {t('storage.form.cancel')}
          </ActionButton>
        )}
      </View>
    </View>
  );
}

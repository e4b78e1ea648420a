/**
 * Binding (and re-binding with rotated keys) a Qiniu bucket. Validates with the shared schema before
 * calling the server, keeps the button disabled while the server verifies, and turns each refusal code
 * into a message that names what to fix, with the fields concerned marked. The secret key is a password
 * field; nothing the server returns ever fills it.
 */
import { Input, Text, View } from '@tarojs/components';
import { type BindStorageInput, QINIU_REGIONS, type QiniuRegion } from '@xiaojia/shared';
import { useState } from 'react';
import { useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { regionName } from '../../i18n/keys';
import {
  type BindFailure,
  type BindField,
  type BindValues,
  bindFailure,
  EMPTY_BIND_VALUES,
  type FieldErrors,
  validateBinding,
} from './binding';
import './index.css';
import { ActionButton } from '../ActionButton';

export interface StorageBindFormProps {
  /** Prefill (rotating keys: the bound bucket, domain and region). Never the secret key. */
  initial?: Partial<Omit<BindValues, 'secretKey'>>;
  /** Calls storage.bind; rejects with the server's error. */
  bind(input: BindStorageInput): Promise<unknown>;
  onBound?(input: BindStorageInput): void;
  onCancel?(): void;
}

const TEXT_FIELDS = ['accessKey', 'secretKey', 'bucket', 'domain'] as const;
const REGIONS = Object.keys(QINIU_REGIONS) as QiniuRegion[];

export function StorageBindForm({ initial, bind, onBound, onCancel }: StorageBindFormProps) {
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
  const refusedFields: readonly BindField[] = failure?.kind === 'refused' ? failure.fields : [];

  function errorOf(field: BindField): string | null {
    const key = (submitted || visited[field] ? localErrors[field] : undefined) ?? serverErrors[field];
    return key ? t(key) : null;
  }

  function change(field: BindField, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    // What the server said about this field no longer holds once it is edited.
    setFailure((current) => {
      if (!current) return current;
      if (current.kind === 'refused' && current.fields.includes(field)) return null;
      if (current.kind === 'fields' && current.errors[field]) return null;
      return current;
    });
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

  const formMessage =
    failure?.kind === 'refused'
      ? t(`storage.error.${failure.code}`)
      : failure?.kind === 'other'
        ? t('storage.error.other', { message: errorMessage(failure.error, t) })
        : null;

  return (
    <View className="bind-form" id="bind-form">
      {TEXT_FIELDS.map((field) => {
        const error = errorOf(field);
        const marked = error !== null || refusedFields.includes(field);
        return (
          <View key={field} className={`bind-form__field${marked ? ' bind-form__field--error' : ''}`}>
            <Text className="bind-form__label">{t(`storage.form.${field}`)}</Text>
            <Input
              id={`bind-${field}`}
              className="bind-form__input"
              value={values[field]}
              password={field === 'secretKey'}
              placeholder={field === 'domain' ? t('storage.form.domainPlaceholder') : ''}
              maxlength={field === 'domain' ? 253 : 64}
              disabled={verifying || undefined}
              onInput={(event) => change(field, event.detail.value)}
              onBlur={() => setVisited((current) => ({ ...current, [field]: true }))}
            />
            {field === 'secretKey' && <Text className="bind-form__hint">{t('storage.form.secretKeyHint')}</Text>}
            {error && (
              <Text id={`bind-error-${field}`} className="bind-form__error">
                {error}
              </Text>
            )}
          </View>
        );
      })}

      <View
        className={`bind-form__field${errorOf('region') || refusedFields.includes('region') ? ' bind-form__field--error' : ''}`}
      >
        <Text className="bind-form__label">{t('storage.form.region')}</Text>
        <View className="bind-form__regions" id="bind-region">
          {REGIONS.map((region) => (
            <View
              key={region}
              id={`bind-region-${region}`}
              className={`bind-form__region${values.region === region ? ' bind-form__region--chosen' : ''}`}
              aria-selected={values.region === region}
              onClick={() => {
                if (verifying) return;
                change('region', region);
                setVisited((current) => ({ ...current, region: true }));
              }}
            >
              <Text>{regionName(t, region)}</Text>
              <Text className="bind-form__region-id">{region}</Text>
            </View>
          ))}
        </View>
        {errorOf('region') && (
          <Text id="bind-error-region" className="bind-form__error">
            {errorOf('region')}
          </Text>
        )}
      </View>

      {formMessage && (
        <View className="bind-form__failure" id="bind-error">
          <Text>{formMessage}</Text>
        </View>
      )}

      <ActionButton id="bind-submit" className="bind-form__submit" busy={verifying} onClick={() => void submit()}>
        {verifying ? t('storage.form.verifying') : t('storage.form.submit')}
      </ActionButton>
      {onCancel && (
        <ActionButton id="bind-cancel" className="bind-form__cancel" disabled={verifying} onClick={onCancel}>
          {t('storage.form.cancel')}
        </ActionButton>
      )}
    </View>
  );
}

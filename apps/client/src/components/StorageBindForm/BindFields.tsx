/**
 * The binding form's fields for the provider chosen (formShape): the text fields, labelled as that
 * provider's console names them, region chips (Qiniu's list, or an S3 preset's common regions as
 * shortcuts beside the typed region), and the path-style switch for endpoints of one's own.
 */
import { Input, Text, View } from '@tarojs/components';
import type { QiniuRegion, S3Preset } from '@xiaojia/shared';
import { type MessageKey, type Translate, useT } from '../../i18n';
import { regionName } from '../../i18n/keys';
import { loadStoragePagesMessages } from '../../i18n/storage-pages';
import { type BindField, type BindValues, formShape, type TextField } from './binding';
import { s3RegionName } from './s3-regions';

loadStoragePagesMessages();

export interface BindFieldsProps {
  values: BindValues;
  disabled: boolean;
  /** The message for a field, or null; `marked` also outlines fields a refusal points at. */
  errorOf(field: BindField): string | null;
  marked(field: BindField): boolean;
  change(field: TextField, value: string): void;
  setPathStyle(on: boolean): void;
  visit(field: BindField): void;
}

/** The keys as each console names them (its own words in every language, so not translated). */
const KEY_LABELS: Record<S3Preset, { accessKey: string; secretKey: string }> = {
  cos: { accessKey: 'SecretId', secretKey: 'SecretKey' },
  oss: { accessKey: 'AccessKey ID', secretKey: 'AccessKey Secret' },
  r2: { accessKey: 'Access Key ID', secretKey: 'Secret Access Key' },
  minio: { accessKey: 'Access Key', secretKey: 'Secret Key' },
  aws: { accessKey: 'Access key ID', secretKey: 'Secret access key' },
  custom: { accessKey: 'Access Key', secretKey: 'Secret Key' },
};

function labelOf(t: Translate, field: TextField, values: BindValues): string {
  const { choice } = values;
  // Qiniu's form has no account id or endpoint (formShape).
  if (choice === 'qiniu')
    return t(`storage.form.${field as 'accessKey' | 'secretKey' | 'bucket' | 'domain' | 'region'}`);
  if (field === 'accessKey' || field === 'secretKey') return KEY_LABELS[choice][field];
  return t(`storage.s3.form.${field}`);
}

function hintOf(field: TextField, values: BindValues): MessageKey | null {
  if (field === 'secretKey') return 'storage.form.secretKeyHint';
  if (values.choice === 'qiniu') return null;
  const shape = formShape(values.choice);
  switch (field) {
    case 'bucket':
      return values.choice === 'cos' ? 'storage.s3.form.bucketHint.cos' : null;
    case 'region':
      return shape.pathStyle ? 'storage.s3.form.regionOptionalHint' : 'storage.s3.form.regionHint';
    case 'accountId':
      return 'storage.s3.form.accountIdHint';
    case 'endpoint':
      return 'storage.s3.form.endpointHint';
    case 'domain':
      return 'storage.s3.form.domainHint';
    default:
      return null;
  }
}

function FieldError({ field, message }: { field: BindField; message: string | null }) {
  if (!message) return null;
  return (
    <Text id={`bind-error-${field}`} className="bind-form__error">
      {message}
    </Text>
  );
}

export function BindFields({ values, disabled, errorOf, marked, change, setPathStyle, visit }: BindFieldsProps) {
  const t = useT();
  const shape = formShape(values.choice);
  const fieldClass = (field: BindField) => `bind-form__field${marked(field) ? ' bind-form__field--error' : ''}`;

  /** The region's name in words (the id is shown beside it, as the console shows it). */
  const chipName = (region: string): string | null =>
    values.choice === 'qiniu' ? regionName(t, region as QiniuRegion) : s3RegionName(t, values.choice, region);
  const regionChips = (container: string) => (
    <View className="bind-form__regions" id={container}>
      {shape.regions.map((region) => (
        <View
          key={region}
          id={`bind-region-${region}`}
          className={`bind-form__region${values.region === region ? ' bind-form__region--chosen' : ''}`}
          aria-selected={values.region === region}
          onClick={() => {
            if (disabled) return;
            change('region', region);
            visit('region');
          }}
        >
          {chipName(region) && <Text>{chipName(region)}</Text>}
          <Text className="bind-form__region-id">{region}</Text>
        </View>
      ))}
    </View>
  );

  return (
    <View>
      {shape.text.map((field) => {
        const hint = hintOf(field, values);
        return (
          <View key={field} className={fieldClass(field)}>
            <Text className="bind-form__label">{labelOf(t, field, values)}</Text>
            <Input
              id={`bind-${field}`}
              className="bind-form__input"
              value={values[field]}
              password={field === 'secretKey'}
              placeholder={
                field === 'domain'
                  ? t('storage.form.domainPlaceholder')
                  : field === 'endpoint'
                    ? t('storage.s3.form.endpointPlaceholder')
                    : ''
              }
              maxlength={field === 'domain' || field === 'endpoint' ? 253 : 128}
              disabled={disabled || undefined}
              onInput={(event) => change(field, event.detail.value)}
              onBlur={() => visit(field)}
            />
            {hint && <Text className="bind-form__hint">{t(hint)}</Text>}
            {field === 'region' && shape.regions.length > 0 && regionChips('bind-region-choices')}
            <FieldError field={field} message={errorOf(field)} />
          </View>
        );
      })}

      {!shape.regionTyped && (
        <View className={fieldClass('region')}>
          <Text className="bind-form__label">{t('storage.form.region')}</Text>
          {regionChips('bind-region')}
          <FieldError field="region" message={errorOf('region')} />
        </View>
      )}

      {shape.pathStyle && (
        <View className={fieldClass('pathStyle')}>
          <View
            id="bind-pathStyle"
            className={`bind-form__region bind-form__toggle${values.pathStyle ? ' bind-form__region--chosen' : ''}`}
            role="switch"
            aria-checked={values.pathStyle}
            onClick={() => {
              if (!disabled) setPathStyle(!values.pathStyle);
            }}
          >
            <Text>{t('storage.s3.form.pathStyle')}</Text>
            <Text className="bind-form__region-id">
              {t(values.pathStyle ? 'storage.s3.form.on' : 'storage.s3.form.off')}
            </Text>
          </View>
          <Text className="bind-form__hint">{t('storage.s3.form.pathStyleHint')}</Text>
        </View>
      )}
    </View>
  );
}

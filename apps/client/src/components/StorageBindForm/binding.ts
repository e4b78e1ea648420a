/**
 * The binding form's rules, apart from the view: which fields each provider asks for (from the shared
 * presets), validation by the shared `zBindStorageInput` (the exact schema the server applies), and the
 * translation of the server's answer into what the user should fix. Answers message keys, so the view and
 * tests agree on wording in one place.
 */
import {
  type BindStorageInput,
  isErrorCode,
  QINIU_REGIONS,
  S3_PRESETS,
  type S3Preset,
  zBindStorageInput,
} from '@xiaojia/shared';
import type { MessageKey, MessageParams } from '../../i18n';
import { S3_REGION_CHOICES } from './s3-regions';

/** What the owner picks first: Qiniu, or one of the S3 presets. */
export type StorageChoice = 'qiniu' | S3Preset;
export const STORAGE_CHOICES: readonly StorageChoice[] = ['qiniu', 'cos', 'oss', 'r2', 'minio', 'aws', 'custom'];

export const TEXT_FIELDS = ['accessKey', 'secretKey', 'bucket', 'accountId', 'endpoint', 'region', 'domain'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
export type BindField = TextField | 'pathStyle';

/** What the form holds: raw text as typed (the schema trims and normalises). */
export type BindValues = Record<TextField, string> & { choice: StorageChoice; pathStyle: boolean };

export const EMPTY_BIND_VALUES: BindValues = {
  choice: 'qiniu',
  accessKey: '',
  secretKey: '',
  bucket: '',
  accountId: '',
  endpoint: '',
  region: '',
  domain: '',
  pathStyle: true,
};

export interface FormShape {
  /** Text fields shown, in order (the region among them when it is typed rather than only picked). */
  text: readonly TextField[];
  /** Region ids to pick from: Qiniu's (the only way to choose), or the preset's common ones (a shortcut). */
  regions: readonly string[];
  /** Qiniu's region is picked from its list only; S3 regions may be typed too. */
  regionTyped: boolean;
  /** MinIO and custom: the path-style switch. */
  pathStyle: boolean;
  domainRequired: boolean;
}

const KEYS = ['accessKey', 'secretKey', 'bucket'] as const;

export function formShape(choice: StorageChoice): FormShape {
  if (choice === 'qiniu') {
    return {
      text: [...KEYS, 'domain'],
      regions: Object.keys(QINIU_REGIONS),
      regionTyped: false,
      pathStyle: false,
      domainRequired: true,
    };
  }
  const locator = S3_PRESETS[choice].locator;
  const where: readonly TextField[] =
    locator === 'region' ? ['region'] : locator === 'account' ? ['accountId'] : ['endpoint', 'region'];
  return {
    text: [...KEYS, ...where, 'domain'],
    regions: S3_REGION_CHOICES[choice] ?? [],
    regionTyped: true,
    pathStyle: locator === 'endpoint',
    domainRequired: false,
  };
}

/** The input storage.bind takes for what the form holds (before validation). */
export function bindInputOf(values: BindValues): Record<string, unknown> {
  const { choice } = values;
  if (choice === 'qiniu') {
    const { accessKey, secretKey, bucket, domain, region } = values;
    return { provider: 'qiniu', accessKey, secretKey, bucket, domain, region };
  }
  const shape = formShape(choice);
  const input: Record<string, unknown> = { provider: 's3', preset: choice };
  for (const field of shape.text) {
    // Optional fields left empty are left out (the server's defaults apply).
    if (values[field].trim() !== '' || KEYS.includes(field as (typeof KEYS)[number])) input[field] = values[field];
  }
  if (shape.pathStyle) input.pathStyle = values.pathStyle;
  return input;
}

export interface FieldError {
  key: MessageKey;
  params?: MessageParams;
}
export type FieldErrors = Partial<Record<BindField, FieldError>>;

/** What a region looks like, per preset (as the shared presets check it). */
const REGION_EXAMPLES: Partial<Record<S3Preset, string>> = {
  cos: 'ap-guangzhou',
  oss: 'cn-hangzhou',
  aws: 'us-east-1',
  minio: 'us-east-1',
  custom: 'us-east-1',
};

function fieldError(field: BindField, values: BindValues): FieldError {
  const empty = field !== 'pathStyle' && values[field].trim() === '';
  const kind = empty ? 'required' : 'invalid';
  if (values.choice === 'qiniu') {
    if (field === 'accountId' || field === 'endpoint' || field === 'pathStyle') return { key: 'storage.error.other' };
    return { key: `storage.error.${field}.${kind}` };
  }
  if (field === 'region' && !empty) {
    return { key: 'storage.s3.error.region.invalid', params: { example: REGION_EXAMPLES[values.choice] ?? '' } };
  }
  if (field === 'pathStyle') return { key: 'storage.s3.error.endpoint.invalid' };
  return { key: `storage.s3.error.${field}.${kind}` };
}

function isBindField(value: unknown): value is BindField {
  return value === 'pathStyle' || (typeof value === 'string' && (TEXT_FIELDS as readonly string[]).includes(value));
}

export type BindValidation = { ok: true; input: BindStorageInput } | { ok: false; errors: FieldErrors };

export function validateBinding(values: BindValues): BindValidation {
  const parsed = zBindStorageInput.safeParse(bindInputOf(values));
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (isBindField(field) && !errors[field]) errors[field] = fieldError(field, values);
  }
  return { ok: false, errors };
}

/** The refusals of `storage.bind` the form explains itself. */
export const REFUSAL_CODES = [
  'STORAGE_BAD_KEYS',
  'STORAGE_NO_SUCH_BUCKET',
  'STORAGE_WRONG_REGION',
  'STORAGE_DOMAIN_INVALID',
  'STORAGE_UNREACHABLE',
  'STORAGE_CLOCK_SKEW',
  'STORAGE_CORS_MISSING',
  'STORAGE_ENDPOINT_NOT_ALLOWED',
] as const;
export type BindRefusalCode = (typeof REFUSAL_CODES)[number];

/** Which fields each refusal points at for this provider, so the form can mark them. */
export function refusedFields(code: BindRefusalCode, choice: StorageChoice): readonly BindField[] {
  const locator = choice === 'qiniu' ? 'region' : S3_PRESETS[choice].locator;
  switch (code) {
    case 'STORAGE_BAD_KEYS':
      return ['accessKey', 'secretKey'];
    case 'STORAGE_NO_SUCH_BUCKET':
      return ['bucket'];
    case 'STORAGE_WRONG_REGION':
      return locator === 'region'
        ? ['region']
        : locator === 'account'
          ? ['accountId']
          : ['endpoint', 'region', 'pathStyle'];
    case 'STORAGE_DOMAIN_INVALID':
      return ['domain'];
    case 'STORAGE_UNREACHABLE':
      return locator === 'endpoint' ? ['endpoint'] : [];
    case 'STORAGE_ENDPOINT_NOT_ALLOWED':
      return ['endpoint'];
    case 'STORAGE_CLOCK_SKEW':
    case 'STORAGE_CORS_MISSING':
      return [];
  }
}

/** Refusals Qiniu has its own wording for (naming its console); the rest are worded for any provider. */
const QINIU_WORDED = [
  'STORAGE_BAD_KEYS',
  'STORAGE_NO_SUCH_BUCKET',
  'STORAGE_WRONG_REGION',
  'STORAGE_DOMAIN_INVALID',
  'STORAGE_UNREACHABLE',
] as const satisfies readonly BindRefusalCode[];

const isQiniuWorded = (code: BindRefusalCode): code is (typeof QINIU_WORDED)[number] =>
  (QINIU_WORDED as readonly string[]).includes(code);

/** The message explaining a refusal (its params: provider, origin). */
export function refusalMessageKey(code: BindRefusalCode, choice: StorageChoice): MessageKey {
  return choice === 'qiniu' && isQiniuWorded(code) ? `storage.error.${code}` : `storage.s3.error.${code}`;
}

export type BindFailure =
  /** One of the verification refusals: a precise message, the fields to look at, storage's own words. */
  | { kind: 'refused'; code: BindRefusalCode; fields: readonly BindField[]; detail: string }
  /** The server refused the input itself (BAD_INPUT): per-field messages. */
  | { kind: 'fields'; errors: FieldErrors }
  /** Anything else (session expired, network): described by the app's general error messages. */
  | { kind: 'other'; code: string | null; error: unknown };

interface ErrorLike {
  message?: unknown;
  data?: { appCode?: unknown; issues?: { path?: unknown }[] } | null;
}

/** Reads a TRPCClientError (or anything shaped like one) thrown by `storage.bind`. */
export function bindFailure(error: unknown, values: BindValues): BindFailure {
  const shaped = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const code = shaped.data?.appCode;
  if ((REFUSAL_CODES as readonly unknown[]).includes(code)) {
    const refusal = code as BindRefusalCode;
    const detail = typeof shaped.message === 'string' && shaped.message !== refusal ? shaped.message : '';
    return { kind: 'refused', code: refusal, fields: refusedFields(refusal, values.choice), detail };
  }
  if (code === 'BAD_INPUT') {
    const errors: FieldErrors = {};
    for (const issue of shaped.data?.issues ?? []) {
      // The API reports paths as "domain" (or "0.domain" inside a batch): the last segment is the field.
      const field = typeof issue.path === 'string' ? issue.path.split('.').at(-1) : undefined;
      if (isBindField(field) && !errors[field]) errors[field] = fieldError(field, values);
    }
    if (Object.keys(errors).length > 0) return { kind: 'fields', errors };
  }
  return { kind: 'other', code: isErrorCode(code) ? code : null, error };
}

/**
 * The binding form's rules, apart from the view: field validation by the shared `zBindStorageInput` (the
 * exact schema the server applies) and the translation of the server's answer into what the user should
 * fix. Returns message keys of the storage locale, so the view and tests agree on wording in one place.
 */
import { type BindStorageInput, isErrorCode, zBindStorageInput } from '@xiaojia/shared';

export const BIND_FIELDS = ['accessKey', 'secretKey', 'bucket', 'domain', 'region'] as const;
export type BindField = (typeof BIND_FIELDS)[number];
/** What the form holds: raw text as typed (the schema trims and normalises). */
export type BindValues = Record<BindField, string>;
export type FieldErrorKey = `storage.error.${BindField}.${'required' | 'invalid'}`;
export type FieldErrors = Partial<Record<BindField, FieldErrorKey>>;

export const EMPTY_BIND_VALUES: BindValues = { accessKey: '', secretKey: '', bucket: '', domain: '', region: '' };

function isBindField(value: unknown): value is BindField {
  return typeof value === 'string' && (BIND_FIELDS as readonly string[]).includes(value);
}

function fieldError(field: BindField, values: BindValues): FieldErrorKey {
  return values[field].trim() === '' ? `storage.error.${field}.required` : `storage.error.${field}.invalid`;
}

export type BindValidation = { ok: true; input: BindStorageInput } | { ok: false; errors: FieldErrors };

export function validateBinding(values: BindValues): BindValidation {
  const parsed = zBindStorageInput.safeParse(values);
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (isBindField(field) && !errors[field]) errors[field] = fieldError(field, values);
  }
  return { ok: false, errors };
}

/** Which fields each refusal of `storage.bind` points at, so the form can mark them. */
const CODE_FIELDS = {
  STORAGE_BAD_KEYS: ['accessKey', 'secretKey'],
  STORAGE_NO_SUCH_BUCKET: ['bucket'],
  STORAGE_WRONG_REGION: ['region'],
  STORAGE_DOMAIN_INVALID: ['domain'],
  STORAGE_UNREACHABLE: [],
} as const satisfies Record<string, readonly BindField[]>;
export type BindRefusalCode = keyof typeof CODE_FIELDS;

export type BindFailure =
  /** One of the verification refusals: a precise message, and the fields to look at. */
  | { kind: 'refused'; code: BindRefusalCode; fields: readonly BindField[] }
  /** The server refused the input itself (BAD_INPUT): per-field messages. */
  | { kind: 'fields'; errors: FieldErrors }
  /** Anything else (session expired, network): described by the app's general error messages. */
  | { kind: 'other'; code: string | null; error: unknown };

interface ErrorLike {
  data?: { appCode?: unknown; issues?: { path?: unknown }[] } | null;
}

/** Reads a TRPCClientError (or anything shaped like one) thrown by `storage.bind`. */
export function bindFailure(error: unknown, values: BindValues): BindFailure {
  const shaped = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const code = shaped.data?.appCode;
  if (typeof code === 'string' && Object.hasOwn(CODE_FIELDS, code)) {
    const refusal = code as BindRefusalCode;
    return { kind: 'refused', code: refusal, fields: CODE_FIELDS[refusal] };
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

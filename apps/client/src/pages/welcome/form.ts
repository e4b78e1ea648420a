/** The sign-in / sign-up form checked with the shared schemas, naming the first problem in the user's words. */
import { zSignInInput, zSignUpInput } from '@xiaojia/shared';
import type { MessageKey } from '../../i18n';

export type AuthMode = 'signIn' | 'signUp';

export interface AuthFormValues {
  username: string;
  password: string;
  displayName: string;
}

export type AuthFormResult =
  | { ok: true; values: { username: string; password: string; displayName?: string } }
  | { ok: false; messageKey: MessageKey };

export function validateAuthForm(mode: AuthMode, form: AuthFormValues): AuthFormResult {
  const values = {
    username: form.username,
    password: form.password,
    ...(mode === 'signUp' && form.displayName.trim() !== '' ? { displayName: form.displayName } : {}),
  };
  const parsed = (mode === 'signUp' ? zSignUpInput : zSignInInput).safeParse(values);
  if (parsed.success) return { ok: true, values: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue?.path[0];
  if (field === 'password') {
    return { ok: false, messageKey: form.password.length < 8 ? 'auth.password.tooShort' : 'auth.password.tooLong' };
  }
  if (field === 'displayName') return { ok: false, messageKey: 'auth.displayName.invalid' };
  return { ok: false, messageKey: 'auth.username.invalid' };
}

/** Turns any error the API client throws into a sentence for the user, in the current locale. */
import { type AppErrorDetails, type ErrorCode, isErrorCode } from '@xiaojia/shared';
import { isNetworkError } from '../lib/network-error';
import { type Translate, t as translateCurrent } from './index';

/** The app code the server put in `error.data.appCode`, if the error carries one. */
export function appCodeOf(error: unknown): ErrorCode | null {
  const data = error && typeof error === 'object' && 'data' in error ? (error as { data: unknown }).data : null;
  const code = data && typeof data === 'object' && 'appCode' in data ? (data as { appCode: unknown }).appCode : null;
  return isErrorCode(code) ? code : null;
}

export function errorDetailsOf(error: unknown): AppErrorDetails {
  const data = error && typeof error === 'object' && 'data' in error ? (error as { data: unknown }).data : null;
  const details = data && typeof data === 'object' && 'details' in data ? (data as { details: unknown }).details : null;
  return details && typeof details === 'object' ? (details as AppErrorDetails) : {};
}

/** The code's message with its details filled in: a lockout's minutes left, a password's attempts left. */
export function describeCode(code: ErrorCode, details: AppErrorDetails, t: Translate): string {
  const seconds = typeof details.retryAfterSeconds === 'number' ? details.retryAfterSeconds : null;
  if (code === 'LOCKED_OUT' || code === 'RATE_LIMITED') {
    return seconds === null
      ? t(`errors.${code}.noTime`)
      : t(`errors.${code}`, { minutes: Math.max(1, Math.ceil(seconds / 60)) });
  }
  if ((code === 'INVALID_CREDENTIALS' || code === 'WRONG_PASSWORD') && typeof details.attemptsLeft === 'number') {
    // No attempts left: the next try is refused whatever it is, so say it is locked, not "0 more tries".
    return details.attemptsLeft > 0
      ? t(`errors.${code}.attempts`, { attemptsLeft: details.attemptsLeft })
      : t(`errors.${code}.locked`);
  }
  return t(`errors.${code}`);
}

export function errorMessage(error: unknown, t: Translate = translateCurrent): string {
  const code = appCodeOf(error);
  if (code) return describeCode(code, errorDetailsOf(error), t);
  if (isNetworkError(error)) return t('errors.NETWORK');
  return t('errors.UNKNOWN', { message: error instanceof Error ? error.message : String(error) });
}

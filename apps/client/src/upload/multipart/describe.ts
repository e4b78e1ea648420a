/** A multipart failure in words for the upload list (locales/upload-multipart.ts). */
import type { Translate } from '../../i18n';
import { MultipartFailure } from './errors';

export function describeMultipartFailure(error: unknown, t: Translate): string | null {
  if (!(error instanceof MultipartFailure)) return null;
  const message = error.cause instanceof Error ? error.cause.message : '';
  return t(`upload.multipart.${error.reason}`, { message });
}

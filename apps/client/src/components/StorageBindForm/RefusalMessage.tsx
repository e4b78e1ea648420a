/**
 * Why the binding failed, under the form: the precise message for a verification refusal (with storage's
 * own words, and for missing CORS the rule to paste), else the app-wide description of the error.
 */
import { Text, View } from '@tarojs/components';
import { useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { loadStoragePagesMessages } from '../../i18n/storage-pages';
import { webAppOrigin } from '../../lib/web-origin';
import { CorsRule } from '../StorageGuide/CorsRule';
import { type BindFailure, refusalMessageKey, type StorageChoice } from './binding';

loadStoragePagesMessages();

export function RefusalMessage({ failure, choice }: { failure: BindFailure | null; choice: StorageChoice }) {
  const t = useT();
  if (!failure || failure.kind === 'fields') return null;
  if (failure.kind === 'other') {
    return (
      <View className="bind-form__failure" id="bind-error">
        <Text>{t('storage.error.other', { message: errorMessage(failure.error, t) })}</Text>
      </View>
    );
  }
  const origin = webAppOrigin();
  const provider = choice === 'qiniu' ? t('storage.provider.qiniu') : t(`storage.provider.${choice}`);
  return (
    <View className="bind-form__failure" id="bind-error">
      <Text>{t(refusalMessageKey(failure.code, choice), { provider, origin })}</Text>
      {failure.detail && choice !== 'qiniu' && (
        <Text id="bind-error-detail" className="bind-form__hint">
          {t('storage.s3.error.detail', { detail: failure.detail })}
        </Text>
      )}
      {failure.code === 'STORAGE_CORS_MISSING' && <CorsRule id="bind-error-cors" origin={origin} />}
    </View>
  );
}

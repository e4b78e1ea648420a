/** Where the home's photos live: the server's own store, or the bound bucket with its facts (masked key). */
import { Text, View } from '@tarojs/components';
import type { StorageStatus } from '@xiaojia/shared';
import { useT } from '../../i18n';
import { regionName } from '../../i18n/keys';
import { loadStoragePagesMessages } from '../../i18n/storage-pages';
import { formatDateTime } from '../../lib/format';

loadStoragePagesMessages();

function StatusRow({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <View className="screen__row">
      <Text className="screen__label">{label}</Text>
      <Text id={id} className="screen__value">
        {value}
      </Text>
    </View>
  );
}

export function StorageStatusCard({ status }: { status: StorageStatus }) {
  const t = useT();
  const s3 = status.provider === 's3' ? status.s3 : null;
  const bound = status.provider !== 'embedded';
  const providerName =
    status.provider === 'qiniu'
      ? t('storage.status.qiniu')
      : s3
        ? t('storage.status.s3', { provider: t(`storage.provider.${s3.preset}`) })
        : t('storage.status.embedded');
  return (
    <View className="screen__card" id="storage-status">
      <Text className="screen__heading">{t('storage.status.heading')}</Text>
      <Text id="storage-provider" className="screen__value storage__provider">
        {providerName}
      </Text>
      {!bound && <Text className="screen__hint">{t('storage.status.embeddedHint')}</Text>}
      {bound && (
        <View>
          <StatusRow id="storage-bucket" label={t('storage.status.bucket')} value={status.bucket ?? ''} />
          {s3 && <StatusRow id="storage-endpoint" label={t('storage.status.endpoint')} value={s3.endpoint} />}
          {s3 && <StatusRow id="storage-region" label={t('storage.status.s3Region')} value={s3.region} />}
          {s3 && (
            <StatusRow
              id="storage-path-style"
              label={t('storage.status.pathStyle')}
              value={t(s3.pathStyle ? 'storage.status.pathStyleOn' : 'storage.status.pathStyleOff')}
            />
          )}
          {(!s3 || status.domain) && (
            <StatusRow id="storage-domain" label={t('storage.status.domain')} value={status.domain ?? ''} />
          )}
          {!s3 && (
            <StatusRow
              id="storage-region"
              label={t('storage.status.region')}
              value={status.region ? `${regionName(t, status.region)} (${status.region})` : ''}
            />
          )}
          <StatusRow
            id="storage-access-key"
            label={t('storage.status.accessKey')}
            value={status.accessKeyMasked ?? ''}
          />
          <StatusRow
            id="storage-verified-at"
            label={t('storage.status.verifiedAt')}
            value={status.verifiedAt ? formatDateTime(status.verifiedAt) : t('storage.status.never')}
          />
          {status.lastError && (
            <StatusRow id="storage-last-error" label={t('storage.status.lastError')} value={status.lastError} />
          )}
        </View>
      )}
      {status.unboundPhotoCount > 0 && (
        <Text id="storage-unbound-count" className="screen__hint storage__unbound">
          {t('storage.status.unbound', { count: status.unboundPhotoCount })}
        </Text>
      )}
    </View>
  );
}

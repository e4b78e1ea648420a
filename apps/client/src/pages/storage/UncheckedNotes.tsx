/**
 * After a bind: what the verification could not check (bind's `unchecked` codes), each worded in the
 * owner's language with what to set by hand: MinIO's server-wide CORS setting, or the bucket's CORS rule.
 */
import { Text, View } from '@tarojs/components';
import type { StorageUnchecked } from '@xiaojia/shared';
import { CorsRule } from '../../components/StorageGuide/CorsRule';
import { useT } from '../../i18n';
import { loadStoragePagesMessages } from '../../i18n/storage-pages';

loadStoragePagesMessages();

export function UncheckedNotes({ items }: { items: readonly StorageUnchecked[] }) {
  const t = useT();
  if (items.length === 0) return null;
  return (
    <View className="screen__card" id="storage-unchecked">
      <Text className="screen__heading">{t('storage.unchecked.heading')}</Text>
      {items.map((item, index) => (
        <View key={`${item.code}-${item.setIn}`} id={`storage-unchecked-${index}`}>
          <Text className="screen__hint">
            {t(`storage.unchecked.${item.code}.${item.setIn}`, { origin: item.origin })}
          </Text>
          {item.setIn === 'bucketRules' && <CorsRule id={`storage-unchecked-cors-${index}`} origin={item.origin} />}
        </View>
      ))}
    </View>
  );
}

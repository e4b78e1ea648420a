// Placeholder so the app builds; the storage screen replaces it.
import { Text, View } from '@tarojs/components';
import { useT } from '../../i18n';

export default function StoragePage() {
  const t = useT();
  return (
    <View className="page">
      <Text>{t('storage.title')}</Text>
    </View>
  );
}

// Placeholder so the app builds; the trash screen replaces it.
import { Text, View } from '@tarojs/components';
import { useT } from '../../i18n';

export default function TrashPage() {
  const t = useT();
  return (
    <View className="page">
      <Text>{t('trash.title')}</Text>
    </View>
  );
}

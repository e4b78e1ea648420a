import { Text, View } from '@tarojs/components';
import { useT } from '../../i18n';

export default function TimelinePage() {
  const t = useT();
  return (
    <View className="page">
      <Text>{t('timeline.title')}</Text>
    </View>
  );
}

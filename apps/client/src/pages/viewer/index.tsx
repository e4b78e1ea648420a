import { Text, View } from '@tarojs/components';
import { useT } from '../../i18n';

export default function ViewerPage() {
  const t = useT();
  return (
    <View className="page">
      <Text>{t('viewer.info')}</Text>
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import { useT } from '../../i18n';

export default function UploadPage() {
  const t = useT();
  return (
    <View className="page">
      <Text>{t('upload.title')}</Text>
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import { useT } from '../../i18n';

export default function WelcomePage() {
  const t = useT();
  return (
    <View className="page">
      <Text>{t('auth.signIn')}</Text>
    </View>
  );
}

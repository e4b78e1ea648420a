// Placeholder so the app builds; the account screen replaces it.
import { Text, View } from '@tarojs/components';
import { useT } from '../../i18n';

export default function AccountPage() {
  const t = useT();
  return (
    <View className="page">
      <Text>{t('account.title')}</Text>
    </View>
  );
}

// Placeholder so the app builds; the album screen replaces it.
import { Text, View } from '@tarojs/components';
import { useT } from '../../i18n';

export default function AlbumPage() {
  const t = useT();
  return (
    <View className="page">
      <Text>{t('album.title')}</Text>
    </View>
  );
}

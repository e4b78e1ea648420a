// Placeholder so the app builds; the albums screen replaces it.
import { Text, View } from '@tarojs/components';
import { useT } from '../../i18n';

export default function AlbumsPage() {
  const t = useT();
  return (
    <View className="page">
      <Text>{t('albums.title')}</Text>
    </View>
  );
}

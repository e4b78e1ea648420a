import Taro from '@tarojs/taro';
import { usePageChrome } from '../../components/Screen/chrome';
import { useT } from '../../i18n';
import { ROUTES, withQuery } from '../../routes';
import { AlbumsScreen } from './AlbumsScreen';

export default function AlbumsPage() {
  const t = useT();
  usePageChrome(t('albums.title'));
  return (
    <AlbumsScreen onOpenAlbum={(album) => void Taro.navigateTo({ url: withQuery(ROUTES.album, { id: album.id }) })} />
  );
}

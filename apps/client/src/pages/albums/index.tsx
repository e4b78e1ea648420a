import Taro from '@tarojs/taro';
import { ROUTES, withQuery } from '../../routes';
import { AlbumsScreen } from './AlbumsScreen';

export default function AlbumsPage() {
  return (
    <AlbumsScreen onOpenAlbum={(album) => void Taro.navigateTo({ url: withQuery(ROUTES.album, { id: album.id }) })} />
  );
}

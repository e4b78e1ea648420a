import Taro, { useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import { usePageChrome } from '../../components/Screen/chrome';
import { HomeGate } from '../../home/HomeGate';
import { useT } from '../../i18n';
import { useFeedBadge } from '../../lib/feed-badge';
import { ROUTES, withQuery } from '../../routes';
import { AlbumsScreen } from './AlbumsScreen';

export default function AlbumsPage() {
  const t = useT();
  usePageChrome(t('albums.title'));
  useFeedBadge();
  const [reachedBottom, setReachedBottom] = useState(0);
  useReachBottom(() => setReachedBottom((n) => n + 1));
  return (
    <HomeGate>
      {(home) => (
        <AlbumsScreen
          home={home}
          reachedBottom={reachedBottom}
          onOpenAlbum={(album) =>
            void Taro.navigateTo({ url: withQuery(ROUTES.album, { id: album.id, home: home.id }) })
          }
        />
      )}
    </HomeGate>
  );
}

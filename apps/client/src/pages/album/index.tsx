import Taro, { useReachBottom, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { BackButton } from '../../components/BackButton';
import { HomeGate } from '../../home/HomeGate';
import { ROUTES, withQuery } from '../../routes';
import { remember } from '../viewer/handoff';
import { AlbumScreen } from './AlbumScreen';

export default function AlbumPage() {
  const { params } = useRouter();
  const [reachedBottom, setReachedBottom] = useState(0);
  useReachBottom(() => setReachedBottom((n) => n + 1));
  return (
    <>
      <BackButton fallbackTab={ROUTES.albums} />
      <HomeGate homeId={params.home}>
        {(home) => (
          <AlbumScreen
            home={home}
            albumId={params.id ?? ''}
            reachedBottom={reachedBottom}
            // The viewer swipes within this album (photos.get with albumId).
            onOpenPhoto={(photo, albumId) => {
              remember(photo);
              void Taro.navigateTo({ url: withQuery(ROUTES.viewer, { id: photo.id, albumId, home: home.id }) });
            }}
            onDeleted={() => {
              // Opened from the albums tab as a rule; a shared link may have opened it first, then go there.
              Taro.navigateBack().catch(() => Taro.switchTab({ url: ROUTES.albums }));
            }}
          />
        )}
      </HomeGate>
    </>
  );
}

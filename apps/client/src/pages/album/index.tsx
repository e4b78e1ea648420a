import Taro, { useReachBottom, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { ROUTES, withQuery } from '../../routes';
import { AlbumScreen } from './AlbumScreen';

export default function AlbumPage() {
  const { params } = useRouter();
  const [reachedBottom, setReachedBottom] = useState(0);
  useReachBottom(() => setReachedBottom((n) => n + 1));
  return (
    <AlbumScreen
      albumId={params.id ?? ''}
      reachedBottom={reachedBottom}
      // The viewer swipes within this album (photos.get with albumId).
      onOpenPhoto={(photo, albumId) =>
        void Taro.navigateTo({ url: withQuery(ROUTES.viewer, { id: photo.id, albumId }) })
      }
      onDeleted={() => {
        // Opened from the albums tab as a rule; a shared link may have opened it first, then go there.
        Taro.navigateBack().catch(() => Taro.switchTab({ url: ROUTES.albums }));
      }}
    />
  );
}

/** The full-screen viewer page: black, untitled, one home's photo (ViewerScreen.tsx). */
import { useRouter } from '@tarojs/taro';
import { usePageChrome } from '../../components/Screen/chrome';
import { HomeGate } from '../../home/HomeGate';
import { parseListQuery } from './navigation';
import { ViewerScreen } from './ViewerScreen';
import './index.css';

export default function ViewerPage() {
  // Black in either scheme (index.config.ts), and untitled: the photo speaks for itself.
  usePageChrome('', { fixedBar: 'dark' });
  const { params } = useRouter();
  return (
    <HomeGate homeId={params.home}>
      {(home) => (
        <ViewerScreen
          home={home}
          photoId={params.id ?? ''}
          albumId={params.albumId || undefined}
          trashed={params.trashed === '1'}
          ids={parseListQuery(params.ids)}
        />
      )}
    </HomeGate>
  );
}

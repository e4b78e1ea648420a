/** Publish to 发现 (?home=&photo=): PublishScreen, reading the original's head for its EXIF. */
import Taro, { useRouter } from '@tarojs/taro';
import { BackButton } from '../../components/BackButton';
import { usePageChrome } from '../../components/Screen/chrome';
import { useT } from '../../i18n';
import { ROUTES, withQuery } from '../../routes';
import { EXIF_HEAD_BYTES } from '../../upload/exif';
import { PublishScreen } from './PublishScreen';

/**
 * The first bytes of the original, from the bucket's signed URL with a Range header. On weapp the bucket's
 * domain is usually not one the mini-program may reach: the request fails and the form says there is no
 * EXIF to show (nothing is guessed).
 */
async function readHead(url: string): Promise<ArrayBuffer> {
  const response = await Taro.request<ArrayBuffer>({
    url,
    header: { Range: `bytes=0-${EXIF_HEAD_BYTES - 1}` },
    responseType: 'arraybuffer',
    dataType: 'binary',
  });
  if (response.statusCode !== 200 && response.statusCode !== 206) throw new Error(`HTTP ${response.statusCode}`);
  return response.data;
}

export default function PublishPage() {
  const t = useT();
  usePageChrome(t('publish.title'));
  const { params } = useRouter();
  return (
    <>
      <BackButton fallbackTab={ROUTES.timeline} />
      <PublishScreen
        homeId={params.home ?? ''}
        photoId={params.photo ?? ''}
        readHead={readHead}
        onPublished={(work) => void Taro.redirectTo({ url: withQuery(ROUTES.work, { workId: work.id }) })}
        onOpenMyProfile={() => void Taro.redirectTo({ url: ROUTES.profile })}
      />
    </>
  );
}

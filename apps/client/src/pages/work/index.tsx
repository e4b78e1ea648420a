/** A work's page (?workId=): WorkScreen with WeChat's share card (works.shareCard) and, on H5, a link to copy. */
import Taro, { useReachBottom, useRouter, useShareAppMessage } from '@tarojs/taro';
import { useState } from 'react';
import { useApi } from '../../api/context';
import { BackButton } from '../../components/BackButton';
import { usePageChrome } from '../../components/Screen/chrome';
import { useT } from '../../i18n';
import { webAppOrigin } from '../../lib/web-origin';
import { ROUTES, withQuery } from '../../routes';
import { WorkScreen } from './WorkScreen';

export default function WorkPage() {
  const t = useT();
  usePageChrome(t('work.title'));
  const { params } = useRouter();
  const workId = params.workId ?? '';
  const api = useApi();
  const [reachedBottom, setReachedBottom] = useState(0);
  useReachBottom(() => setReachedBottom((n) => n + 1));
  const path = withQuery(ROUTES.work, { workId });
  // The card's title and image from the server (a rounded-window URL a CDN can cache).
  useShareAppMessage(() => {
    const card = api.works.shareCard.query({ workId });
    return {
      title: t('work.title'),
      path,
      promise: card.then((c) => ({ title: c.title, path: c.path, ...(c.imageUrl ? { imageUrl: c.imageUrl } : {}) })),
    };
  });
  return (
    <>
      <BackButton fallbackTab={ROUTES.discover} />
      <WorkScreen
        workId={workId}
        reachedBottom={reachedBottom}
        onOpenTag={(tag) => void Taro.navigateTo({ url: withQuery(ROUTES.tag, { tag }) })}
        onOpenProfile={(userId) => void Taro.navigateTo({ url: withQuery(ROUTES.profile, { userId }) })}
        onUnpublished={() => {
          // Back where the user came from; opened by a link or a share card, to 发现.
          if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
          else void Taro.switchTab({ url: ROUTES.discover });
        }}
        onCopyLink={() =>
          void Taro.setClipboardData({ data: `${webAppOrigin()}${path}` }).then(() =>
            Taro.showToast({ title: t('work.linkCopied'), icon: 'none' }),
          )
        }
      />
    </>
  );
}

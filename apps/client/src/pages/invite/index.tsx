import Taro, { useShareAppMessage } from '@tarojs/taro';
import type { CreatedInvite } from '@xiaojia/shared';
import { useRef } from 'react';
import { BackButton } from '../../components/BackButton';
import { usePageChrome } from '../../components/Screen/chrome';
import { useCurrentHome } from '../../home';
import { useT } from '../../i18n';
import { loadFamilyPagesMessages } from '../../i18n/family-pages';
import { ROUTES } from '../../routes';
import { InviteScreen } from './InviteScreen';
import { appServerOrigin, joinPagePath } from './link';

loadFamilyPagesMessages();

const weapp = process.env.TARO_ENV === 'weapp';

export default function InvitePage() {
  const t = useT();
  usePageChrome(t('invite.title'));
  const { home } = useCurrentHome();
  const latest = useRef<CreatedInvite | null>(null);
  // WeChat's share card (the button has openType="share", the page config enables sharing): it opens the
  // join page with the newest invite's code; before one is made, the app's start.
  useShareAppMessage(() => {
    const created = latest.current;
    if (!created) return { title: t('app.name'), path: ROUTES.welcome };
    return {
      title: t('invite.shareTitle', { inviter: created.invite.createdByName, home: home?.name ?? '' }),
      path: joinPagePath(created.code),
    };
  });
  return (
    <>
      <BackButton fallbackTab={ROUTES.account} />
      <InviteScreen
        qr={!weapp}
        wechat={weapp}
        origin={appServerOrigin()}
        copy={(data) => Taro.setClipboardData({ data }).then(() => undefined)}
        onCreated={(created) => {
          latest.current = created;
        }}
      />
    </>
  );
}

/** A community profile (?userId=): ProfileScreen with the page's reach-bottom and navigation. */
import Taro, { useReachBottom, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { BackButton } from '../../components/BackButton';
import { usePageChrome } from '../../components/Screen/chrome';
import { useT } from '../../i18n';
import { ROUTES, withQuery } from '../../routes';
import { ProfileScreen } from './ProfileScreen';

export default function ProfilePage() {
  const t = useT();
  usePageChrome(t('cprofile.title'));
  const { params } = useRouter();
  const [reachedBottom, setReachedBottom] = useState(0);
  useReachBottom(() => setReachedBottom((n) => n + 1));
  return (
    <>
      <BackButton fallbackTab={ROUTES.discover} />
      <ProfileScreen
        userId={params.userId ?? ''}
        reachedBottom={reachedBottom}
        onOpenWork={(work) => void Taro.navigateTo({ url: withQuery(ROUTES.work, { workId: work.id }) })}
        onOpenProfile={(userId) => void Taro.navigateTo({ url: withQuery(ROUTES.profile, { userId }) })}
        onMessage={(userId) => void Taro.navigateTo({ url: withQuery(ROUTES.conversation, { userId }) })}
      />
    </>
  );
}

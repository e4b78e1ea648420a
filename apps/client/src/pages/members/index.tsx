import Taro, { useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import { BackButton } from '../../components/BackButton';
import { usePageChrome } from '../../components/Screen/chrome';
import { useT } from '../../i18n';
import { loadFamilyPagesMessages } from '../../i18n/family-pages';
import { ROUTES } from '../../routes';
import { MembersScreen } from './MembersScreen';

loadFamilyPagesMessages();

export default function MembersPage() {
  const t = useT();
  usePageChrome(t('members.title'));
  const [reachedBottom, setReachedBottom] = useState(0);
  useReachBottom(() => setReachedBottom((n) => n + 1));
  return (
    <>
      <BackButton fallbackTab={ROUTES.account} />
      <MembersScreen
        reachedBottom={reachedBottom}
        onInvite={() => void Taro.navigateTo({ url: ROUTES.invite })}
        onHomeGone={() => void Taro.switchTab({ url: ROUTES.timeline })}
      />
    </>
  );
}

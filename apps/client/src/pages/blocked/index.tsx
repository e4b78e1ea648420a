/** 黑名单 (from 我的): BlockedScreen with the page's reach-bottom. */
import { useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import { BackButton } from '../../components/BackButton';
import { usePageChrome } from '../../components/Screen/chrome';
import { useT } from '../../i18n';
import { ROUTES } from '../../routes';
import { BlockedScreen } from './BlockedScreen';

export default function BlockedPage() {
  const t = useT();
  usePageChrome(t('blocked.title'));
  const [reachedBottom, setReachedBottom] = useState(0);
  useReachBottom(() => setReachedBottom((n) => n + 1));
  return (
    <>
      <BackButton fallbackTab={ROUTES.account} />
      <BlockedScreen reachedBottom={reachedBottom} />
    </>
  );
}

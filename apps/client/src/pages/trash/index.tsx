import { useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import { BackButton } from '../../components/BackButton';
import { usePageChrome } from '../../components/Screen/chrome';
import { HomeGate } from '../../home/HomeGate';
import { useT } from '../../i18n';
import { ROUTES } from '../../routes';
import { TrashScreen } from './TrashScreen';

export default function TrashPage() {
  const t = useT();
  usePageChrome(t('trash.title'));
  const [reachedBottom, setReachedBottom] = useState(0);
  useReachBottom(() => setReachedBottom((n) => n + 1));
  return (
    <>
      <BackButton fallbackTab={ROUTES.account} />
      <HomeGate>{(home) => <TrashScreen home={home} reachedBottom={reachedBottom} />}</HomeGate>
    </>
  );
}

import Taro, { useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import { BackButton } from '../../components/BackButton';
import { usePageChrome } from '../../components/Screen/chrome';
import { useT } from '../../i18n';
import { ROUTES, withQuery } from '../../routes';
import { ChildrenScreen } from './ChildrenScreen';

export default function ChildrenPage() {
  const t = useT();
  usePageChrome(t('children.title'));
  const [reachedBottom, setReachedBottom] = useState(0);
  useReachBottom(() => setReachedBottom((n) => n + 1));
  return (
    <>
      <BackButton fallbackTab={ROUTES.account} />
      <ChildrenScreen
        reachedBottom={reachedBottom}
        onOpenMilestones={(child) => void Taro.navigateTo({ url: withQuery(ROUTES.milestones, { child: child.id }) })}
        onOpenGrowth={(child) => void Taro.navigateTo({ url: withQuery(ROUTES.growth, { child: child.id }) })}
      />
    </>
  );
}

/** 摄影挑战: ChallengesScreen with the page's reach-bottom. */
import Taro, { useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import { BackButton } from '../../components/BackButton';
import { usePageChrome } from '../../components/Screen/chrome';
import { useT } from '../../i18n';
import { ROUTES, withQuery } from '../../routes';
import { ChallengesScreen } from './ChallengesScreen';

export default function ChallengesPage() {
  const t = useT();
  usePageChrome(t('challenges.title'));
  const [reachedBottom, setReachedBottom] = useState(0);
  useReachBottom(() => setReachedBottom((n) => n + 1));
  return (
    <>
      <BackButton fallbackTab={ROUTES.account} />
      <ChallengesScreen
        reachedBottom={reachedBottom}
        onOpen={(challenge) =>
          void Taro.navigateTo({ url: withQuery(ROUTES.challenge, { challengeId: challenge.id }) })
        }
      />
    </>
  );
}
